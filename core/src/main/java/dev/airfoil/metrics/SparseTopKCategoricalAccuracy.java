package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often the integer label's class is among the {@code k} highest-scoring predictions (ties with the
 * k-th score count as hits, as Keras's {@code in_top_k}).
 *
 * <p>Arguments: {@code k} (default 5).
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** {@code k = 5}, named {@code "sparse_top_k_categorical_accuracy"}. */
    public SparseTopKCategoricalAccuracy() {
        this(5, null);
    }

    /**
     * @param k    how many top predictions count
     * @param name the metric name (null for {@code "sparse_top_k_categorical_accuracy"})
     */
    public SparseTopKCategoricalAccuracy(int k, String name) {
        super((t, p) -> AccuracyFunctions.sparseTopK(t, p, k), name, "sparse_top_k_categorical_accuracy");
        if (k < 1) {
            throw new IllegalArgumentException("SparseTopKCategoricalAccuracy: k must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("k", k);
    }
}
