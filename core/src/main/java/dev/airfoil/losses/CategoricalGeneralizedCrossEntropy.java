package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Generalized cross-entropy (Zhang and Sabuncu, 2018), a loss robust to noisy labels:
 * {@code (1 - p^q) / q} where {@code p} is the predicted probability of the true class. As {@code q -> 0}
 * it approaches cross-entropy, at {@code q = 1} it is the mean absolute error.
 *
 * <p>Arguments: {@code q} in (0, 1), default 0.5.
 *
 * <p>Shapes: {@code y_true} holds integer class ids, {@code (batch,)} or {@code (batch, 1)};
 * {@code y_pred} holds probabilities {@code (batch, num_classes)}.
 */
public class CategoricalGeneralizedCrossEntropy extends Loss {
    private final double q;

    /** {@code q = 0.5}. */
    public CategoricalGeneralizedCrossEntropy() {
        this(0.5);
    }

    /** @param q the robustness parameter in (0, 1) */
    public CategoricalGeneralizedCrossEntropy(double q) {
        this(q, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param q         the robustness parameter in (0, 1)
     * @param name      the loss name (null for {@code "categorical_generalized_cross_entropy"})
     * @param reduction see {@link Loss}
     */
    public CategoricalGeneralizedCrossEntropy(double q, String name, String reduction) {
        super(name, reduction, "categorical_generalized_cross_entropy");
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in the interval (0, 1), got " + q);
        }
        this.q = q;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        SparseCategoricalCrossentropy.Labels l = SparseCategoricalCrossentropy.labels(className(), yTrue, yPred,
                -1, null);
        Tensor p = l.pred().mul(l.oneHot()).sum(-1);
        return p.pow(q).neg().add(1.0).div(q);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("q", q);
    }

}
