package dev.airfoil.layers.reshaping;

import dev.airfoil.saving.ConfigMap;

/**
 * Up-samples its input by repeating each position {@code size} times along the 1 spatial
 * axis/axes (Keras {@code UpSampling1D}).
 *
 * <p>Arguments: {@code size} (2).
 * Input shape: {@code (batch, steps, features)}; output shape: the spatial sizes multiplied by {@code size}.
 *
 * <pre>{@code
 * new UpSampling1D(2);
 * }</pre>
 */
public class UpSampling1D extends BaseUpSampling {
    /** Up-sampling by {@code size} along every spatial axis. */
    public UpSampling1D(int size) {
        this(new int[] {size}, null);
    }

    /** Up-sampling with every argument (name null for automatic). */
    public UpSampling1D(int[] size, String name) {
        super(1, size, null, "nearest", name);
    }

    /** From a Keras config. */
    public static UpSampling1D fromConfig(ConfigMap c) {
        return new UpSampling1D(c.getIntArray("size", new int[] {2}),
                c.getString("name", null));
    }
}
