package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Returns the element-wise maximum of its inputs, a list of at least two tensors of the same (or broadcastable)
 * shape (Keras {@code Maximum}).
 *
 * <pre>{@code KerasTensor y = new Maximum().apply(a, b);}</pre>
 */
public class Maximum extends Merge {
    /** A Maximum layer with an automatic name. */
    public Maximum() {
        this(null);
    }

    /** A named Maximum layer. */
    public Maximum(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Maximum fromConfig(ConfigMap c) {
        return new Maximum(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Tensor::maximum);
    }
}
