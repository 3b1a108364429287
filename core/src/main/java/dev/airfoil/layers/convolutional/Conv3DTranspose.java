package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 3D transposed convolution (sometimes called deconvolution): up-samples with a learned kernel; output size {@code in * strides} for {@code "same"} padding, {@code (in - 1) * strides + max(kernel, strides)} for {@code "valid"} (Keras {@code Conv3DTranspose}).
 *
 * <p>Arguments as Keras's: see {@link BaseConvTranspose} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * Conv3DTranspose.builder(16, 3).strides(2).padding("same").build();
 * }</pre>
 */
public class Conv3DTranspose extends BaseConvTranspose {
    /** A linear transposed convolution. */
    public Conv3DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<Conv3DTranspose> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(3, filters, kernelSize, Conv3DTranspose::new);
    }

    /** A layer from a builder. */
    public Conv3DTranspose(ConvOptions<Conv3DTranspose> options) {
        super(3, options);
    }

    /** From a Keras config. */
    public static Conv3DTranspose fromConfig(ConfigMap c) {
        return new Conv3DTranspose(new ConvOptions<Conv3DTranspose>(3, 0, null, Conv3DTranspose::new).read(c));
    }
}
