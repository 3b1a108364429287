package dev.airfoil.activations;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * An activation function, as passed to a layer's {@code activation} argument. Built-in ones are
 * looked up by Keras name through {@link Activations#get(Object)}; a config stores the name.
 *
 * <p>A custom activation only needs {@link #apply} and {@link #name}; register it with
 * {@link Activations#register} so that configs naming it can be loaded.
 */
public interface Activation {
    /** Applies the function (recorded for autodiff). */
    Tensor apply(Tensor x);

    /** The Keras name, such as {@code "relu"}, stored in configs. */
    String name();

    /**
     * The function's hyperparameters with Keras's argument names (such as {@code negative_slope}
     * for {@code relu}); empty for functions without any.
     */
    default Map<String, Object> getConfig() {
        return Map.of();
    }
}
