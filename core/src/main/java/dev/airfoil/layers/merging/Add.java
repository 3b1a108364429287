package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Returns the sum of its inputs, a list of at least two tensors of the same (or broadcastable)
 * shape (Keras {@code Add}).
 *
 * <pre>{@code KerasTensor y = new Add().apply(a, b);}</pre>
 */
public class Add extends Merge {
    /** A Add layer with an automatic name. */
    public Add() {
        this(null);
    }

    /** A named Add layer. */
    public Add(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Add fromConfig(ConfigMap c) {
        return new Add(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Tensor::add);
    }
}
