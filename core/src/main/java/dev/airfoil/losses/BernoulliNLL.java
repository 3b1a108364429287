package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Negative log-likelihood of binary targets under independent Bernoulli outputs:
 * {@code -sum(y * log(p) + (1 - y) * log(1 - p), axis=-1)}.
 *
 * <p>It is {@link BinaryCrossentropy} summed instead of averaged over the last axis, i.e. the joint
 * negative log-likelihood of a sample's components (the two agree for a single output unit).
 *
 * <p>Arguments: {@code from_logits} (default false; logits use the stable softplus form, probabilities
 * are clipped to {@code [1e-7, 1 - 1e-7]}).
 */
public class BernoulliNLL extends Loss {
    private final boolean fromLogits;

    /** From probabilities. */
    public BernoulliNLL() {
        this(false);
    }

    /** @param fromLogits whether predictions are logits */
    public BernoulliNLL(boolean fromLogits) {
        this(fromLogits, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param fromLogits whether predictions are logits
     * @param name       the loss name (null for {@code "bernoulli_nll"})
     * @param reduction  see {@link Loss}
     */
    public BernoulliNLL(boolean fromLogits, String name, String reduction) {
        super(name, reduction, "bernoulli_nll");
        this.fromLogits = fromLogits;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        LossUtils.requireSameShape(className(), p[0], p[1]);
        return BinaryCrossentropy.elementwise(p[0], p[1], fromLogits).sum(-1);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
    }
}
