package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Initializer that generates tensors filled with one scalar value.
 *
 * <p>Arguments: {@code value} (default 0), converted to the requested dtype. Keras names:
 * {@code "Constant"}, {@code "constant"}.
 *
 * <pre>{@code
 * Tensor w = new Constant(10.0).generate(2, 2);
 * }</pre>
 */
public final class Constant implements Initializer {
    private final double value;

    /** Keras's default: value 0. */
    public Constant() {
        this(0.0);
    }

    /** @param value the fill value */
    public Constant(double value) {
        this.value = value;
    }

    static Constant fromConfig(ConfigMap c) {
        return new Constant(c.getDouble("value", 0.0));
    }

    /** The fill value. */
    public double value() {
        return value;
    }

    @Override
    public Tensor generate(int[] shape, DType dtype) {
        Sampling.size(shape, "Constant");
        return Tensor.full(dtype, value, shape.clone());
    }

    @Override
    public String className() {
        return "Constant";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("value", value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant && Double.compare(((Constant) o).value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return "Constant" + getConfig();
    }
}
