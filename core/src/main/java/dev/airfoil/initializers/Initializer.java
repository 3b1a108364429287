package dev.airfoil.initializers;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/**
 * Creates the initial value of a weight, as Keras's {@code keras.initializers.Initializer}.
 *
 * <p>Built-in initializers are looked up by Keras name with {@link Initializers#get(Object)}
 * ({@code "glorot_uniform"}, {@code "he_normal"}, {@code "zeros"}, ...). A custom one implements
 * {@link #generate}, {@link #className()} and {@link #getConfig()}, and is registered with
 * {@link Initializers#register} so that configs naming it load.
 */
public interface Initializer extends Configurable {
    /** A new tensor of the given shape and dtype. */
    Tensor generate(int[] shape, DType dtype);

    /** A new float32 tensor of the given shape (Keras's default {@code floatx}). */
    default Tensor generate(int... shape) {
        return generate(shape, DType.FLOAT32);
    }

    @Override
    default String module() {
        return "keras.initializers";
    }
}
