package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Applies a layer to every temporal slice of an input (Keras {@code TimeDistributed}): an input
 * {@code (batch, time, ...)} is folded to {@code (batch * time, ...)}, passed through the wrapped
 * layer once, and unfolded to {@code (batch, time, ...output)}. The same weights serve every step.
 * The wrapped layer's weights are this layer's weights; an input mask passes through unchanged.
 * A dtype given in the wrapper's config applies to the wrapped layer too.
 *
 * <pre>{@code
 * TimeDistributed td = new TimeDistributed(new Dense(8));
 * Tensor y = td.apply(x);   // (32, 10, 16) -> (32, 10, 8)
 * }</pre>
 */
public class TimeDistributed extends Layer implements SupportsMasking {
    private final Layer layer;

    /** Wraps {@code layer}. */
    public TimeDistributed(Layer layer) {
        this(layer, null);
    }

    /** Wraps {@code layer}, with a name. */
    public TimeDistributed(Layer layer, String name) {
        super(name);
        this.layer = layer;
    }

    /** From a Keras config ({@code layer}). */
    public static TimeDistributed fromConfig(ConfigMap c) {
        return new TimeDistributed(Layers.deserialize(Wrappers.withDtype(c.getMap("layer"), c.get("dtype"))),
                c.getString("name", null));
    }

    private static int[] inner(int[] s) {
        int[] r = new int[s.length - 1];
        r[0] = s[0] < 0 || s[1] < 0 ? -1 : s[0] * s[1];
        System.arraycopy(s, 2, r, 1, s.length - 2);
        return r;
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 3) {
            throw new IllegalArgumentException(describe() + " expects an input of rank >= 3 (batch, time, ...), got "
                    + Shape.str(inputShape));
        }
        int[] s = inner(inputShape);
        s[0] = -1;
        layer.ensureBuilt(List.of(s));
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        layer.setTrainable(trainable);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int[] s = input.shape();
        if (s.length < 3) {
            throw new IllegalArgumentException(describe() + " expects an input of rank >= 3 (batch, time, ...), got "
                    + Shape.str(s));
        }
        Tensor folded = input.reshape(inner(s));
        Tensor y = layer.apply(folded, training);
        int[] ys = y.shape();
        int[] out = new int[ys.length + 1];
        out[0] = s[0];
        out[1] = s[1];
        System.arraycopy(ys, 1, out, 2, ys.length - 1);
        return y.reshape(out);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] y = layer.computeOutputShape(inner(inputShape));
        int[] out = new int[y.length + 1];
        out[0] = inputShape[0];
        out[1] = inputShape[1];
        System.arraycopy(y, 1, out, 2, y.length - 1);
        return out;
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("layer", Wrappers.serializeInner(layer));
        return m;
    }
}
