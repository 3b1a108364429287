package dev.airfoil.layers.core;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

/** Returns its input unchanged (Keras {@code Identity}); a placeholder in architectures. */
public class Identity extends Layer implements SupportsMasking {
    /** An identity layer (null name for automatic). */
    public Identity(String name) {
        super(name);
    }

    /** An identity layer with an automatic name. */
    public Identity() {
        this((String) null);
    }

    /** From a Keras config. */
    public static Identity fromConfig(ConfigMap c) {
        return new Identity(c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return input;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }
}
