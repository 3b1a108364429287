package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Fully-connected RNN where the output is fed back as the next input (Keras {@code SimpleRNN}):
 * {@code h_t = activation(x_t · kernel + h_{t-1} · recurrent_kernel + bias)}.
 *
 * <p>Weights: {@code kernel (input_dim, units)}, {@code recurrent_kernel (units, units)},
 * {@code bias (units)} — Keras's layout, so Keras files import unchanged.
 *
 * <p>Arguments: {@code units}; {@code activation} ({@code tanh}); {@code use_bias}; kernel /
 * recurrent / bias initializers ({@code glorot_uniform} / {@code orthogonal} / {@code zeros}),
 * regularizers and constraints; {@code dropout}, {@code recurrent_dropout}; {@code return_sequences},
 * {@code return_state}, {@code go_backwards}, {@code stateful}, {@code unroll} (ignored). See
 * {@link RecurrentLayer} for shapes, masks and initial states.
 *
 * <pre>{@code
 * SimpleRNN rnn = SimpleRNN.builder(32).returnSequences(true).build();
 * Tensor y = rnn.apply(x);   // (batch, time, features) -> (batch, time, 32)
 * }</pre>
 */
public class SimpleRNN extends RecurrentLayer {

    /** A SimpleRNN with default arguments. */
    public SimpleRNN(int units) {
        this(builder(units));
    }

    /** A SimpleRNN from a builder. */
    public SimpleRNN(Builder b) {
        super(b);
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** From a Keras config. */
    public static SimpleRNN fromConfig(ConfigMap c) {
        return new SimpleRNN(readConfig(c));
    }

    /** A builder holding a Keras config's arguments (the layer's or {@link SimpleRNNCell}'s). */
    static Builder readConfig(ConfigMap c) {
        return readCommon(builder(c.getInt("units", 0)), c);
    }

    @Override
    Recurrence.Kind kind() {
        return Recurrence.Kind.SIMPLE;
    }

    @Override
    protected String defaultNamePrefix() {
        return "simple_rnn";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = rnnConfig();
        tailConfig(m, false);
        return m;
    }

    /** Builder of {@link SimpleRNN}. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        Builder(int units) {
            super(units);
        }

        /** The layer. */
        public SimpleRNN build() {
            return new SimpleRNN(this);
        }
    }
}
