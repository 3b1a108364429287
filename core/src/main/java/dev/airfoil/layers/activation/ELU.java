package dev.airfoil.layers.activation;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/** Exponential linear unit layer (Keras {@code ELU}): {@code x} for x &gt; 0, {@code alpha * (exp(x) - 1)} otherwise. */
public class ELU extends Layer implements SupportsMasking {
    private final double alpha;
    private final Activation fn;

    /** alpha = 1. */
    public ELU() {
        this(1.0, null);
    }

    /** A given alpha and name. */
    public ELU(double alpha, String name) {
        super(name);
        this.alpha = alpha;
        this.fn = Activations.elu(alpha);
    }

    /** From a Keras config. */
    public static ELU fromConfig(ConfigMap c) {
        return new ELU(c.getDouble("alpha", 1.0), c.getString("name", null));
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
        m.put("alpha", alpha);
        return m;
    }
}
