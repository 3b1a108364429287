package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Mean of absolute differences between labels and predictions: {@code mean(abs(y_true - y_pred), axis=-1)}.
 *
 * <p>Input shape: {@code (batch, d0, .. dN)} for both; output of {@link #call}: {@code (batch, d0, .. dN-1)}.
 *
 * <p>Config: {@code name} (default {@code "mean_absolute_error"}), {@code reduction}.
 */
public class MeanAbsoluteError extends Loss {
    /** With the default name and reduction. */
    public MeanAbsoluteError() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "mean_absolute_error"})
     * @param reduction see {@link Loss}
     */
    public MeanAbsoluteError(String name, String reduction) {
        super(name, reduction, "mean_absolute_error");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        return t.sub(y).abs().mean(-1);
    }
}
