package dev.airfoil.regularizers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * A regularizer that applies an L1 penalty: {@code loss = l1 * sum(|x|)}.
 *
 * <p>Arguments: {@code l1}, a non-negative factor (default 0.01, also what the string
 * {@code "l1"} gives). Keras names: {@code "L1"}, {@code "l1"}.
 *
 * <pre>{@code
 * Tensor penalty = new L1(0.01).apply(Tensor.ones(5, 5));   // 0.25
 * }</pre>
 */
public final class L1 implements Regularizer {
    private final double l1;

    /** Keras's default: l1 = 0.01. */
    public L1() {
        this(0.01);
    }

    /** @param l1 the L1 factor, non-negative */
    public L1(double l1) {
        this.l1 = Penalties.nonNegative(l1, "l1", "L1");
    }

    static L1 fromConfig(ConfigMap c) {
        return new L1(c.getDouble("l1", 0.01));
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.abs().sum().mul(l1);
    }

    @Override
    public String className() {
        return "L1";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("l1", l1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof L1 && Double.compare(((L1) o).l1, l1) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(l1);
    }

    @Override
    public String toString() {
        return "L1" + getConfig();
    }
}
