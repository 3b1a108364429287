package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (weighted) sum of the given values. Values of rank above one are first summed over their
 * non-batch axes, then multiplied by the sample weights.
 *
 * <pre>{@code
 * Sum s = new Sum();
 * s.updateState(Tensor.of(new float[] {1, 3, 5, 7}, 4), Tensor.of(new float[] {1, 1, 0, 0}, 4)); // 4.0
 * }</pre>
 */
public class Sum extends Metric {
    private double total;

    /** Named {@code "sum"}. */
    public Sum() {
        this(null);
    }

    /** @param name the metric name (null for {@code "sum"}) */
    public Sum(String name) {
        super(name, "sum");
    }

    /** Accumulates unweighted values. */
    public void updateState(Tensor values) {
        updateState(values, (Tensor) null);
    }

    /** Accumulates values with optional weights. */
    public void updateState(Tensor values, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            total += MetricUtils.reduceToSamplewise(values, sampleWeight, null, true).values().sum().item();
        }
    }

    /** Not supported: a {@code Sum} aggregates values; use {@link #updateState(Tensor, Tensor)}. */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("Sum aggregates values, not (y_true, y_pred) pairs:"
                + " call updateState(values, sampleWeight)");
    }

    @Override
    public Tensor result() {
        return Tensor.scalar(DType.FLOAT64, total);
    }

    @Override
    public void resetState() {
        total = 0;
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("total", new double[] {total});
        return m;
    }
}
