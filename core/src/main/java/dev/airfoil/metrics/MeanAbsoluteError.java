package dev.airfoil.metrics;

/**
 * The mean over all samples of the per-sample values of {@link dev.airfoil.losses.MeanAbsoluteError} (the loss of the
 * same name), accumulated across batches with sample weights.
 */
public class MeanAbsoluteError extends MeanMetricWrapper {
    /** Named {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() {
        this(null);
    }

    /** @param name the metric name (null for {@code "mean_absolute_error"}) */
    public MeanAbsoluteError(String name) {
        super(new dev.airfoil.losses.MeanAbsoluteError(), name, "mean_absolute_error");
    }
}
