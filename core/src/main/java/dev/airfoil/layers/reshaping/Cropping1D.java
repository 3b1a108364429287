package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Crops its input along the 1 spatial axis/axes (Keras {@code Cropping1D}).
 *
 * <p>Arguments: {@code cropping}: an integer (the same before and after every axis), 1 integers
 * (symmetric per axis) or 1 {@code (before, after)} pairs.
 * Input shape: {@code (batch, steps, features)}; output shape: the spatial sizes reduced by the cropping.
 *
 * <pre>{@code
 * new Cropping1D(1);
 * }</pre>
 */
public class Cropping1D extends BaseCropping {
    /** Crops {@code n} positions from both ends of every spatial axis. */
    public Cropping1D(int n) {
        this(n, null);
    }

    /**
     * Cropping from any of Keras's forms: an {@link Integer}, or a {@link java.util.List} of integers
     * or of pairs (name null for automatic).
     */
    public Cropping1D(Object cropping, String name) {
        super(1, cropping, null, name);
    }

    /** From a Keras config. */
    public static Cropping1D fromConfig(ConfigMap c) {
        return new Cropping1D(c.has("cropping") ? c.get("cropping") : (Object) 1,
                c.getString("name", null));
    }
}
