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

    /** Outputs of one layer call with the mask each carries (null entries where none). */
    public record MaskedCall(List<Tensor> outputs, List<Tensor> masks) {
    }

    /**
     * Calls a layer as Keras's {@code Layer.__call__} does in a model: a layer that implements
     * {@link SupportsMasking} receives its inputs' masks (when any is set) and gives its outputs'
     * masks ({@link SupportsMasking#computeMasks}); any other layer is called plainly and its
     * outputs carry no mask (Keras drops the mask there, with a warning).
     *
     * @param masks one entry per input (null entries or a null list: unmasked)
     */
    public static MaskedCall call(Layer layer, List<Tensor> inputs, List<Tensor> masks, boolean training) {
        if (!(layer instanceof SupportsMasking m)) {
            List<Tensor> outs = layer.apply(inputs, training);
            return new MaskedCall(outs, none(outs.size()));
        }
        return m.callMasked(inputs, masks, training);
    }

    /**
     * Runs layers one after the other, as a {@code Sequential} model does, passing each layer's
     * output mask to the next by the rules of {@link #call}.
     */
    public static Masked sequential(List<? extends Layer> layers, Tensor input, boolean training) {
        Tensor x = input;
        Tensor mask = null;
        for (Layer layer : layers) {
            MaskedCall c = call(layer, List.of(x), Arrays.asList(mask), training);
            x = c.outputs().get(0);
            mask = c.masks().get(0);
        }
        return new Masked(x, mask);
    }

    /**
     * Whether any of the masks is set; a list whose entries are all null (or a null list) means
     * no input is masked.
     */
    public static boolean any(List<Tensor> masks) {
        return masks != null && masks.stream().anyMatch(java.util.Objects::nonNull);
    }

    /**
     * The elementwise OR of the masks when every one is set (Keras 3's merging layers: a step is kept
     * where any input keeps it); null when any input is unmasked.
     */
    public static Tensor anyOf(List<Tensor> masks) {
        if (masks == null || masks.isEmpty() || masks.stream().anyMatch(java.util.Objects::isNull)) {
            return null;
        }
        Tensor out = null;
        for (Tensor m : masks) {
            Tensor b = asFloat(m);
            out = out == null ? b : out.maximum(b);
        }
        return out.gt(0.5);
    }

    /** A mask as bools: true where it keeps a position (non-zero for numeric masks). */
    public static Tensor asBool(Tensor mask) {
        return mask.dtype() == DType.BOOL ? mask : mask.ne(Tensor.zeros(mask.dtype(), 1));
    }

    /** A mask as float32 ones (kept) and zeros. */
    public static Tensor asFloat(Tensor mask) {
        return asBool(mask).cast(DType.FLOAT32);
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
        return asBool(mask);
    }

    /** The flags of a {@code (batch, time)} mask, row-major. */
    public static boolean[] flags(Tensor mask) {
        return asBool(mask).toBooleanArray();
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
