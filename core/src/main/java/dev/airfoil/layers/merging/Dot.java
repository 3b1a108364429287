package dev.airfoil.layers.merging;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dot product between samples of two tensors along given axes (Keras {@code Dot}); with
 * {@code normalize} the samples are L2-normalised first, giving cosine similarity. For inputs
 * {@code (batch, n)} and {@code (batch, n)} with axes 1 the output is {@code (batch, 1)}.
 */
public class Dot extends Layer {
    private final int[] axes;
    private final boolean normalize;

    /** A dot product over the same axis of both inputs. */
    public Dot(int axes) {
        this(new int[] {axes, axes}, false, null);
    }

    /** A dot product over {@code axes[0]} of the first and {@code axes[1]} of the second input. */
    public Dot(int[] axes, boolean normalize, String name) {
        super(name);
        if (axes.length != 2) {
            throw new IllegalArgumentException("Dot: axes must be one integer or a pair, got " + axes.length + " values");
        }
        this.axes = axes.clone();
        this.normalize = normalize;
    }

    /** From a Keras config. */
    public static Dot fromConfig(ConfigMap c) {
        int[] ax = c.getIntArray("axes", new int[] {-1});
        if (ax.length == 1) {
            ax = new int[] {ax[0], ax[0]};
        }
        return new Dot(ax, c.getBoolean("normalize", false), c.getString("name", null));
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        if (inputShapes.size() != 2) {
            throw new IllegalArgumentException(describe() + " should be called on exactly 2 inputs, received "
                    + inputShapes.size());
        }
    }

    private int[] resolved(int rankA, int rankB) {
        int a = axes[0] < 0 ? axes[0] + rankA : axes[0];
        int b = axes[1] < 0 ? axes[1] + rankB : axes[1];
        if (a <= 0 || a >= rankA || b <= 0 || b >= rankB) {
            throw new IllegalArgumentException(describe() + ": axes " + java.util.Arrays.toString(axes)
                    + " must be non-batch axes of inputs of ranks " + rankA + " and " + rankB);
        }
        return new int[] {a, b};
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(describe() + " should be called on exactly 2 inputs, received " + inputs.size());
        }
        Tensor x = inputs.get(0);
        Tensor y = inputs.get(1);
        int[] ax = resolved(x.rank(), y.rank());
        if (normalize) {
            x = l2Normalize(x, ax[0]);
            y = l2Normalize(y, ax[1]);
        }
        if (x.shape()[ax[0]] != y.shape()[ax[1]]) {
            throw new IllegalArgumentException(describe() + ": dimension " + ax[0] + " of " + Shape.str(x.shape())
                    + " and dimension " + ax[1] + " of " + Shape.str(y.shape()) + " must be equal");
        }
        // batched dot: move the contracted axis of x last and of y to position 1, then matmul
        Tensor xm = x.swapAxes(ax[0], -1);
        Tensor ym = y.swapAxes(ax[1], 1);
        int[] xs = xm.shape();
        int[] ys = ym.shape();
        int batch = xs[0];
        int k = xs[xs.length - 1];
        Tensor a = xm.reshape(batch, -1, k);
        Tensor b = ym.reshape(batch, k, -1);
        Tensor out = a.matmul(b);
        List<Integer> shape = new ArrayList<>();
        shape.add(batch);
        for (int i = 1; i < xs.length - 1; i++) {
            shape.add(xs[i]);
        }
        for (int i = 2; i < ys.length; i++) {
            shape.add(ys[i]);
        }
        if (shape.size() == 1) {
            shape.add(1);
        }
        return List.of(out.reshape(shape.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static Tensor l2Normalize(Tensor x, int axis) {
        Tensor sq = x.square().sum(new int[] {axis}, true);
        return x.mul(sq.maximum(1e-12).sqrt().reciprocal());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axes", axes[0] == axes[1] ? (Object) axes[0] : List.of(axes[0], axes[1]));
        m.put("normalize", normalize);
        return m;
    }
}
