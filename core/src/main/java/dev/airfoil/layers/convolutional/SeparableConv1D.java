package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 1D depthwise separable convolution: a depthwise convolution followed by a pointwise (1x1) convolution (Keras {@code SeparableConv1D}).
 *
 * <p>Arguments as Keras's: see {@link BaseSeparableConv} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * SeparableConv1D.builder(32, 3).activation("relu").build();
 * }</pre>
 */
public class SeparableConv1D extends BaseSeparableConv {
    /** A linear separable convolution. */
    public SeparableConv1D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<SeparableConv1D> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(1, filters, kernelSize, SeparableConv1D::new);
    }

    /** A layer from a builder. */
    public SeparableConv1D(ConvOptions<SeparableConv1D> options) {
        super(1, options);
    }

    /** From a Keras config. */
    public static SeparableConv1D fromConfig(ConfigMap c) {
        return new SeparableConv1D(new ConvOptions<SeparableConv1D>(1, 0, null, SeparableConv1D::new).read(c));
    }
}
