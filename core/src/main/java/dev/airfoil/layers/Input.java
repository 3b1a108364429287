package dev.airfoil.layers;

import dev.airfoil.tensor.DType;

/**
 * Keras's {@code Input(shape, dtype, name)}: creates an {@link InputLayer} and returns its symbolic
 * tensor, the start of a functional model. The shape excludes the batch dimension; {@code -1}
 * stands for {@code None}.
 *
 * <pre>{@code
 * KerasTensor input1 = Input.of(new int[] {10, 10}, DType.FLOAT32, "Input_1");
 * KerasTensor x = new Dense(100, "relu").apply(input1);
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** A float32 input of the given per-sample shape with an automatic name. */
    public static KerasTensor shape(int... shape) {
        return of(shape, DType.FLOAT32, null);
    }

    /** A named float32 input. */
    public static KerasTensor of(int[] shape, String name) {
        return of(shape, DType.FLOAT32, name);
    }

    /** An input with shape, dtype and name (null for an automatic {@code input_layer} name). */
    public static KerasTensor of(int[] shape, DType dtype, String name) {
        return new InputLayer(shape, dtype, name).output();
    }
}
