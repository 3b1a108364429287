package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 2D convolution layer: convolves the input with a learned kernel over 2 spatial
 * axis/axes, adds a bias and applies the activation (Keras {@code Conv2D}).
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding}
 * ({@code "valid"} or {@code "same"}); {@code data_format} ({@code "channels_last"});
 * {@code dilation_rate} (1); {@code groups} (1: input channels and filters are split into
 * {@code groups} independent convolutions); {@code activation} (none); {@code use_bias} (true);
 * kernel / bias initializers ({@code glorot_uniform} / {@code zeros}), regularizers and constraints.
 *
 * <p>Input shape: {@code (batch, rows, cols, channels)} ({@code channels_first}: channels second).
 * Output shape: {@code (batch, new_rows, new_cols, filters)}. The kernel has shape
 * {@code (*kernel_size, in_channels / groups, filters)}, as in Keras.
 *
 * <pre>{@code
 * new Conv2D(32, 3, "relu"); // on (batch, 28, 28, 1)
 * Conv2D.builder(64, 3).strides(2).padding("same").activation("relu").build();
 * }</pre>
 */
public class Conv2D extends BaseConv {
    /** A linear convolution with a kernel of {@code kernelSize} along every axis. */
    public Conv2D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A convolution with a kernel of {@code kernelSize} along every axis and an activation by Keras name. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** A convolution from a builder. */
    public Conv2D(ConvOptions<Conv2D> options) {
        super(2, options);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 2. */
    public static ConvOptions<Conv2D> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(2, filters, kernelSize, Conv2D::new);
    }

    /** From a Keras config. */
    public static Conv2D fromConfig(ConfigMap c) {
        return new Conv2D(new ConvOptions<Conv2D>(2, 0, null, Conv2D::new).read(c));
    }
}
