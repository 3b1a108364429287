package dev.airfoil.constraints;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * MinMaxNorm weight constraint: rescales the weights incident to each unit towards a norm between
 * {@code min_value} and {@code max_value}:
 * {@code desired = rate * clip(norm, min_value, max_value) + (1 - rate) * norm} and
 * {@code w * desired / (epsilon + norm)} with {@code epsilon = 1e-7}.
 *
 * <p>Arguments: {@code min_value} (default 0), {@code max_value} (default 1), {@code rate}
 * (default 1: strict enforcement; below 1 the norm moves part of the way each step), {@code axis}
 * (default 0, as {@link MaxNorm}). Keras names: {@code "MinMaxNorm"}, {@code "min_max_norm"}.
 *
 * <pre>{@code
 * Constraint c = new MinMaxNorm(0.5, 1.0, 1.0, 0);
 * }</pre>
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axis;

    /** Keras's defaults: min 0, max 1, rate 1, axis 0. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    /**
     * @param minValue smallest norm; @param maxValue largest norm; @param rate enforcement rate;
     * @param axis the axes of the norm
     */
    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        if (minValue > maxValue) {
            throw new IllegalArgumentException("MinMaxNorm: min_value " + minValue + " exceeds max_value " + maxValue);
        }
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axis = axis.clone();
    }

    static MinMaxNorm fromConfig(ConfigMap c) {
        return new MinMaxNorm(c.getDouble("min_value", 0.0), c.getDouble("max_value", 1.0),
                c.getDouble("rate", 1.0), Axes.read(c));
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Axes.norms(w, axis);
        Tensor desired = norms.clip(minValue, maxValue).mul(rate).add(norms.mul(1 - rate));
        return w.mul(desired.div(norms.add(Axes.EPSILON)));
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("min_value", minValue, "max_value", maxValue, "rate", rate, "axis", Axes.write(axis));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxNorm && getConfig().equals(((MinMaxNorm) o).getConfig());
    }

    @Override
    public int hashCode() {
        return getConfig().hashCode();
    }

    @Override
    public String toString() {
        return "MinMaxNorm" + getConfig();
    }
}
