package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * Fully-connected recurrent cell (Keras {@code SimpleRNNCell}): the step of {@link SimpleRNN},
 * {@code h_t = activation(x_t · kernel + h_{t-1} · recurrent_kernel + bias)}. One state {@code h}, output {@code h}.
 *
 * <p>Arguments are the layer's cell arguments (units, activations, use_bias, initializers, regularizers,
 * constraints, dropout, recurrent_dropout, seed), given through the layer's builder; the sequence arguments
 * belong to {@link RNN}. See {@link BuiltinCell}.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder(new SimpleRNNCell(SimpleRNN.builder(16).dropout(0.1))).returnSequences(true).build();
 * }</pre>
 */
public final class SimpleRNNCell extends BuiltinCell {

    /** A cell with default arguments. */
    public SimpleRNNCell(int units) {
        this(SimpleRNN.builder(units));
    }

    /** A cell with the cell arguments of {@code b}, which must leave the sequence arguments at their defaults. */
    public SimpleRNNCell(SimpleRNN.Builder b) {
        super(b, name -> b.name(name).build());
    }

    /** From a Keras config. */
    public static SimpleRNNCell fromConfig(ConfigMap c) {
        return new SimpleRNNCell(SimpleRNN.readConfig(c));
    }

    @Override
    protected String defaultNamePrefix() {
        return "simple_rnn_cell";
    }
}
