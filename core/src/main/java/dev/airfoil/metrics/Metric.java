package dev.airfoil.metrics;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metric base class with Keras's stateful API: {@link #updateState} accumulates statistics batch by
 * batch, {@link #result} reads the metric from them, {@link #resetState} starts over.
 *
 * <p>Metrics never record autodiff history (they run under {@code GradMode.noGrad()}) and accumulate
 * in double precision; results are float64 tensors (a scalar, or a vector for per-class or
 * per-threshold metrics).
 *
 * <pre>{@code
 * Metric acc = new SparseCategoricalAccuracy();
 * for (Batch b : batches) acc.updateState(b.labels(), model.predict(b.x()), null);
 * double value = acc.resultValue();
 * acc.resetState();
 * }</pre>
 *
 * <p>Subclasses implement {@link #updateState}, {@link #result}, {@link #resetState} and
 * {@link #variables}, add their hyperparameters in {@link #addConfig}, and are registered in
 * {@link Metrics}.
 */
public abstract class Metric implements Configurable {
    private final String name;

    /**
     * @param name        the metric name (null for {@code defaultName})
     * @param defaultName Keras's default name for the class
     */
    protected Metric(String name, String defaultName) {
        this.name = name == null ? defaultName : name;
    }

    /** The metric name, as it appears in training logs ({@code "accuracy"}, {@code "val_auc"} without the prefix). */
    public final String name() {
        return name;
    }

    /**
     * Accumulates one batch.
     *
     * @param yTrue        targets
     * @param yPred        predictions
     * @param sampleWeight optional per-sample weights, typically {@code (batch,)}; null for none
     */
    public abstract void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The metric value from everything accumulated since the last reset (float64). */
    public abstract Tensor result();

    /** {@link #result()} as a double, for scalar metrics. */
    public double resultValue() {
        return result().item();
    }

    /** Clears the accumulated state. */
    public abstract void resetState();

    /** The state, keyed by Keras's variable names ({@code total}, {@code count}, {@code true_positives}, ...). */
    public abstract Map<String, double[]> variables();

    /** The Keras class name. */
    @Override
    public String className() {
        return getClass().getSimpleName();
    }

    /** {@code "keras.metrics"}. */
    @Override
    public String module() {
        return "keras.metrics";
    }

    /** {@code name}, {@code dtype} and the subclass's hyperparameters with Keras's keys. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", "float32");
        addConfig(m);
        return m;
    }

    /** Adds the subclass's hyperparameters. */
    protected void addConfig(Map<String, Object> config) {
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
