package dev.airfoil.initializers;

import dev.airfoil.tensor.Shape;

/**
 * The number of input and output units of a weight shape, as Keras's {@code compute_fans}.
 *
 * <ul>
 *   <li>rank 0: {@code fan_in = fan_out = 1};
 *   <li>rank 1 {@code (n,)}: {@code fan_in = fan_out = n};
 *   <li>rank 2 {@code (in, out)}: {@code fan_in = in}, {@code fan_out = out};
 *   <li>rank 3+ (convolution kernels {@code (..., in, out)}): both multiplied by the receptive
 *       field size, the product of the leading dimensions.
 * </ul>
 *
 * With explicit {@code inputAxes} / {@code outputAxes} (Keras 3.15's {@code input_axes} /
 * {@code output_axes}, for kernels such as {@code EinsumDense}'s), {@code fan_in} is the product
 * of the input axes and {@code fan_out} that of the output axes, each multiplied by the product of
 * the remaining (receptive field) axes.
 *
 * @param fanIn number of input units
 * @param fanOut number of output units
 */
public record Fans(long fanIn, long fanOut) {
    /** Keras's fans for a shape. */
    public static Fans of(int[] shape) {
        return of(shape, null, null);
    }

    /** The fans with optional explicit input and output axes (both null for Keras's rule). */
    public static Fans of(int[] shape, int[] inputAxes, int[] outputAxes) {
        if (inputAxes != null || outputAxes != null) {
            return explicit(shape, inputAxes, outputAxes);
        }
        int r = shape.length;
        if (r == 0) {
            return new Fans(1, 1);
        }
        if (r == 1) {
            return new Fans(shape[0], shape[0]);
        }
        if (r == 2) {
            return new Fans(shape[0], shape[1]);
        }
        long receptive = 1;
        for (int i = 0; i < r - 2; i++) {
            receptive *= shape[i];
        }
        return new Fans(shape[r - 2] * receptive, shape[r - 1] * receptive);
    }

    private static Fans explicit(int[] shape, int[] inputAxes, int[] outputAxes) {
        if (inputAxes == null || outputAxes == null) {
            throw new IllegalArgumentException("input_axes and output_axes must be given together, got input_axes="
                    + java.util.Arrays.toString(inputAxes) + ", output_axes=" + java.util.Arrays.toString(outputAxes));
        }
        boolean[] used = new boolean[shape.length];
        long in = product(shape, inputAxes, used, "input_axes");
        long out = product(shape, outputAxes, used, "output_axes");
        long receptive = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!used[i]) {
                receptive *= shape[i];
            }
        }
        return new Fans(in * receptive, out * receptive);
    }

    private static long product(int[] shape, int[] axes, boolean[] used, String what) {
        long p = 1;
        for (int a : axes) {
            int ax = Shape.axis(a, shape.length, what);
            if (used[ax]) {
                throw new IllegalArgumentException(what + " repeats axis " + a + " of shape " + Shape.str(shape)
                        + "; each axis may be an input axis, an output axis, or neither");
            }
            used[ax] = true;
            p *= shape[ax];
        }
        return p;
    }
}
