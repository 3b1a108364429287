package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Returns the product of its inputs, a list of at least two tensors of the same (or broadcastable)
 * shape (Keras {@code Multiply}).
 *
 * <pre>{@code KerasTensor y = new Multiply().apply(a, b);}</pre>
 */
public class Multiply extends Merge {
    /** A Multiply layer with an automatic name. */
    public Multiply() {
        this(null);
    }

    /** A named Multiply layer. */
    public Multiply(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Multiply fromConfig(ConfigMap c) {
        return new Multiply(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Tensor::mul);
    }
}
