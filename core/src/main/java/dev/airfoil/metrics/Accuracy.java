package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often predictions equal labels exactly: the mean of {@code y_true == y_pred}. For class
 * predictions use {@link BinaryAccuracy}, {@link CategoricalAccuracy} or {@link SparseCategoricalAccuracy}
 * (which {@code "accuracy"} resolves to in a compiled model, see {@link Metrics#resolveAccuracy}).
 */
public class Accuracy extends MeanMetricWrapper {

    /** Named {@code "accuracy"}. */
    public Accuracy() {
        this(null);
    }

    /**
     * Exact-match accuracy.
     * @param name the metric name (null for {@code "accuracy"})
     */
    public Accuracy(String name) {
        super(AccuracyFunctions::accuracy, name, "accuracy");

    }
}
