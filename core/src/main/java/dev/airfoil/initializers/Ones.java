package dev.airfoil.initializers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Initializer that generates tensors of ones (the {@code BatchNormalization} gamma default).
 *
 * <p>No arguments. Keras names: {@code "Ones"}, {@code "ones"}, {@code "one"}.
 *
 * <pre>{@code
 * Tensor gamma = new Ones().generate(3);
 * }</pre>
 */
public final class Ones implements Initializer {
    @Override
    public Tensor generate(int[] shape, DType dtype) {
        Sampling.size(shape, "Ones");
        return Tensor.ones(dtype, shape.clone());
    }

    @Override
    public String className() {
        return "Ones";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ones;
    }

    @Override
    public int hashCode() {
        return Ones.class.hashCode();
    }

    @Override
    public String toString() {
        return "Ones{}";
    }
}
