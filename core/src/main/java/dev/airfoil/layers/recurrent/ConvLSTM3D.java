package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * 3D convolutional LSTM (Keras {@code ConvLSTM3D}): an LSTM whose input and recurrent transformations are
 * 3D convolutions ({@link ConvLSTMCell}); see {@link ConvLSTM} for the sequence arguments, masks and states.
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding} ({@code "valid"} or
 * {@code "same"}); {@code data_format} ({@code "channels_last"}); {@code dilation_rate} (1); {@code activation}
 * ({@code "tanh"}); {@code recurrent_activation} ({@code "sigmoid"}); {@code use_bias}; initializers,
 * {@code unit_forget_bias} (true), regularizers, constraints; {@code dropout}, {@code recurrent_dropout},
 * {@code seed}; {@code return_sequences}, {@code return_state}, {@code go_backwards}, {@code stateful}.
 *
 * <p>Input shape: {@code (batch, timesteps, dim1, dim2, dim3, channels)} ({@code channels_first}: channels third).
 * Output shape: {@code (batch, new_dim1, new_dim2, new_dim3, filters)}, per spatial axis the convolution's output size; with
 * {@code return_sequences} the time axis stays second. Kernel {@code (*kernel_size, channels, 4 * filters)},
 * recurrent kernel {@code (*kernel_size, filters, 4 * filters)}, bias {@code (4 * filters)}, gates
 * {@code i, f, c, o}, as Keras.
 *
 * <pre>{@code
 * ConvLSTM3D layer = ConvLSTM3D.builder(8, 3).padding("same").returnSequences(true).build(); // on (batch, 10, 8, 8, 8, 3)
 * }</pre>
 */
public class ConvLSTM3D extends ConvLSTM {
    /** A layer with default arguments and a kernel of {@code kernelSize} along every axis. */
    public ConvLSTM3D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A layer from a builder. */
    public ConvLSTM3D(Builder<ConvLSTM3D> b) {
        super(3, b);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 3. */
    public static Builder<ConvLSTM3D> builder(int filters, int... kernelSize) {
        return new Builder<>(3, filters, kernelSize.clone(), ConvLSTM3D::new);
    }

    /** From a Keras config. */
    public static ConvLSTM3D fromConfig(ConfigMap c) {
        return new ConvLSTM3D(new Builder<ConvLSTM3D>(3, 0, null, ConvLSTM3D::new).read(c));
    }
}
