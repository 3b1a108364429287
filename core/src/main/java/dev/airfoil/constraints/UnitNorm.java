package dev.airfoil.constraints;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * UnitNorm weight constraint: scales the weights incident to each unit to (almost) unit L2 norm,
 * {@code w / (epsilon + norm)} with {@code epsilon = 1e-7}.
 *
 * <p>Arguments: {@code axis} (default 0, as {@link MaxNorm}). Keras names: {@code "UnitNorm"},
 * {@code "unit_norm"}.
 *
 * <pre>{@code
 * Constraint c = new UnitNorm(0);
 * }</pre>
 */
public final class UnitNorm implements Constraint {
    private final int[] axis;

    /** Keras's default: axis 0. */
    public UnitNorm() {
        this(0);
    }

    /** @param axis the axes of the norm */
    public UnitNorm(int... axis) {
        this.axis = axis.clone();
    }

    static UnitNorm fromConfig(ConfigMap c) {
        return new UnitNorm(Axes.read(c));
    }

    @Override
    public Tensor apply(Tensor w) {
        return w.div(Axes.norms(w, axis).add(Axes.EPSILON));
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("axis", Axes.write(axis));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitNorm && java.util.Arrays.equals(((UnitNorm) o).axis, axis);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(axis);
    }

    @Override
    public String toString() {
        return "UnitNorm" + getConfig();
    }
}
