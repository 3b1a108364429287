package dev.airfoil.layers.pooling;

import dev.airfoil.saving.ConfigMap;

/**
 * Adaptive max pooling over 3 spatial axes (Keras {@code AdaptiveMaxPooling3D}): the output has
 * {@code output_size} whatever the input's spatial size, each position the maximum of one adaptive bin
 * (along an axis of {@code in} positions, bin {@code i} of {@code out} spans {@code floor(i * in / out)}
 * to {@code ceil((i + 1) * in / out)}, exclusive; bins may overlap, and an output larger than the
 * input repeats positions).
 *
 * <p>The gradient of each output goes to one position of its bin holding the maximum: on ties, as Keras
 * (JAX), the one with the smallest index along the last spatial axis, then along the axis before it.
 *
 * <p>Arguments: {@code output_size} (an integer for every axis, or 3 integers); {@code data_format}
 * ({@code "channels_last"} or {@code "channels_first"}).
 *
 * <p>Input shape: {@code (batch, depth, height, width, channels)} ({@code channels_first}: channels second). Output shape:
 * {@code (batch, output_depth, output_height, output_width, channels)}.
 *
 * <pre>{@code
 * new AdaptiveMaxPooling3D(4);   // output (4, 4, 4)
 * new AdaptiveMaxPooling3D(new int[] {4, 3, 2}, "channels_first", "pool");
 * }</pre>
 */
public class AdaptiveMaxPooling3D extends BaseAdaptivePooling {
    /** Pooling to {@code outputSize} positions along every spatial axis, channels last. */
    public AdaptiveMaxPooling3D(int outputSize) {
        this(new int[] {outputSize}, null, null);
    }

    /**
     * Pooling with every argument.
     *
     * @param outputSize one integer for every axis or 3 integers
     * @param dataFormat {@code "channels_last"} (or null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public AdaptiveMaxPooling3D(int[] outputSize, String dataFormat, String name) {
        super(3, true, outputSize, dataFormat, name);
    }

    /** From a Keras config. */
    public static AdaptiveMaxPooling3D fromConfig(ConfigMap c) {
        return new AdaptiveMaxPooling3D(outputSizeOf(c, "AdaptiveMaxPooling3D"), c.getString("data_format", null), c.getString("name", null));
    }
}
