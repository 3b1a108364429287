package dev.airfoil.layers.activation;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Softmax layer (Keras {@code Softmax}) along {@code axis} (default -1). With a mask (true = keep;
 * a second input, or the mask a model passes on), as in Keras 3: masked positions get a large
 * negative logit (-1e9) before the softmax and 0 after it; the mask must broadcast to the input.
 */
public class Softmax extends Layer implements SupportsMasking {
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
            return List.of(masked(inputs.get(0), inputs.get(1)));
        }
        return super.call(inputs, training);
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return applyMaskedSingle(inputs, masks, training, this::masked);
    }

    private Tensor masked(Tensor x, Tensor mask) {
        int[] xs = x.shape();
        int[] ms = mask.shape();
        boolean fits = ms.length <= xs.length;
        for (int i = 1; fits && i <= ms.length; i++) {
            int m = ms[ms.length - i];
            fits = m == 1 || m == xs[xs.length - i];
        }
        if (!fits) {
            throw new IllegalArgumentException(describe() + ": the mask must broadcast to the input (each of its trailing "
                    + "dimensions 1 or the input's): got mask " + Shape.str(ms) + " for input " + Shape.str(xs)
                    + "; a (batch, timesteps) mask needs an input whose last axes are (batch, timesteps)");
        }
        Tensor keep = mask.dtype() == DType.BOOL ? mask : mask.cast(DType.FLOAT32).gt(0.5); // Keras: > 0.5
        Tensor out = Tensor.where(keep, x, Tensor.full(x.dtype(), -1e9, 1)).softmax(axis);
        return Tensor.where(keep, out, Tensor.zeros(out.dtype(), 1));
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
