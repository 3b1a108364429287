package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * 2D convolutional LSTM (Keras {@code ConvLSTM2D}): an LSTM whose input and recurrent transformations are
 * 2D convolutions ({@link ConvLSTMCell}); see {@link ConvLSTM} for the sequence arguments, masks and states.
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding} ({@code "valid"} or
 * {@code "same"}); {@code data_format} ({@code "channels_last"}); {@code dilation_rate} (1); {@code activation}
 * ({@code "tanh"}); {@code recurrent_activation} ({@code "sigmoid"}); {@code use_bias}; initializers,
 * {@code unit_forget_bias} (true), regularizers, constraints; {@code dropout}, {@code recurrent_dropout},
 * {@code seed}; {@code return_sequences}, {@code return_state}, {@code go_backwards}, {@code stateful}.
 *
 * <p>Input shape: {@code (batch, timesteps, rows, cols, channels)} ({@code channels_first}: channels third).
 * Output shape: {@code (batch, new_rows, new_cols, filters)}, per spatial axis the convolution's output size; with
 * {@code return_sequences} the time axis stays second. Kernel {@code (*kernel_size, channels, 4 * filters)},
 * recurrent kernel {@code (*kernel_size, filters, 4 * filters)}, bias {@code (4 * filters)}, gates
 * {@code i, f, c, o}, as Keras.
 *
 * <pre>{@code
 * ConvLSTM2D layer = ConvLSTM2D.builder(8, 3).padding("same").returnSequences(true).build(); // on (batch, 10, 16, 16, 3)
 * }</pre>
 */
public class ConvLSTM2D extends ConvLSTM {
    /** A layer with default arguments and a kernel of {@code kernelSize} along every axis. */
    public ConvLSTM2D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A layer from a builder. */
    public ConvLSTM2D(Builder<ConvLSTM2D> b) {
        super(2, b);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 2. */
    public static Builder<ConvLSTM2D> builder(int filters, int... kernelSize) {
        return new Builder<>(2, filters, kernelSize.clone(), ConvLSTM2D::new);
    }

    /** From a Keras config. */
    public static ConvLSTM2D fromConfig(ConfigMap c) {
        return new ConvLSTM2D(new Builder<ConvLSTM2D>(2, 0, null, ConvLSTM2D::new).read(c));
    }
}
