package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * 1D convolutional LSTM (Keras {@code ConvLSTM1D}): an LSTM whose input and recurrent transformations are
 * 1D convolutions ({@link ConvLSTMCell}); see {@link ConvLSTM} for the sequence arguments, masks and states.
 *
 * <p>Arguments: {@code filters}; {@code kernel_size}; {@code strides} (1); {@code padding} ({@code "valid"} or
 * {@code "same"}); {@code data_format} ({@code "channels_last"}); {@code dilation_rate} (1); {@code activation}
 * ({@code "tanh"}); {@code recurrent_activation} ({@code "sigmoid"}); {@code use_bias}; initializers,
 * {@code unit_forget_bias} (true), regularizers, constraints; {@code dropout}, {@code recurrent_dropout},
 * {@code seed}; {@code return_sequences}, {@code return_state}, {@code go_backwards}, {@code stateful}.
 *
 * <p>Input shape: {@code (batch, timesteps, steps, channels)} ({@code channels_first}: channels third).
 * Output shape: {@code (batch, new_steps, filters)}, per spatial axis the convolution's output size; with
 * {@code return_sequences} the time axis stays second. Kernel {@code (*kernel_size, channels, 4 * filters)},
 * recurrent kernel {@code (*kernel_size, filters, 4 * filters)}, bias {@code (4 * filters)}, gates
 * {@code i, f, c, o}, as Keras.
 *
 * <pre>{@code
 * ConvLSTM1D layer = ConvLSTM1D.builder(8, 3).padding("same").returnSequences(true).build(); // on (batch, 10, 32, 3)
 * }</pre>
 */
public class ConvLSTM1D extends ConvLSTM {
    /** A layer with default arguments and a kernel of {@code kernelSize} along every axis. */
    public ConvLSTM1D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** A layer from a builder. */
    public ConvLSTM1D(Builder<ConvLSTM1D> b) {
        super(1, b);
    }

    /** A builder with Keras's defaults; {@code kernelSize} is one integer or 1. */
    public static Builder<ConvLSTM1D> builder(int filters, int... kernelSize) {
        return new Builder<>(1, filters, kernelSize.clone(), ConvLSTM1D::new);
    }

    /** From a Keras config. */
    public static ConvLSTM1D fromConfig(ConfigMap c) {
        return new ConvLSTM1D(new Builder<ConvLSTM1D>(1, 0, null, ConvLSTM1D::new).read(c));
    }
}
