package dev.airfoil.layers.core;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Applies an activation function to its input (Keras {@code Activation}); Keras class name
 * {@code "Activation"}. Named {@code ActivationLayer} in Java to avoid clashing with the
 * {@link Activation} function type.
 *
 * <pre>{@code new ActivationLayer("relu")}</pre>
 */
public class ActivationLayer extends Layer implements SupportsMasking {
    private final Activation activation;

    /** An activation layer by Keras name or {@link Activation} instance. */
    public ActivationLayer(Object activation) {
        this(activation, null);
    }

    /** A named activation layer. */
    public ActivationLayer(Object activation, String name) {
        super(name);
        this.activation = Activations.get(activation);
    }

    /** From a Keras config. */
    public static ActivationLayer fromConfig(ConfigMap c) {
        return new ActivationLayer(c.get("activation"), c.getString("name", null));
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    protected String defaultNamePrefix() {
        return "activation";
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return activation == null ? input : activation.apply(input);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("activation", Activations.serialize(activation));
        return m;
    }
}
