package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Permutes the non-batch axes of its input (Keras {@code Permute}). {@code dims} is 1-based:
 * {@code new Permute(2, 1)} swaps the first and second axes after the batch.
 *
 * <p>Input shape: {@code (batch, d1, ..., dn)}; output shape: the axes reordered by {@code dims}.
 *
 * <pre>{@code
 * new Permute(2, 1); // (batch, 10, 64) -> (batch, 64, 10)
 * }</pre>
 */
public class Permute extends Layer {
    private final int[] dims;

    /** Permutes the non-batch axes in the order {@code dims} (1-based). */
    public Permute(int... dims) {
        this(dims, null);
    }

    /** A named Permute layer. */
    public Permute(int[] dims, String name) {
        super(name);
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Permute: dims must be a permutation of 1.." + dims.length
                        + " (the batch axis is not counted), got " + Arrays.toString(dims));
            }
        }
        this.dims = dims.clone();
    }

    /** From a Keras config. */
    public static Permute fromConfig(ConfigMap c) {
        return new Permute(c.getIntArray("dims", new int[0]), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape());
        int[] perm = new int[dims.length + 1];
        System.arraycopy(dims, 0, perm, 1, dims.length);
        return input.permute(perm);
    }

    /** Refuses an input whose rank does not match {@code dims}, eagerly and symbolically alike. */
    private void requireRank(int[] shape) {
        if (shape.length != dims.length + 1) {
            throw new IllegalArgumentException(describe() + ": dims " + Arrays.toString(dims) + " need an input of rank "
                    + (dims.length + 1) + ", got " + shape.length + " (shape " + Shape.str(shape) + ")");
        }
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape);
        int[] s = new int[inputShape.length];
        s[0] = inputShape[0];
        for (int i = 0; i < dims.length; i++) {
            s[i + 1] = inputShape[dims[i]];
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        List<Object> l = new ArrayList<>();
        for (int d : dims) {
            l.add(d);
        }
        m.put("dims", l);
        return m;
    }
}
