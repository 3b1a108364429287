package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 1D depthwise convolution: every input channel convolved with its own {@code depth_multiplier} filters (Keras {@code DepthwiseConv1D}).
 *
 * <p>Arguments as Keras's: see {@link BaseDepthwiseConv} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * DepthwiseConv1D.builder(3).depthMultiplier(2).build();
 * }</pre>
 */
public class DepthwiseConv1D extends BaseDepthwiseConv {
    /** A depthwise convolution with depth multiplier 1. */
    public DepthwiseConv1D(int kernelSize) {
        this(builder(kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<DepthwiseConv1D> builder(int... kernelSize) {
        return new ConvOptions<>(1, 1, kernelSize, DepthwiseConv1D::new);
    }

    /** A layer from a builder. */
    public DepthwiseConv1D(ConvOptions<DepthwiseConv1D> options) {
        super(1, options);
    }

    /** From a Keras config. */
    public static DepthwiseConv1D fromConfig(ConfigMap c) {
        return new DepthwiseConv1D(new ConvOptions<DepthwiseConv1D>(1, 0, null, DepthwiseConv1D::new).read(c));
    }
}
