package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Pads its input with zeros along the 1 spatial axis/axes (Keras {@code ZeroPadding1D}).
 *
 * <p>Arguments: {@code padding}: an integer (the same before and after every axis), 1 integers
 * (symmetric per axis) or 1 {@code (before, after)} pairs (default 1); {@code data_format}
 * ({@code "channels_last"}). Input shape: {@code (batch, steps, features)}; output shape: the spatial sizes
 * increased by the padding.
 *
 * <pre>{@code
 * new ZeroPadding1D(1);
 * }</pre>
 */
public class ZeroPadding1D extends BaseZeroPadding {
    /** Pads {@code n} zeros at both ends of every spatial axis. */
    public ZeroPadding1D(int n) {
        this(n, "channels_last", null);
    }

    /**
     * Zero padding from any of Keras's forms: an {@link Integer}, or a {@link java.util.List} of
     * integers or of pairs (name null for automatic).
     */
    public ZeroPadding1D(Object padding, String dataFormat, String name) {
        super(1, padding, dataFormat, name);
    }

    /** From a Keras config. */
    public static ZeroPadding1D fromConfig(ConfigMap c) {
        return new ZeroPadding1D(c.has("padding") ? c.get("padding") : (Object) 1,
                c.getString("data_format", "channels_last"), c.getString("name", null));
    }
}
