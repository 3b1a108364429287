package dev.airfoil.spark;

import dev.airfoil.tensor.Tensor;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The name, shape (without the batch axis) and type of one flat array of a {@link MultiExample}:
 * one model input or one model target. A batch of such arrays becomes a {@code (batch, *shape)}
 * tensor, float32, or int64 for integer data (class labels, token ids).
 *
 * <pre>{@code
 * ArraySpec.floats("image", 28, 28);    // input 'image', (b, 28, 28) float32
 * ArraySpec.integers("tokens", 20);     // input 'tokens', (b, 20) int64 (an Embedding's input)
 * ArraySpec.integers("digit");          // target 'digit', (b,) int64 class labels
 * ArraySpec.floats(null, 1);            // an unnamed float target (b, 1), matched by position
 * }</pre>
 *
 * @param name    the model input's or output's name (Keras's {@code model.input_names} /
 *                {@code model.output_names}), or null to match by position only
 * @param shape   the shape of one example's array ({@code {}} for a scalar such as a class label)
 * @param integer true for int64 tensors (labels, ids; carried exactly up to 2<sup>24</sup>), false for float32
 */
public record ArraySpec(String name, int[] shape, boolean integer) implements Serializable {
    /** Copies the shape and checks it. */
    public ArraySpec {
        shape = shape.clone();
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("ArraySpec '" + name + "': every dimension must be >= 1, but the shape is "
                        + Arrays.toString(shape) + " (give the shape of one example, without the batch axis)");
            }
        }
    }

    /**
     * A float32 array.
     *
     * @param name  the input's or output's name, or null
     * @param shape the shape of one example's array
     * @return the spec
     */
    public static ArraySpec floats(String name, int... shape) {
        return new ArraySpec(name, shape, false);
    }

    /**
     * An int64 array: class labels ({@code integers("label")}, a scalar per example) or token ids.
     *
     * @param name  the input's or output's name, or null
     * @param shape the shape of one example's array ({@code {}} for one label)
     * @return the spec
     */
    public static ArraySpec integers(String name, int... shape) {
        return new ArraySpec(name, shape, true);
    }

    /** The number of values of one example's array. */
    public int size() {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }

    /**
     * Stacks flat rows into a {@code (rows, *shape)} tensor, int64 when {@link #integer()}.
     *
     * @param flat rows times {@link #size()} values
     * @param rows the number of examples
     * @return the tensor
     */
    public Tensor tensor(float[] flat, int rows) {
        int[] s = new int[shape.length + 1];
        s[0] = rows;
        System.arraycopy(shape, 0, s, 1, shape.length);
        if (!integer) {
            return Tensor.of(flat, s);
        }
        long[] l = new long[flat.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) flat[i];
        }
        return Tensor.ofLongs(l, s);
    }

    /** {@code 'name'} or {@code #index} for messages. */
    String describe(int index) {
        return name == null ? "#" + index : "'" + name + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArraySpec a && java.util.Objects.equals(name, a.name) && Arrays.equals(shape, a.shape)
                && integer == a.integer;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(name) * 31 * 31 + Arrays.hashCode(shape) * 31 + (integer ? 1 : 0);
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + Arrays.toString(shape) + (integer ? " int64" : " float32");
    }
}
