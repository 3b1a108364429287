package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Multiplies every input value by {@code scale} and adds {@code offset} (Keras {@code Rescaling}),
 * in training and inference alike: {@code 1 / 255.0} maps pixels in {@code [0, 255]} to {@code [0, 1]},
 * {@code scale = 1 / 127.5, offset = -1} to {@code [-1, 1]}. Integer inputs are cast to the layer's
 * float dtype first.
 *
 * <p>Arguments: {@code scale}; {@code offset} (0). Either may also be an array broadcast against the
 * input from the last axis (one value per channel of {@code channels_last} images).
 * Input and output shape: any, unchanged. The output is differentiable in the input.
 *
 * <pre>{@code
 * model.add(Input.shape(28, 28, 1));
 * model.add(new Rescaling(1 / 255.0));
 * }</pre>
 */
public class Rescaling extends Layer implements SupportsMasking {
    private final Tensor scale;
    private final Tensor offset;

    /** {@code x * scale}. */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /** {@code x * scale + offset}. */
    public Rescaling(double scale, double offset) {
        this(Tensor.scalar(scale), Tensor.scalar(offset), null);
    }

    /**
     * {@code x * scale + offset} with scalars or arrays (float64 copies are kept).
     *
     * @param name the layer name, or null for an automatic one
     */
    public Rescaling(Tensor scale, Tensor offset, String name) {
        super(name);
        if (scale == null || offset == null) {
            throw new IllegalArgumentException(describe() + ": scale and offset must be numbers or arrays; got scale="
                    + scale + ", offset=" + offset);
        }
        this.scale = scale.cast(dev.airfoil.tensor.DType.FLOAT64).copy();
        this.offset = offset.cast(dev.airfoil.tensor.DType.FLOAT64).copy();
    }

    /** From a Keras config ({@code scale} required, {@code offset} 0 when absent; numbers or nested lists). */
    public static Rescaling fromConfig(ConfigMap c) {
        if (c.get("scale") == null) {
            throw new IllegalArgumentException("Rescaling config: 'scale' is required (a number such as 0.00392156862745098)");
        }
        Object offset = c.has("offset") ? c.get("offset") : 0.0;
        return new Rescaling(NestedLists.toTensor(c.get("scale"), "Rescaling config 'scale'"),
                NestedLists.toTensor(offset == null ? 0.0 : offset, "Rescaling config 'offset'"), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        return x.mul(scale.cast(dtype)).add(offset.cast(dtype));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("scale", NestedLists.of(scale));
        m.put("offset", NestedLists.of(offset));
        return m;
    }
}
