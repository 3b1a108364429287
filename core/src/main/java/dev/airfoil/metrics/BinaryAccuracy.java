package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often binary predictions match labels: the mean of {@code y_true == (y_pred > threshold)}.
 *
 * <p>Arguments: {@code threshold} (default 0.5); a prediction exactly at the threshold counts as 0.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    /** Threshold 0.5, named {@code "binary_accuracy"}. */
    public BinaryAccuracy() {
        this(0.5, null);
    }

    /**
     * @param threshold the decision threshold
     * @param name      the metric name (null for {@code "binary_accuracy"})
     */
    public BinaryAccuracy(double threshold, String name) {
        super((t, p) -> AccuracyFunctions.binary(t, p, threshold), name, "binary_accuracy");
        this.threshold = threshold;
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("threshold", threshold);
    }
}
