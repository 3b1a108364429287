package dev.airfoil.metrics;

/**
 * The weighted number of true positives (label and prediction positive) at each threshold (default 0.5).
 */
public class TruePositives extends ConfusionMatrixConditionCount {
    /** Threshold 0.5. */
    public TruePositives() {
        this(null, null);
    }

    /**
     * @param thresholds null (0.5), a number, a {@code double[]} or a list of numbers in [0, 1]
     * @param name       the metric name (null for {@code "true_positives"})
     */
    public TruePositives(Object thresholds, String name) {
        super(thresholds, name, "true_positives");
    }

    @Override
    double[] cell() {
        return cm.tp;
    }
}
