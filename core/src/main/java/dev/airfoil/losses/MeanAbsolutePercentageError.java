package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Mean absolute percentage error: {@code 100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), epsilon)), axis=-1)}
 * with {@code epsilon = 1e-7}, so a zero target does not divide by zero.
 *
 * <p>Config: {@code name} (default {@code "mean_absolute_percentage_error"}), {@code reduction}.
 */
public class MeanAbsolutePercentageError extends Loss {
    /** With the default name and reduction. */
    public MeanAbsolutePercentageError() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "mean_absolute_percentage_error"})
     * @param reduction see {@link Loss}
     */
    public MeanAbsolutePercentageError(String name, String reduction) {
        super(name, reduction, "mean_absolute_percentage_error");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        return t.sub(y).div(t.abs().maximum(LossUtils.EPSILON)).abs().mean(-1).mul(100.0);
    }
}
