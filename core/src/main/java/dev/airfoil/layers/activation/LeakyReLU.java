package dev.airfoil.layers.activation;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/** Leaky ReLU layer (Keras {@code LeakyReLU}): {@code x} for x &gt;= 0, {@code negative_slope * x} otherwise (default 0.3). */
public class LeakyReLU extends Layer implements SupportsMasking {
    private final double negativeSlope;
    /** The activation (its float32 kernels for float32 inputs). */
    private final Activation fn;

    /** Keras's default slope 0.3. */
    public LeakyReLU() {
        this(0.3, null);
    }

    /** A given slope and name. */
    public LeakyReLU(double negativeSlope, String name) {
        super(name);
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("LeakyReLU: negative_slope must be >= 0, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        this.fn = Activations.leakyRelu(negativeSlope);
    }

    /** From a Keras config (also accepts the Keras 2 key {@code alpha}). */
    public static LeakyReLU fromConfig(ConfigMap c) {
        return new LeakyReLU(c.getDouble("negative_slope", c.getDouble("alpha", 0.3)), c.getString("name", null));
    }

    @Override
    protected String defaultNamePrefix() {
        return "leaky_re_lu";
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return fn.apply(x);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("negative_slope", negativeSlope);
        return m;
    }
}
