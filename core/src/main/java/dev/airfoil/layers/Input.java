package dev.airfoil.layers;

import dev.airfoil.tensor.DType;

/**
 * Keras's {@code Input(shape, batch_size, dtype, name)}: creates an {@link InputLayer} and returns
 * its symbolic tensor, the start of a functional model. The shape excludes the batch dimension;
 * {@code -1} stands for {@code None}. A fixed {@code batch_size} becomes the first entry of the
 * input's {@code batch_shape}: it shows in the summary and the config, and, as in Keras, data
 * of another batch size is still accepted (Keras checks model inputs without their batch axis).
 *
 * <pre>{@code
 * KerasTensor input1 = Input.of(new int[] {10, 10}, DType.FLOAT32, "Input_1");
 * KerasTensor x = new Dense(100, "relu").apply(input1);
 * KerasTensor fixed = Input.of(new int[] {3}, 4, DType.FLOAT32, "x");   // batch_shape (4, 3)
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

    /**
     * An input with a fixed batch size (Keras's {@code Input(shape, batch_size=...)}), dtype and name
     * (null for an automatic {@code input_layer} name).
     *
     * @param batchSize the batch size, at least 1
     * @throws IllegalArgumentException for a batch size below 1
     */
    public static KerasTensor of(int[] shape, int batchSize, DType dtype, String name) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Input" + (name == null ? "" : " '" + name + "'") + ": batch_size must be"
                    + " a positive integer, got " + batchSize + "; leave it out (Input.of(shape, dtype, name)) for any"
                    + " batch size");
        }
        return new InputLayer(shape, batchSize, dtype, name).output();
    }
}
