package dev.airfoil.metrics;

/**
 * The mean over all samples of the per-sample values of {@link dev.airfoil.losses.MeanSquaredLogarithmicError} (the loss of the
 * same name), accumulated across batches with sample weights.
 */
public class MeanSquaredLogarithmicError extends MeanMetricWrapper {
    /** Named {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        this(null);
    }

    /** @param name the metric name (null for {@code "mean_squared_logarithmic_error"}) */
    public MeanSquaredLogarithmicError(String name) {
        super(new dev.airfoil.losses.MeanSquaredLogarithmicError(), name, "mean_squared_logarithmic_error");
    }
}
