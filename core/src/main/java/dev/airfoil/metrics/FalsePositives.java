package dev.airfoil.metrics;

/**
 * The weighted number of false positives (negative label, positive prediction) at each threshold (default 0.5).
 */
public class FalsePositives extends ConfusionMatrixConditionCount {
    /** Threshold 0.5. */
    public FalsePositives() {
        this(null, null);
    }

    /**
     * @param thresholds null (0.5), a number, a {@code double[]} or a list of numbers in [0, 1]
     * @param name       the metric name (null for {@code "false_positives"})
     */
    public FalsePositives(Object thresholds, String name) {
        super(thresholds, name, "false_positives");
    }

    @Override
    double[] cell() {
        return cm.fp;
    }
}
