package dev.airfoil.layers.core;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Masks timesteps whose features all equal {@code mask_value} (Keras {@code Masking}).
 *
 * <p>Input {@code (batch, time, features)}. The output is the input with such timesteps set to
 * zero, and {@link #computeMask} gives the mask {@code any(x != mask_value, axis=-1)} of shape
 * {@code (batch, time)} that recurrent and attention layers consume (see {@link SupportsMasking}).
 *
 * <pre>{@code
 * Masking masking = new Masking(0.0);
 * Masks.Masked r = Masks.sequential(List.of(masking, LSTM.builder(8).build()), padded, false);
 * }</pre>
 */
public class Masking extends Layer implements SupportsMasking {
    private final double maskValue;

    /** Masking of all-zero timesteps. */
    public Masking() {
        this(0.0, null);
    }

    /** Masking of timesteps equal to {@code maskValue}. */
    public Masking(double maskValue) {
        this(maskValue, null);
    }

    /** Masking with a name. */
    public Masking(double maskValue, String name) {
        super(name);
        this.maskValue = maskValue;
    }

    /** From a Keras config. */
    public static Masking fromConfig(ConfigMap c) {
        return new Masking(c.getDouble("mask_value", 0.0), c.getString("name", null));
    }

    private Tensor keep(Tensor input) {
        Tensor ne = input.ne(Tensor.full(input.dtype(), maskValue, 1));
        return ne.cast(input.dtype()).max(new int[] {input.rank() - 1}, true);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return input.mul(keep(input));
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return keep(input).squeeze(input.rank() - 1).ne(Tensor.zeros(input.dtype(), 1));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The value that marks padding. */
    public double maskValue() {
        return maskValue;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("mask_value", maskValue);
        return m;
    }
}
