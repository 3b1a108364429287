package dev.airfoil.layers.activation;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Rectified linear unit layer (Keras {@code ReLU}): {@code max_value} caps the output,
 * {@code negative_slope} scales values below {@code threshold}, values between are passed.
 * Defaults: no cap, slope 0, threshold 0.
 */
public class ReLU extends Layer implements SupportsMasking {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;
    private final Activation fn;

    /** The standard ReLU. */
    public ReLU() {
        this(null, 0, 0, null);
    }

    /** A ReLU with cap (null for none), negative slope, threshold and name. */
    public ReLU(Double maxValue, double negativeSlope, double threshold, String name) {
        super(name);
        if (maxValue != null && maxValue < 0) {
            throw new IllegalArgumentException("ReLU: max_value must be >= 0, got " + maxValue);
        }
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("ReLU: negative_slope must be >= 0, got " + negativeSlope);
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
        this.fn = Activations.relu(negativeSlope, maxValue, threshold);
    }

    /** From a Keras config. */
    public static ReLU fromConfig(ConfigMap c) {
        return new ReLU(c.getDoubleOrNull("max_value"), c.getDouble("negative_slope", 0), c.getDouble("threshold", 0),
                c.getString("name", null));
    }

    @Override
    protected String defaultNamePrefix() {
        return "re_lu";
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return fn.apply(input);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("max_value", maxValue);
        m.put("negative_slope", negativeSlope);
        m.put("threshold", threshold);
        return m;
    }
}
