package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Adaptive average pooling over 1 spatial axis (Keras {@code AdaptiveAveragePooling1D}): the output has
 * {@code output_size} whatever the input's spatial size, each position the mean of one adaptive bin
 * (along an axis of {@code in} positions, bin {@code i} of {@code out} spans {@code floor(i * in / out)}
 * to {@code ceil((i + 1) * in / out)}, exclusive; bins may overlap, and an output larger than the
 * input repeats positions).
 *
 * <p>Arguments: {@code output_size} (an integer for every axis, or 1 integers); {@code data_format}
 * ({@code "channels_last"} or {@code "channels_first"}).
 *
 * <p>Input shape: {@code (batch, steps, channels)} ({@code channels_first}: channels second). Output shape:
 * {@code (batch, output_length, channels)}.
 *
 * <pre>{@code
 * new AdaptiveAveragePooling1D(4);   // output 4
 * new AdaptiveAveragePooling1D(new int[] {4}, "channels_first", "pool");
 * }</pre>
 */
public class AdaptiveAveragePooling1D extends BaseAdaptivePooling {
    /** Pooling to {@code outputSize} positions along every spatial axis, channels last. */
    public AdaptiveAveragePooling1D(int outputSize) {
        this(new int[] {outputSize}, null, null);
    }

    /**
     * Pooling with every argument.
     *
     * @param outputSize one integer for every axis or 1 integers
     * @param dataFormat {@code "channels_last"} (or null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public AdaptiveAveragePooling1D(int[] outputSize, String dataFormat, String name) {
        super(1, false, outputSize, dataFormat, name);
    }

    /** From a Keras config. */
    public static AdaptiveAveragePooling1D fromConfig(ConfigMap c) {
        return new AdaptiveAveragePooling1D(outputSizeOf(c, "AdaptiveAveragePooling1D"), c.getString("data_format", null), c.getString("name", null));
    }
}
