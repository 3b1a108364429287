package dev.airfoil.layers.merging;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The base of element-wise merge layers ({@link Add}, {@link Subtract}, {@link Multiply},
 * {@link Average}, {@link Maximum}, {@link Minimum}): takes a list of at least two tensors of
 * broadcast-compatible shapes and returns one. With masks, as in Keras 3: the output's mask is the OR
 * of the inputs' masks when every input has one, and none otherwise.
 */
public abstract class Merge extends Layer implements SupportsMasking {
    /** A merge layer with a name (null for automatic). */
    protected Merge(String name) {
        super(name);
    }

    /** Combines the inputs element-wise. */
    protected abstract Tensor merge(List<Tensor> inputs);

    /** The minimum number of inputs (2), or an exact count for {@link Subtract}. */
    protected int minInputs() {
        return 2;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        checkCount(inputShapes.size());
        outputShape(inputShapes);
    }

    private void checkCount(int n) {
        if (n < minInputs()) {
            throw new IllegalArgumentException(describe() + " should be called on a list of at least " + minInputs()
                    + " inputs, received " + n);
        }
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        checkCount(inputs.size());
        return List.of(merge(inputs));
    }

    @Override
    public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks, int outputs) {
        return java.util.Arrays.asList(Masks.anyOf(masks));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        throw new IllegalArgumentException(describe() + " should be called on a list of inputs, received a single tensor "
                + Shape.str(input.shape()));
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        return List.of(outputShape(inputShapes));
    }

    private int[] outputShape(List<int[]> shapes) {
        int[] out = shapes.get(0);
        for (int i = 1; i < shapes.size(); i++) {
            out = broadcastUnknown(out, shapes.get(i));
        }
        return out;
    }

    private int[] broadcastUnknown(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == -1 || db == -1) {
                out[i] = da == 1 ? db : (db == 1 ? da : (da == -1 ? db : da));
            } else if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new IllegalArgumentException(describe() + ": inputs with shapes " + Shape.str(a) + " and "
                        + Shape.str(b) + " cannot be merged; the shapes must be equal (or broadcastable)");
            }
        }
        return out;
    }

    /** Folds the inputs left to right with a binary operation. */
    protected static Tensor fold(List<Tensor> inputs, java.util.function.BinaryOperator<Tensor> op) {
        List<Tensor> xs = new ArrayList<>(inputs);
        Tensor acc = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            acc = op.apply(acc, xs.get(i));
        }
        return acc;
    }
}
