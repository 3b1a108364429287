package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * Long Short-Term Memory cell (Keras {@code LSTMCell}): the step of {@link LSTM}. States {@code [h, c]},
 * output {@code h}; gate order {@code i, f, c, o}; {@code unit_forget_bias} (default true) starts the forget-gate
 * bias at one.
 *
 * <p>Arguments are the layer's cell arguments (units, activations, use_bias, initializers, regularizers,
 * constraints, dropout, recurrent_dropout, seed), given through the layer's builder; the sequence arguments
 * belong to {@link RNN}. See {@link BuiltinCell}.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder(new LSTMCell(LSTM.builder(16).dropout(0.1))).returnSequences(true).build();
 * }</pre>
 */
public final class LSTMCell extends BuiltinCell {

    /** A cell with default arguments. */
    public LSTMCell(int units) {
        this(LSTM.builder(units));
    }

    /** A cell with the cell arguments of {@code b}, which must leave the sequence arguments at their defaults. */
    public LSTMCell(LSTM.Builder b) {
        super(b, name -> b.name(name).build());
    }

    /** From a Keras config. */
    public static LSTMCell fromConfig(ConfigMap c) {
        return new LSTMCell(LSTM.readConfig(c));
    }

    /** Whether the forget-gate bias starts at one. */
    public boolean unitForgetBias() {
        return ((LSTM) layer()).unitForgetBias();
    }

    @Override
    protected String defaultNamePrefix() {
        return "lstm_cell";
    }
}
