package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 2D transposed convolution (sometimes called deconvolution): up-samples with a learned kernel; output size {@code in * strides} for {@code "same"} padding, {@code (in - 1) * strides + max(kernel, strides)} for {@code "valid"} (Keras {@code Conv2DTranspose}).
 *
 * <p>Arguments as Keras's: see {@link BaseConvTranspose} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * Conv2DTranspose.builder(16, 3).strides(2).padding("same").build();
 * }</pre>
 */
public class Conv2DTranspose extends BaseConvTranspose {
    /** A linear transposed convolution. */
    public Conv2DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<Conv2DTranspose> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(2, filters, kernelSize, Conv2DTranspose::new);
    }

    /** A layer from a builder. */
    public Conv2DTranspose(ConvOptions<Conv2DTranspose> options) {
        super(2, options);
    }

    /** From a Keras config. */
    public static Conv2DTranspose fromConfig(ConfigMap c) {
        return new Conv2DTranspose(new ConvOptions<Conv2DTranspose>(2, 0, null, Conv2DTranspose::new).read(c));
    }
}
