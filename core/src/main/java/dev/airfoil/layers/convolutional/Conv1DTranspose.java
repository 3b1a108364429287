package dev.airfoil.layers.convolutional;

import dev.airfoil.saving.ConfigMap;

/**
 * 1D transposed convolution (sometimes called deconvolution): up-samples with a learned kernel; output size {@code in * strides} for {@code "same"} padding, {@code (in - 1) * strides + max(kernel, strides)} for {@code "valid"} (Keras {@code Conv1DTranspose}).
 *
 * <p>Arguments as Keras's: see {@link BaseConvTranspose} and {@link ConvOptions}. Input shape:
 * {@code (batch, *spatial, channels)} ({@code channels_first}: channels second).
 *
 * <pre>{@code
 * Conv1DTranspose.builder(16, 3).strides(2).padding("same").build();
 * }</pre>
 */
public class Conv1DTranspose extends BaseConvTranspose {
    /** A linear transposed convolution. */
    public Conv1DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A builder with Keras's defaults. */
    public static ConvOptions<Conv1DTranspose> builder(int filters, int... kernelSize) {
        return new ConvOptions<>(1, filters, kernelSize, Conv1DTranspose::new);
    }

    /** A layer from a builder. */
    public Conv1DTranspose(ConvOptions<Conv1DTranspose> options) {
        super(1, options);
    }

    /** From a Keras config. */
    public static Conv1DTranspose fromConfig(ConfigMap c) {
        return new Conv1DTranspose(new ConvOptions<Conv1DTranspose>(1, 0, null, Conv1DTranspose::new).read(c));
    }
}
