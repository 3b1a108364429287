package dev.airfoil.layers.core;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Helpers for timestep masks (see {@link SupportsMasking}): threading them through a chain of
 * layers, and checking and reading them.
 */
public final class Masks {
    private Masks() {
    }

    /** An output with the mask it carries (null when none). */
    public record Masked(Tensor output, Tensor mask) {
    }

    /**
     * Runs layers one after the other, as a {@code Sequential} model does in Keras, passing each
     * layer's output mask to the next. A layer that does not implement {@link SupportsMasking}
     * receives no mask and passes the mask through when its output keeps the {@code (batch, time)}
     * leading axes (as Keras's {@code Dense} does), otherwise drops it.
     */
    public static Masked sequential(List<? extends Layer> layers, Tensor input, boolean training) {
        Tensor x = input;
        Tensor mask = null;
        for (Layer layer : layers) {
            Tensor y;
            Tensor next;
            if (layer instanceof SupportsMasking m) {
                y = m.applyMasked(List.of(x), mask == null ? null : Arrays.asList(mask), training).get(0);
                next = m.computeMask(x, mask);
            } else {
                y = layer.apply(x, training);
                next = mask != null && y.rank() >= 2 && y.shape()[0] == mask.shape()[0]
                        && y.shape()[1] == mask.shape()[1] ? mask : null;
            }
            x = y;
            mask = next;
        }
        return new Masked(x, mask);
    }

    /** The first mask of a list, or null (for null lists and null entries). */
    public static Tensor first(List<Tensor> masks) {
        return masks == null || masks.isEmpty() ? null : masks.get(0);
    }

    /** The mask at position {@code i} of a list, or null. */
    public static Tensor at(List<Tensor> masks, int i) {
        return masks == null || masks.size() <= i ? null : masks.get(i);
    }

    /**
     * A mask as a bool tensor of shape {@code (batch, time)}, checked against the expected sizes;
     * numeric masks count as true where non-zero.
     *
     * @throws IllegalArgumentException naming the layer when the shape is wrong
     */
    public static Tensor check(Tensor mask, int batch, int time, String who) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.shape()[0] != batch || mask.shape()[1] != time) {
            throw new IllegalArgumentException(who + ": the mask must have shape (" + batch + ", " + time
                    + ") (batch, timesteps), got " + Shape.str(mask.shape()));
        }
        return mask.dtype() == DType.BOOL ? mask : mask.ne(Tensor.zeros(mask.dtype(), 1));
    }

    /** The flags of a {@code (batch, time)} mask, row-major. */
    public static boolean[] flags(Tensor mask) {
        return mask.dtype() == DType.BOOL ? mask.toBooleanArray() : mask.ne(Tensor.zeros(mask.dtype(), 1)).toBooleanArray();
    }

    /** A list of {@code n} nulls (no masks), mutable. */
    public static List<Tensor> none(int n) {
        List<Tensor> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(null);
        }
        return l;
    }
}
