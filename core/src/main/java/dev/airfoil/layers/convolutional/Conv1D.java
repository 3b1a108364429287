package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 1D convolution layer: convolves the input with a learned kernel over 1 spatial
 * axis/axes, adds a bias and applies the activation (Keras {@code Conv1D}).
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding}
 * ({@code "valid"}, {@code "same"} or {@code "causal"} (left padding only, for autoregressive models)); {@code data_format} ({@code "channels_last"});
 * {@code dilation_rate} (1); {@code groups} (1: input channels and filters are split into
 * {@code groups} independent convolutions); {@code activation} (none); {@code use_bias} (true);
 * kernel / bias initializers ({@code glorot_uniform} / {@code zeros}), regularizers and constraints.
 *
 * <p>Input shape: {@code (batch, steps, channels)} ({@code channels_first}: channels second).
 * Output shape: {@code (batch, new_steps, filters)}. The kernel has shape
 * {@code (*kernel_size, in_channels / groups, filters)}, as in Keras.
 *
 * <pre>{@code
 * new Conv1D(32, 3, "relu"); // (batch, steps, channels)
 * Conv1D.builder(64, 3).strides(2).padding("same").activation("relu").build();
 * }</pre>
 */
public class Conv1D extends BaseConv {
    /** A linear convolution with a kernel of {@code kernelSize} along every axis. */
    public Conv1D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A convolution with a kernel of {@code kernelSize} along every axis and an activation by Keras name. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** A convolution from a builder. */
    public Conv1D(ConvOptions<Conv1D> options) {
        super(1, options);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 1. */
    public static ConvOptions<Conv1D> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(1, filters, kernelSize, Conv1D::new);
    }

    /** From a Keras config. */
    public static Conv1D fromConfig(ConfigMap c) {
        return new Conv1D(new ConvOptions<Conv1D>(1, 0, null, Conv1D::new).read(c));
    }
}
