package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Up-samples its input by repeating each position {@code size} times along the 3 spatial
 * axis/axes (Keras {@code UpSampling3D}).
 *
 * <p>Arguments: {@code size} (2; one integer or one per axis); {@code data_format} ({@code "channels_last"}).
 * Input shape: {@code (batch, dim1, dim2, dim3, channels)}; output shape: the spatial sizes multiplied by {@code size}.
 *
 * <pre>{@code
 * new UpSampling3D(2);
 * }</pre>
 */
public class UpSampling3D extends BaseUpSampling {
    /** Up-sampling by {@code size} along every spatial axis. */
    public UpSampling3D(int size) {
        this(new int[] {size}, "channels_last", null);
    }

    /** Up-sampling with every argument (name null for automatic). */
    public UpSampling3D(int[] size, String dataFormat, String name) {
        super(3, size, dataFormat, "nearest", name);
    }

    /** From a Keras config. */
    public static UpSampling3D fromConfig(ConfigMap c) {
        return new UpSampling3D(c.getIntArray("size", new int[] {2}), c.getString("data_format", "channels_last"),
                c.getString("name", null));
    }
}
