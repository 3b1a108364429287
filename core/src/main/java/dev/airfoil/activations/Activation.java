package dev.airfoil.activations;

import dev.airfoil.tensor.Tensor;

/**
 * An activation function, as passed to a layer's {@code activation} argument. Built-in ones are
 * looked up by Keras name through {@link Activations#get(Object)}; a config stores the name.
 */
public interface Activation {
    /** Applies the function (recorded for autodiff). */
    Tensor apply(Tensor x);

    /** The Keras name, such as {@code "relu"}, stored in configs. */
    String name();
}
