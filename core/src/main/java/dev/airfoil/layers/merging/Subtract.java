package dev.airfoil.layers.merging;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Subtracts the second input from the first (Keras {@code Subtract}); takes exactly two tensors.
 *
 * <pre>{@code KerasTensor diff = new Subtract().apply(a, b);}</pre>
 */
public class Subtract extends Merge {
    /** A Subtract layer with an automatic name. */
    public Subtract() {
        this(null);
    }

    /** A named Subtract layer. */
    public Subtract(String name) {
        super(name);
    }

    /** From a Keras config. */
    public static Subtract fromConfig(ConfigMap c) {
        return new Subtract(c.getString("name", null));
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(describe() + " should be called on exactly 2 inputs, received " + inputs.size());
        }
        return inputs.get(0).sub(inputs.get(1));
    }
}
