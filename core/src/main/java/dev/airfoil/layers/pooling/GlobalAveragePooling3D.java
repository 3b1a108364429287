package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Global average pooling over 3 spatial axis/axes: the mean over all positions of each
 * channel (Keras {@code GlobalAveragePooling3D}).
 *
 * <p>Arguments: {@code data_format} ({@code "channels_last"}); {@code keepdims} (false: the
 * spatial axes are dropped; true: they are kept with size 1).
 *
 * <p>Input shape: {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_first}: channels second). Output shape:
 * {@code (batch, channels)}, or the input rank with spatial sizes 1 when {@code keepdims}.
 *
 * <pre>{@code
 * new GlobalAveragePooling3D();
 * }</pre>
 */
public class GlobalAveragePooling3D extends BaseGlobalPooling {
    /** Global pooling with Keras's defaults. */
    public GlobalAveragePooling3D() {
        this("channels_last", false, null);
    }

    /** Global pooling with every argument (name null for automatic). */
    public GlobalAveragePooling3D(String dataFormat, boolean keepdims, String name) {
        super(3, false, dataFormat, keepdims, name);
    }

    /** From a Keras config. */
    public static GlobalAveragePooling3D fromConfig(ConfigMap c) {
        return new GlobalAveragePooling3D(c.getString("data_format", "channels_last"), c.getBoolean("keepdims", false),
                c.getString("name", null));
    }
}
