package dev.airfoil.layers.regularization;

import dev.airfoil.saving.ConfigMap;

/**
 * Spatial 3D dropout (Keras {@code SpatialDropout3D}): drops entire channels rather than
 * single elements, which helps when neighbouring positions are strongly correlated (early
 * convolution layers). Kept channels are scaled by {@code 1 / (1 - rate)}; identity in inference.
 *
 * <p>Arguments: {@code rate}; {@code seed}; {@code data_format} ({@code "channels_last"}).
 * Input shape: {@code (samples, dim1, dim2, dim3, channels)}; output shape: the same.
 *
 * <pre>{@code
 * new SpatialDropout3D(0.2);
 * }</pre>
 */
public class SpatialDropout3D extends SpatialDropout {
    /** Spatial dropout at a rate. */
    public SpatialDropout3D(double rate) {
        this(rate, "channels_last", null, null);
    }

    /** Spatial dropout with every argument (seed and name may be null). */
    public SpatialDropout3D(double rate, String dataFormat, Long seed, String name) {
        super(3, rate, dataFormat, seed, name);
    }

    /** From a Keras config. */
    public static SpatialDropout3D fromConfig(ConfigMap c) {
        return new SpatialDropout3D(c.getDouble("rate", 0.5), c.getString("data_format", "channels_last"),
                c.getLong("seed", null), c.getString("name", null));
    }
}
