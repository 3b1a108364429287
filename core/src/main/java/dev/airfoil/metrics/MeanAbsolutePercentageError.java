package dev.airfoil.metrics;

/**
 * The mean over all samples of the per-sample values of {@link dev.airfoil.losses.MeanAbsolutePercentageError} (the loss of the
 * same name), accumulated across batches with sample weights.
 */
public class MeanAbsolutePercentageError extends MeanMetricWrapper {
    /** Named {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        this(null);
    }

    /** @param name the metric name (null for {@code "mean_absolute_percentage_error"}) */
    public MeanAbsolutePercentageError(String name) {
        super(new dev.airfoil.losses.MeanAbsolutePercentageError(), name, "mean_absolute_percentage_error");
    }
}
