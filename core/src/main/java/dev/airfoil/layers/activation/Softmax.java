package dev.airfoil.layers.activation;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Softmax layer (Keras {@code Softmax}) along {@code axis} (default -1). Called with a second
 * input, a mask (true = keep), masked positions get a large negative logit before the softmax.
 */
public class Softmax extends Layer {
    private final int axis;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1, null);
    }

    /** Softmax over an axis, with a name. */
    public Softmax(int axis, String name) {
        super(name);
        this.axis = axis;
    }

    /** From a Keras config. */
    public static Softmax fromConfig(ConfigMap c) {
        int[] ax = c.getIntArray("axis", new int[] {-1});
        return new Softmax(ax[0], c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return x.softmax(axis);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (inputs.size() == 2) {
            Tensor x = inputs.get(0);
            Tensor mask = inputs.get(1);
            Tensor adder = Tensor.onesLike(x).sub(mask.cast(x.dtype())).mul(-1e9);
            return List.of(x.add(adder).softmax(axis));
        }
        return super.call(inputs, training);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axis", axis);
        return m;
    }
}
