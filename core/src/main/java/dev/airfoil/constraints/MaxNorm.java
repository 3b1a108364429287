package dev.airfoil.constraints;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * MaxNorm weight constraint: rescales the weights incident to each unit so that their L2 norm is
 * at most {@code max_value}: {@code w * clip(norm, 0, max_value) / (epsilon + norm)} with
 * {@code epsilon = 1e-7}.
 *
 * <p>Arguments: {@code max_value} (default 2); {@code axis} (default 0), the axis or axes the norm
 * runs over: 0 for a {@code Dense} kernel {@code (input_dim, units)}, {@code [0, 1, 2]} for a
 * {@code Conv2D} kernel {@code (rows, cols, in, out)}. Keras names: {@code "MaxNorm"},
 * {@code "max_norm"}.
 *
 * <pre>{@code
 * Constraint c = new MaxNorm(2.0, 0);
 * }</pre>
 */
public final class MaxNorm implements Constraint {
    private final double maxValue;
    private final int[] axis;

    /** Keras's defaults: max_value 2, axis 0. */
    public MaxNorm() {
        this(2.0, 0);
    }

    /** @param maxValue the largest allowed norm; @param axis the axes of the norm */
    public MaxNorm(double maxValue, int... axis) {
        this.maxValue = maxValue;
        this.axis = axis.clone();
    }

    static MaxNorm fromConfig(ConfigMap c) {
        return new MaxNorm(c.getDouble("max_value", 2.0), Axes.read(c));
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Axes.norms(w, axis);
        Tensor desired = norms.clip(0, maxValue);
        return w.mul(desired.div(norms.add(Axes.EPSILON)));
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("max_value", maxValue, "axis", Axes.write(axis));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaxNorm && Double.compare(((MaxNorm) o).maxValue, maxValue) == 0
                && Arrays.equals(((MaxNorm) o).axis, axis);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(maxValue) * 31 + Arrays.hashCode(axis);
    }

    @Override
    public String toString() {
        return "MaxNorm" + getConfig();
    }
}
