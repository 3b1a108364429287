package dev.airfoil.metrics;

/**
 * The mean over all samples of the per-sample values of {@link dev.airfoil.losses.MeanSquaredError} (the loss of the
 * same name), accumulated across batches with sample weights.
 */
public class MeanSquaredError extends MeanMetricWrapper {
    /** Named {@code "mean_squared_error"}. */
    public MeanSquaredError() {
        this(null);
    }

    /** @param name the metric name (null for {@code "mean_squared_error"}) */
    public MeanSquaredError(String name) {
        super(new dev.airfoil.losses.MeanSquaredError(), name, "mean_squared_error");
    }
}
