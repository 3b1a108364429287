package dev.airfoil.metrics;

import java.util.Map;

/**
 * How often the one-hot label's class is among the {@code k} highest-scoring predictions (ties with the
 * k-th score count as hits, as Keras's {@code in_top_k}).
 *
 * <p>Arguments: {@code k} (default 5).
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** {@code k = 5}, named {@code "top_k_categorical_accuracy"}. */
    public TopKCategoricalAccuracy() {
        this(5, null);
    }

    /**
     * @param k    how many top predictions count
     * @param name the metric name (null for {@code "top_k_categorical_accuracy"})
     */
    public TopKCategoricalAccuracy(int k, String name) {
        super((t, p) -> AccuracyFunctions.topK(t, p, k), name, "top_k_categorical_accuracy");
        if (k < 1) {
            throw new IllegalArgumentException("TopKCategoricalAccuracy: k must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("k", k);
    }
}
