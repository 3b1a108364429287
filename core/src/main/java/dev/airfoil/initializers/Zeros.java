package dev.airfoil.initializers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Initializer that generates tensors of zeros; Keras's default bias initializer.
 *
 * <p>No arguments. Keras names: {@code "Zeros"}, {@code "zeros"}, {@code "zero"}.
 *
 * <pre>{@code
 * Tensor b = new Zeros().generate(3);
 * }</pre>
 */
public final class Zeros implements Initializer {
    @Override
    public Tensor generate(int[] shape, DType dtype) {
        Sampling.size(shape, "Zeros");
        return Tensor.zeros(dtype, shape.clone());
    }

    @Override
    public String className() {
        return "Zeros";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zeros;
    }

    @Override
    public int hashCode() {
        return Zeros.class.hashCode();
    }

    @Override
    public String toString() {
        return "Zeros{}";
    }
}
