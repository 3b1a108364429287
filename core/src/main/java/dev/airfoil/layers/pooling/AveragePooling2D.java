package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Average pooling over 2 spatial axis/axes: the mean (padding excluded) of each window of {@code pool_size},
 * moved by {@code strides} (Keras {@code AveragePooling2D}).
 *
 * <p>Arguments: {@code pool_size} ((2, 2)); {@code strides} (default: the pool size);
 * {@code padding} ({@code "valid"} or {@code "same"}); {@code data_format} ({@code "channels_last"}).
 *
 * <p>Input shape: {@code (batch, rows, cols, channels)} ({@code channels_first}: channels second). Output shape:
 * the same with pooled spatial sizes ({@code floor((in - pool) / strides) + 1} for
 * {@code "valid"}, {@code ceil(in / strides)} for {@code "same"}).
 *
 * <pre>{@code
 * new AveragePooling2D(2);
 * new AveragePooling2D(new int[] {3}, new int[] {2}, "same", "channels_last", null);
 * }</pre>
 */
public class AveragePooling2D extends BasePooling {
    /** Pooling with Keras's defaults (pool size 2 along every axis). */
    public AveragePooling2D() {
        this(2);
    }

    /** Pooling with a window of {@code poolSize} along every axis and strides equal to it. */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize}, null, "valid", "channels_last", null);
    }

    /** Pooling with every argument (strides null for the pool size, name null for automatic). */
    public AveragePooling2D(int[] poolSize, int[] strides, String padding, String dataFormat, String name) {
        super(2, false, poolSize, strides, padding, dataFormat, name);
    }

    /** From a Keras config. */
    public static AveragePooling2D fromConfig(ConfigMap c) {
        return new AveragePooling2D(poolSizeOf(c, 2), c.getIntArray("strides", null), c.getString("padding", "valid"),
                c.getString("data_format", "channels_last"), c.getString("name", null));
    }
}
