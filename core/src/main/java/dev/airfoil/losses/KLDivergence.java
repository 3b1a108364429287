package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Kullback-Leibler divergence, {@code sum(y_true * log(y_true / y_pred), axis=-1)}, with both clipped to
 * {@code [epsilon, 1]} as in Keras.
 *
 * <p>Config: {@code name} (default {@code "kl_divergence"}), {@code reduction}.
 */
public class KLDivergence extends Loss {
    /** With the default name and reduction. */
    public KLDivergence() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "kl_divergence"})
     * @param reduction see {@link Loss}
     */
    public KLDivergence(String name, String reduction) {
        super(name, reduction, "kl_divergence");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor tc = t.clip(LossUtils.EPSILON, 1.0);
        Tensor yc = y.clip(LossUtils.EPSILON, 1.0);
        return tc.mul(tc.div(yc).log()).sum(-1);
    }
}
