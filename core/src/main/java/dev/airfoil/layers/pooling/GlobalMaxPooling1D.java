package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Global max pooling over 1 spatial axis/axes: the maximum over all positions of each
 * channel (Keras {@code GlobalMaxPooling1D}).
 *
 * <p>Arguments: {@code data_format} ({@code "channels_last"}); {@code keepdims} (false: the
 * spatial axes are dropped; true: they are kept with size 1).
 *
 * <p>Input shape: {@code (batch, steps, features)} ({@code channels_first}: channels second). Output shape:
 * {@code (batch, channels)}, or the input rank with spatial sizes 1 when {@code keepdims}.
 *
 * <pre>{@code
 * new GlobalMaxPooling1D();
 * }</pre>
 */
public class GlobalMaxPooling1D extends BaseGlobalPooling {
    /** Global pooling with Keras's defaults. */
    public GlobalMaxPooling1D() {
        this("channels_last", false, null);
    }

    /** Global pooling with every argument (name null for automatic). */
    public GlobalMaxPooling1D(String dataFormat, boolean keepdims, String name) {
        super(1, true, dataFormat, keepdims, name);
    }

    /** From a Keras config. */
    public static GlobalMaxPooling1D fromConfig(ConfigMap c) {
        return new GlobalMaxPooling1D(c.getString("data_format", "channels_last"), c.getBoolean("keepdims", false),
                c.getString("name", null));
    }
}
