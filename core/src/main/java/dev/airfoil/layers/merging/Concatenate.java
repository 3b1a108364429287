package dev.airfoil.layers.merging;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Concatenates a list of tensors along an axis (default the last), all other axes equal (Keras
 * {@code Concatenate}). In the seed's model, {@code (None, 28, 28)} and {@code (None, 28, 30)}
 * give {@code (None, 28, 58)}.
 *
 * <p>Masks as in Keras: each input's mask is widened to the input's shape (all true for an unmasked
 * input), the widened masks are concatenated along the axis, and a position of the output is kept
 * where any of the last axis's entries is.
 */
public class Concatenate extends Layer implements SupportsMasking {
    private final int axis;

    /** Concatenation along the last axis. */
    public Concatenate() {
        this(-1, null);
    }

    /** Concatenation along an axis (negative counts from the end), with a name (null for automatic). */
    public Concatenate(int axis, String name) {
        super(name);
        this.axis = axis;
    }

    /** From a Keras config. */
    public static Concatenate fromConfig(ConfigMap c) {
        return new Concatenate(c.getInt("axis", -1), c.getString("name", null));
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        computeOutputShapes(inputShapes);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(describe() + " should be called on a list of at least 2 inputs, received "
                    + inputs.size());
        }
        return List.of(Tensor.concatenate(inputs, axis));
    }

    @Override
    public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks, int outputs) {
        if (!Masks.any(masks)) {
            return Masks.none(outputs);
        }
        List<Tensor> wide = new java.util.ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            Tensor m = Masks.at(masks, i);
            if (m == null) {
                wide.add(Tensor.ones(DType.FLOAT32, x.shape()));
                continue;
            }
            Tensor f = Masks.asFloat(m);
            while (f.rank() < x.rank()) {
                f = f.unsqueeze(f.rank());
            }
            wide.add(f.broadcastTo(x.shape()));
        }
        Tensor joined = Tensor.concatenate(wide, axis);
        return java.util.Arrays.asList(joined.max(new int[] {joined.rank() - 1}, false).gt(0.5));
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> shapes) {
        if (shapes.size() < 2) {
            throw new IllegalArgumentException(describe() + " should be called on a list of at least 2 inputs, received "
                    + shapes.size());
        }
        int rank = shapes.get(0).length;
        int a = Shape.axis(axis, rank, describe());
        int[] out = shapes.get(0).clone();
        out[a] = 0;
        for (int[] s : shapes) {
            if (s.length != rank) {
                throw new IllegalArgumentException(describe() + ": inputs must have the same rank; got shapes "
                        + shapes.stream().map(Shape::str).toList());
            }
            for (int i = 0; i < rank; i++) {
                if (i == a) {
                    out[a] = out[a] < 0 || s[i] < 0 ? -1 : out[a] + s[i];
                } else if (s[i] != out[i] && s[i] >= 0 && out[i] >= 0) {
                    throw new IllegalArgumentException(describe() + " requires inputs with matching shapes except for the "
                            + "concatenation axis " + axis + ". Received: input_shape=" + shapes.stream().map(Shape::str).toList());
                } else if (out[i] < 0) {
                    out[i] = s[i];
                }
            }
        }
        return List.of(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axis", axis);
        return m;
    }
}
