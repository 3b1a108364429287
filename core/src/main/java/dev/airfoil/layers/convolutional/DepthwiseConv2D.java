package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 2D depthwise convolution: every input channel convolved with its own {@code depth_multiplier} filters (Keras {@code DepthwiseConv2D}).
 *
 * <p>Arguments as Keras's: see {@link BaseDepthwiseConv} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * DepthwiseConv2D.builder(3).depthMultiplier(2).build();
 * }</pre>
 */
public class DepthwiseConv2D extends BaseDepthwiseConv {
    /** A depthwise convolution with depth multiplier 1. */
    public DepthwiseConv2D(int kernelSize) {
        this(builder(kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<DepthwiseConv2D> builder(int... kernelSize) {
        return new ConvOptions<>(2, 1, kernelSize, DepthwiseConv2D::new);
    }

    /** A layer from a builder. */
    public DepthwiseConv2D(ConvOptions<DepthwiseConv2D> options) {
        super(2, options);
    }

    /** From a Keras config. */
    public static DepthwiseConv2D fromConfig(ConfigMap c) {
        return new DepthwiseConv2D(new ConvOptions<DepthwiseConv2D>(2, 0, null, DepthwiseConv2D::new).read(c));
    }
}
