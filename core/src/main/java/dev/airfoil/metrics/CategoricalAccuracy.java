package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often the predicted class ({@code argmax(y_pred)}) equals the one-hot label's class
 * ({@code argmax(y_true)}). Shapes: both {@code (batch, num_classes)}.
 */
public class CategoricalAccuracy extends MeanMetricWrapper {

    /** Named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this(null);
    }

    /**
     * Categorical accuracy.
     * @param name the metric name (null for {@code "categorical_accuracy"})
     */
    public CategoricalAccuracy(String name) {
        super(AccuracyFunctions::categorical, name, "categorical_accuracy");

    }
}
