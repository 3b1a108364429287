package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Mean of squares of errors between labels and predictions: {@code mean(square(y_true - y_pred), axis=-1)}.
 *
 * <p>Input shape: {@code (batch, d0, .. dN)} for both; output of {@link #call}: {@code (batch, d0, .. dN-1)}.
 *
 * <pre>{@code
 * new MeanSquaredError().compute(Tensor.of(new float[] {0, 1}, 1, 2), Tensor.of(new float[] {1, 1}, 1, 2)); // 0.5
 * }</pre>
 *
 * <p>Config: {@code name} (default {@code "mean_squared_error"}), {@code reduction}.
 */
public class MeanSquaredError extends Loss {
    /** With the default name and reduction. */
    public MeanSquaredError() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "mean_squared_error"})
     * @param reduction see {@link Loss}
     */
    public MeanSquaredError(String name, String reduction) {
        super(name, reduction, "mean_squared_error");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        return t.sub(y).square().mean(-1);
    }
}
