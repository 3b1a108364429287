package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

/**
 * Gated Recurrent Unit cell (Keras {@code GRUCell}): the step of {@link GRU}. One state {@code h}, output
 * {@code h}; gate order {@code z, r, h}; {@code reset_after} (default true) gives the bias the shape
 * {@code (2, 3 * units)}.
 *
 * <p>Arguments are the layer's cell arguments (units, activations, use_bias, initializers, regularizers,
 * constraints, dropout, recurrent_dropout, seed), given through the layer's builder; the sequence arguments
 * belong to {@link RNN}. See {@link BuiltinCell}.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder(new GRUCell(GRU.builder(16).dropout(0.1))).returnSequences(true).build();
 * }</pre>
 */
public final class GRUCell extends BuiltinCell {

    /** A cell with default arguments. */
    public GRUCell(int units) {
        this(GRU.builder(units));
    }

    /** A cell with the cell arguments of {@code b}, which must leave the sequence arguments at their defaults. */
    public GRUCell(GRU.Builder b) {
        super(b, name -> b.name(name).build());
    }

    /** From a Keras config. */
    public static GRUCell fromConfig(ConfigMap c) {
        return new GRUCell(GRU.readConfig(c));
    }

    /** Whether the reset gate is applied after the recurrent matmul. */
    public boolean resetAfter() {
        return ((GRU) layer()).resetAfter();
    }

    @Override
    protected String defaultNamePrefix() {
        return "gru_cell";
    }
}
