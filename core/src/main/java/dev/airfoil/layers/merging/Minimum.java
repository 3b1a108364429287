package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Returns the element-wise minimum of its inputs, a list of at least two tensors of the same (or broadcastable)
 * shape (Keras {@code Minimum}).
 *
 * <pre>{@code KerasTensor y = new Minimum().apply(a, b);}</pre>
 */
public class Minimum extends Merge {
    /** A Minimum layer with an automatic name. */
    public Minimum() {
        this(null);
    }

    /** A named Minimum layer. */
    public Minimum(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Minimum fromConfig(ConfigMap c) {
        return new Minimum(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Tensor::minimum);
    }
}
