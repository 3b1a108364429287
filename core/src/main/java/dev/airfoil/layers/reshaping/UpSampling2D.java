package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Up-samples its input by repeating each position {@code size} times along the 2 spatial
 * axis/axes (Keras {@code UpSampling2D}), or by bilinear interpolation with {@code interpolation = "bilinear"}.
 *
 * <p>Arguments: {@code size} (2; one integer or one per axis); {@code data_format} ({@code "channels_last"}); {@code interpolation} ({@code "nearest"} or {@code "bilinear"}).
 * Input shape: {@code (batch, rows, cols, channels)}; output shape: the spatial sizes multiplied by {@code size}.
 *
 * <pre>{@code
 * new UpSampling2D(2);
 * }</pre>
 */
public class UpSampling2D extends BaseUpSampling {
    /** Up-sampling by {@code size} along every spatial axis. */
    public UpSampling2D(int size) {
        this(new int[] {size}, "channels_last", "nearest", null);
    }

    /** Up-sampling with every argument (name null for automatic). */
    public UpSampling2D(int[] size, String dataFormat, String interpolation, String name) {
        super(2, size, dataFormat, interpolation, name);
    }

    /** From a Keras config. */
    public static UpSampling2D fromConfig(ConfigMap c) {
        return new UpSampling2D(c.getIntArray("size", new int[] {2}), c.getString("data_format", "channels_last"), c.getString("interpolation", "nearest"),
                c.getString("name", null));
    }
}
