package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 2D depthwise separable convolution: a depthwise convolution followed by a pointwise (1x1) convolution (Keras {@code SeparableConv2D}).
 *
 * <p>Arguments as Keras's: see {@link BaseSeparableConv} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * SeparableConv2D.builder(32, 3).activation("relu").build();
 * }</pre>
 */
public class SeparableConv2D extends BaseSeparableConv {
    /** A linear separable convolution. */
    public SeparableConv2D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<SeparableConv2D> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(2, filters, kernelSize, SeparableConv2D::new);
    }

    /** A layer from a builder. */
    public SeparableConv2D(ConvOptions<SeparableConv2D> options) {
        super(2, options);
    }

    /** From a Keras config. */
    public static SeparableConv2D fromConfig(ConfigMap c) {
        return new SeparableConv2D(new ConvOptions<SeparableConv2D>(2, 0, null, SeparableConv2D::new).read(c));
    }
}
