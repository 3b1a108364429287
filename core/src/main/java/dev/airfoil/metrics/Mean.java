package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (weighted) mean of the given values: {@code total / count}.
 *
 * <p>Values of rank above one are first averaged over their non-batch axes; with sample weights,
 * {@code total += sum(values * weights)} and {@code count += sum(weights)} (Keras's
 * {@code reduce_to_samplewise_values}), otherwise {@code count} grows by the batch size.
 *
 * <pre>{@code
 * Mean m = new Mean();
 * m.updateState(Tensor.of(new float[] {1, 3, 5, 7}, 4));                 // 4.0
 * m.updateState(Tensor.of(new float[] {1, 3, 5, 7}, 4), Tensor.of(new float[] {1, 1, 0, 0}, 4)); // (16+4)/(4+2)
 * }</pre>
 */
public class Mean extends Metric {
    double total;
    double count;

    /** Named {@code "mean"}. */
    public Mean() {
        this(null);
    }

    /** @param name the metric name (null for {@code "mean"}) */
    public Mean(String name) {
        this(name, "mean");
    }

    /** For subclasses: a name and the default name. */
    protected Mean(String name, String defaultName) {
        super(name, defaultName);
    }

    /** Accumulates unweighted values. */
    public void updateState(Tensor values) {
        updateState(values, (Tensor) null);
    }

    /** Accumulates values with optional weights (null for none). */
    public void updateState(Tensor values, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            MetricUtils.Samplewise r = MetricUtils.reduceToSamplewise(values, sampleWeight, null, false);
            total += r.values().sum().item();
            if (r.weights() != null) {
                count += r.weights().sum().item();
            } else {
                count += r.values().rank() >= 1 ? r.values().dim(0) : 1;
            }
        }
    }

    /** Not supported: a {@code Mean} aggregates values; use {@link #updateState(Tensor, Tensor)}. */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException(className() + " aggregates values, not (y_true, y_pred) pairs:"
                + " call updateState(values, sampleWeight), or use a MeanMetricWrapper");
    }

    @Override
    public Tensor result() {
        return Tensor.scalar(dev.airfoil.tensor.DType.FLOAT64, count == 0 ? 0 : total / count);
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("total", new double[] {total});
        m.put("count", new double[] {count});
        return m;
    }
}
