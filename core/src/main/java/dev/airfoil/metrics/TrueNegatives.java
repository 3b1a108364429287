package dev.airfoil.metrics;

/**
 * The weighted number of true negatives (label and prediction negative) at each threshold (default 0.5).
 */
public class TrueNegatives extends ConfusionMatrixConditionCount {
    /** Threshold 0.5. */
    public TrueNegatives() {
        this(null, null);
    }

    /**
     * @param thresholds null (0.5), a number, a {@code double[]} or a list of numbers in [0, 1]
     * @param name       the metric name (null for {@code "true_negatives"})
     */
    public TrueNegatives(Object thresholds, String name) {
        super(thresholds, name, "true_negatives");
    }

    @Override
    double[] cell() {
        return cm.tn;
    }
}
