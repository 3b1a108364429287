package dev.airfoil.layers.recurrent;

import dev.airfoil.initializers.Initializer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Long Short-Term Memory layer (Hochreiter 1997; Keras {@code LSTM}).
 *
 * <p>With {@code z = x_t · kernel + h_{t-1} · recurrent_kernel + bias} split into four blocks in
 * Keras's gate order {@code i, f, c, o}: {@code i = σ(z_i)}, {@code f = σ(z_f)}, {@code o = σ(z_o)}
 * (σ = {@code recurrent_activation}, default sigmoid), {@code c_t = f * c_{t-1} + i * act(z_c)},
 * {@code h_t = o * act(c_t)} (act = {@code activation}, default tanh).
 *
 * <p>Weights: {@code kernel (input_dim, 4 * units)}, {@code recurrent_kernel (units, 4 * units)},
 * {@code bias (4 * units)}. {@code unit_forget_bias} (default true) initialises the forget-gate
 * bias to one. States: {@code [h, c]}; with {@code return_state} the output list is
 * {@code [output, h, c]}. See {@link RecurrentLayer} for shapes, masks and initial states.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(64).returnSequences(true).dropout(0.1).build();
 * List<Tensor> out = LSTM.builder(8).returnState(true).build().apply(List.of(x), false); // [y, h, c]
 * }</pre>
 */
public class LSTM extends RecurrentLayer {
    private final boolean unitForgetBias;

    /** An LSTM with default arguments. */
    public LSTM(int units) {
        this(builder(units));
    }

    /** An LSTM from a builder. */
    public LSTM(Builder b) {
        super(b);
        this.unitForgetBias = b.unitForgetBias;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** From a Keras config. */
    public static LSTM fromConfig(ConfigMap c) {
        return new LSTM(readConfig(c));
    }

    /** A builder holding a Keras config's arguments (the layer's or {@link LSTMCell}'s). */
    static Builder readConfig(ConfigMap c) {
        Builder b = readCommon(builder(c.getInt("units", 0)), c);
        b.unitForgetBias(c.getBoolean("unit_forget_bias", true));
        return b;
    }

    @Override
    Recurrence.Kind kind() {
        return Recurrence.Kind.LSTM;
    }

    @Override
    protected String defaultNamePrefix() {
        return "lstm";
    }

    @Override
    protected Initializer effectiveBiasInitializer() {
        return unitForgetBias ? unitForgetBias(biasInitializer(), units()) : biasInitializer();
    }

    /**
     * The bias initializer of an LSTM-style cell with {@code unit_forget_bias}: {@code base} for the four gate
     * blocks of {@code units} except the forget gate's (the second), which starts at one. Serialises as
     * {@code base}. Shared with {@link ConvLSTMCell}.
     */
    static Initializer unitForgetBias(Initializer base, int u) {
        return new Initializer() {
            @Override
            public Tensor generate(int[] shape, DType dtype) {
                return Tensor.concatenate(List.of(base.generate(new int[] {u}, dtype), Tensor.ones(dtype, u),
                        base.generate(new int[] {2 * u}, dtype)), 0);
            }

            @Override
            public String className() {
                return base.className();
            }

            @Override
            public Map<String, Object> getConfig() {
                return base.getConfig();
            }
        };
    }

    /** Whether the forget-gate bias starts at one. */
    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = rnnConfig();
        m.put("unit_forget_bias", unitForgetBias);
        tailConfig(m, true);
        return m;
    }

    /** Builder of {@link LSTM}. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private boolean unitForgetBias = true;

        Builder(int units) {
            super(units);
        }

        /** Initialise the forget-gate bias to one (default true). */
        public Builder unitForgetBias(boolean v) {
            this.unitForgetBias = v;
            return this;
        }

        /** The layer. */
        public LSTM build() {
            return new LSTM(this);
        }
    }
}
