package dev.airfoil.regularizers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * A regularizer that applies both penalties: {@code loss = l1 * sum(|x|) + l2 * sum(x^2)}.
 *
 * <p>Arguments: {@code l1} and {@code l2}, non-negative (both default 0 in the constructor, as
 * Keras; the string {@code "l1_l2"} gives 0.01 for both, as Keras documents). Keras names:
 * {@code "L1L2"}, {@code "l1_l2"}.
 *
 * <pre>{@code
 * Regularizer r = new L1L2(0.01, 0.01);
 * Tensor penalty = r.apply(Tensor.ones(5, 5));   // 0.25 + 0.25
 * }</pre>
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /** Keras's constructor defaults: l1 = l2 = 0. */
    public L1L2() {
        this(0.0, 0.0);
    }

    /** @param l1 the L1 factor; @param l2 the L2 factor (both non-negative) */
    public L1L2(double l1, double l2) {
        this.l1 = Penalties.nonNegative(l1, "l1", "L1L2");
        this.l2 = Penalties.nonNegative(l2, "l2", "L1L2");
    }

    static L1L2 fromConfig(ConfigMap c) {
        return new L1L2(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0));
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor r = Tensor.scalar(x.dtype(), 0.0);
        if (l1 != 0) {
            r = r.add(x.abs().sum().mul(l1));
        }
        if (l2 != 0) {
            r = r.add(x.square().sum().mul(l2));
        }
        return r;
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("l1", l1, "l2", l2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof L1L2 && Double.compare(((L1L2) o).l1, l1) == 0 && Double.compare(((L1L2) o).l2, l2) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(l1) * 31 + Double.hashCode(l2);
    }

    @Override
    public String toString() {
        return "L1L2" + getConfig();
    }
}
