package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Returns the mean of its inputs, a list of at least two tensors of the same (or broadcastable)
 * shape (Keras {@code Average}).
 *
 * <pre>{@code KerasTensor y = new Average().apply(a, b);}</pre>
 */
public class Average extends Merge {
    /** A Average layer with an automatic name. */
    public Average() {
        this(null);
    }

    /** A named Average layer. */
    public Average(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Average fromConfig(ConfigMap c) {
        return new Average(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Tensor::add).div(inputs.size());
    }
}
