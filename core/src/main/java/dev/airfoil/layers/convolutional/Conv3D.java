package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 3D convolution layer: convolves the input with a learned kernel over 3 spatial
 * axis/axes, adds a bias and applies the activation (Keras {@code Conv3D}).
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding}
 * ({@code "valid"} or {@code "same"}); {@code data_format} ({@code "channels_last"});
 * {@code dilation_rate} (1); {@code groups} (1: input channels and filters are split into
 * {@code groups} independent convolutions); {@code activation} (none); {@code use_bias} (true);
 * kernel / bias initializers ({@code glorot_uniform} / {@code zeros}), regularizers and constraints.
 *
 * <p>Input shape: {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_first}: channels second).
 * Output shape: {@code (batch, new_dim1, new_dim2, new_dim3, filters)}. The kernel has shape
 * {@code (*kernel_size, in_channels / groups, filters)}, as in Keras.
 *
 * <pre>{@code
 * new Conv3D(8, 3, "relu"); // on (batch, d1, d2, d3, channels)
 * Conv3D.builder(64, 3).strides(2).padding("same").activation("relu").build();
 * }</pre>
 */
public class Conv3D extends BaseConv {
    /** A linear convolution with a kernel of {@code kernelSize} along every axis. */
    public Conv3D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A convolution with a kernel of {@code kernelSize} along every axis and an activation by Keras name. */
    public Conv3D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** A convolution from a builder. */
    public Conv3D(ConvOptions<Conv3D> options) {
        super(3, options);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 3. */
    public static ConvOptions<Conv3D> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(3, filters, kernelSize, Conv3D::new);
    }

    /** From a Keras config. */
    public static Conv3D fromConfig(ConfigMap c) {
        return new Conv3D(new ConvOptions<Conv3D>(3, 0, null, Conv3D::new).read(c));
    }
}
