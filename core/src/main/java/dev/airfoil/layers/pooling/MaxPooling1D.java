package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Max pooling over 1 spatial axis/axes: the maximum of each window of {@code pool_size},
 * moved by {@code strides} (Keras {@code MaxPooling1D}).
 *
 * <p>Arguments: {@code pool_size} (2); {@code strides} (default: the pool size);
 * {@code padding} ({@code "valid"} or {@code "same"}); {@code data_format} ({@code "channels_last"}).
 *
 * <p>Input shape: {@code (batch, steps, features)} ({@code channels_first}: channels second). Output shape:
 * the same with pooled spatial sizes ({@code floor((in - pool) / strides) + 1} for
 * {@code "valid"}, {@code ceil(in / strides)} for {@code "same"}).
 *
 * <pre>{@code
 * new MaxPooling1D(2);
 * new MaxPooling1D(new int[] {3}, new int[] {2}, "same", "channels_last", null);
 * }</pre>
 */
public class MaxPooling1D extends BasePooling {
    /** Pooling with Keras's defaults (pool size 2 along every axis). */
    public MaxPooling1D() {
        this(2);
    }

    /** Pooling with a window of {@code poolSize} along every axis and strides equal to it. */
    public MaxPooling1D(int poolSize) {
        this(new int[] {poolSize}, null, "valid", "channels_last", null);
    }

    /** Pooling with every argument (strides null for the pool size, name null for automatic). */
    public MaxPooling1D(int[] poolSize, int[] strides, String padding, String dataFormat, String name) {
        super(1, true, poolSize, strides, padding, dataFormat, name);
    }

    /** From a Keras config. */
    public static MaxPooling1D fromConfig(ConfigMap c) {
        return new MaxPooling1D(poolSizeOf(c, 1), c.getIntArray("strides", null), c.getString("padding", "valid"),
                c.getString("data_format", "channels_last"), c.getString("name", null));
    }
}
