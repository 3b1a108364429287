package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often the predicted class ({@code argmax(y_pred)}) equals the integer label. Shapes: {@code y_true}
 * {@code (batch,)} or {@code (batch, 1)}, {@code y_pred} {@code (batch, num_classes)}.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {

    /** Named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this(null);
    }

    /**
     * Sparse categorical accuracy.
     * @param name the metric name (null for {@code "sparse_categorical_accuracy"})
     */
    public SparseCategoricalAccuracy(String name) {
        super(AccuracyFunctions::sparse, name, "sparse_categorical_accuracy");

    }
}
