package dev.airfoil.initializers;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/** Creates the initial value of a weight, as Keras's {@code keras.initializers.Initializer}. */
public interface Initializer extends Configurable {
    /** A new tensor of the given shape and dtype. */
    Tensor generate(int[] shape, DType dtype);

    @Override
    default String module() {
        return "keras.initializers";
    }
}
