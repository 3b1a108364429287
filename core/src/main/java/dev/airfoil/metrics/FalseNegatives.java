package dev.airfoil.metrics;

/**
 * The weighted number of false negatives (positive label, negative prediction) at each threshold (default 0.5).
 */
public class FalseNegatives extends ConfusionMatrixConditionCount {
    /** Threshold 0.5. */
    public FalseNegatives() {
        this(null, null);
    }

    /**
     * @param thresholds null (0.5), a number, a {@code double[]} or a list of numbers in [0, 1]
     * @param name       the metric name (null for {@code "false_negatives"})
     */
    public FalseNegatives(Object thresholds, String name) {
        super(thresholds, name, "false_negatives");
    }

    @Override
    double[] cell() {
        return cm.fn;
    }
}
