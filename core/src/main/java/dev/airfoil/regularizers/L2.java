package dev.airfoil.regularizers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * A regularizer that applies an L2 penalty: {@code loss = l2 * sum(x^2)} (no factor 1/2).
 *
 * <p>Arguments: {@code l2}, a non-negative factor (default 0.01, also what the string
 * {@code "l2"} gives). Keras names: {@code "L2"}, {@code "l2"}.
 *
 * <pre>{@code
 * Tensor penalty = new L2(2.0).apply(Tensor.ones(5, 5));   // 50
 * }</pre>
 */
public final class L2 implements Regularizer {
    private final double l2;

    /** Keras's default: l2 = 0.01. */
    public L2() {
        this(0.01);
    }

    /** @param l2 the L2 factor, non-negative */
    public L2(double l2) {
        this.l2 = Penalties.nonNegative(l2, "l2", "L2");
    }

    static L2 fromConfig(ConfigMap c) {
        return new L2(c.getDouble("l2", 0.01));
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.square().sum().mul(l2);
    }

    @Override
    public String className() {
        return "L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("l2", l2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof L2 && Double.compare(((L2) o).l2, l2) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(l2);
    }

    @Override
    public String toString() {
        return "L2" + getConfig();
    }
}
