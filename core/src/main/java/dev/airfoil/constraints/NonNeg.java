package dev.airfoil.constraints;

import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Constrains the weights to be non-negative: {@code max(w, 0)}.
 *
 * <p>No arguments. Keras names: {@code "NonNeg"}, {@code "non_neg"}.
 *
 * <pre>{@code
 * Constraint c = new NonNeg();
 * }</pre>
 */
public final class NonNeg implements Constraint {
    @Override
    public Tensor apply(Tensor w) {
        return w.maximum(0.0);
    }

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonNeg;
    }

    @Override
    public int hashCode() {
        return NonNeg.class.hashCode();
    }

    @Override
    public String toString() {
        return "NonNeg{}";
    }
}
