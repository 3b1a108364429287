package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Mean squared logarithmic error: {@code mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), axis=-1)};
 * values at or below zero are replaced by {@code epsilon = 1e-7} as in Keras.
 *
 * <p>Config: {@code name} (default {@code "mean_squared_logarithmic_error"}), {@code reduction}.
 */
public class MeanSquaredLogarithmicError extends Loss {
    /** With the default name and reduction. */
    public MeanSquaredLogarithmicError() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "mean_squared_logarithmic_error"})
     * @param reduction see {@link Loss}
     */
    public MeanSquaredLogarithmicError(String name, String reduction) {
        super(name, reduction, "mean_squared_logarithmic_error");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor a = y.maximum(LossUtils.EPSILON).add(1.0).log();
        Tensor b = t.maximum(LossUtils.EPSILON).add(1.0).log();
        return a.sub(b).square().mean(-1);
    }
}
