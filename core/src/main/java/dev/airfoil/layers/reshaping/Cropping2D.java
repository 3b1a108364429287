package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Crops its input along the 2 spatial axis/axes (Keras {@code Cropping2D}).
 *
 * <p>Arguments: {@code cropping}: an integer (the same before and after every axis), 2 integers
 * (symmetric per axis) or 2 {@code (before, after)} pairs; {@code data_format} ({@code "channels_last"}).
 * Input shape: {@code (batch, rows, cols, channels)}; output shape: the spatial sizes reduced by the cropping.
 *
 * <pre>{@code
 * new Cropping2D(1);
 * }</pre>
 */
public class Cropping2D extends BaseCropping {
    /** Crops {@code n} positions from both ends of every spatial axis. */
    public Cropping2D(int n) {
        this(n, "channels_last", null);
    }

    /**
     * Cropping from any of Keras's forms: an {@link Integer}, or a {@link java.util.List} of integers
     * or of pairs (name null for automatic).
     */
    public Cropping2D(Object cropping, String dataFormat, String name) {
        super(2, cropping, dataFormat, name);
    }

    /** From a Keras config. */
    public static Cropping2D fromConfig(ConfigMap c) {
        return new Cropping2D(c.has("cropping") ? c.get("cropping") : (Object) 0,
                c.getString("data_format", "channels_last"), c.getString("name", null));
    }
}
