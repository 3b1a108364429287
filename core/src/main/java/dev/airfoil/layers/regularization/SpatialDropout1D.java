package dev.airfoil.layers.regularization;

import dev.airfoil.saving.ConfigMap;

/**
 * Spatial 1D dropout (Keras {@code SpatialDropout1D}): drops entire channels rather than
 * single elements, which helps when neighbouring positions are strongly correlated (early
 * convolution layers). Kept channels are scaled by {@code 1 / (1 - rate)}; identity in inference.
 *
 * <p>Arguments: {@code rate}; {@code seed}.
 * Input shape: {@code (samples, timesteps, channels)}; output shape: the same.
 *
 * <pre>{@code
 * new SpatialDropout1D(0.2);
 * }</pre>
 */
public class SpatialDropout1D extends SpatialDropout {
    /** Spatial dropout at a rate. */
    public SpatialDropout1D(double rate) {
        this(rate, null, null);
    }

    /** Spatial dropout with every argument (seed and name may be null). */
    public SpatialDropout1D(double rate, Long seed, String name) {
        super(1, rate, "channels_last", seed, name);
    }

    /** From a Keras config. */
    public static SpatialDropout1D fromConfig(ConfigMap c) {
        return new SpatialDropout1D(c.getDouble("rate", 0.5), c.getLong("seed", null), c.getString("name", null));
    }
}
