package dev.airfoil.layers.recurrent;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Gated Recurrent Unit (Cho et al. 2014; Keras {@code GRU}).
 *
 * <p>Gate order {@code z, r, h} (update, reset, candidate), as Keras: {@code z = σ(x_z + m_z)},
 * {@code r = σ(x_r + m_r)}, {@code hh = act(x_h + r * m_h)} with {@code m = h_{t-1} ·
 * recurrent_kernel + recurrent_bias} when {@code reset_after} (the default, Keras 3 and cuDNN
 * compatible), or {@code hh = act(x_h + (r * h_{t-1}) · recurrent_kernel_h)} otherwise;
 * {@code h_t = z * h_{t-1} + (1 - z) * hh}.
 *
 * <p>Weights: {@code kernel (input_dim, 3 * units)}, {@code recurrent_kernel (units, 3 * units)},
 * {@code bias (2, 3 * units)} with {@code reset_after} (row 0 input bias, row 1 recurrent bias),
 * {@code (3 * units)} without. See {@link RecurrentLayer} for shapes, masks and initial states.
 *
 * <pre>{@code
 * GRU gru = GRU.builder(32).build();
 * GRU keras2Style = GRU.builder(32).resetAfter(false).build();
 * }</pre>
 */
public class GRU extends RecurrentLayer {
    private final boolean resetAfter;

    /** A GRU with default arguments. */
    public GRU(int units) {
        this(builder(units));
    }

    /** A GRU from a builder. */
    public GRU(Builder b) {
        super(b);
        this.resetAfter = b.resetAfter;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** From a Keras config. */
    public static GRU fromConfig(ConfigMap c) {
        return new GRU(readConfig(c));
    }

    /** A builder holding a Keras config's arguments (the layer's or {@link GRUCell}'s). */
    static Builder readConfig(ConfigMap c) {
        Builder b = readCommon(builder(c.getInt("units", 0)), c);
        b.resetAfter(c.getBoolean("reset_after", true));
        return b;
    }

    @Override
    Recurrence.Kind kind() {
        return Recurrence.Kind.GRU;
    }

    @Override
    boolean resetAfter() {
        return resetAfter;
    }

    @Override
    protected int[] biasShape() {
        return resetAfter ? new int[] {2, 3 * units()} : new int[] {3 * units()};
    }

    @Override
    protected String defaultNamePrefix() {
        return "gru";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = rnnConfig();
        tailConfig(m, true);
        m.put("reset_after", resetAfter);
        m.put("seed", m.remove("seed"));
        return m;
    }

    /** Builder of {@link GRU}. */
    public static final class Builder extends RecurrentLayer.Builder<Builder> {
        private boolean resetAfter = true;

        Builder(int units) {
            super(units);
        }

        /** Apply the reset gate after the recurrent matmul (default true, as Keras 3). */
        public Builder resetAfter(boolean v) {
            this.resetAfter = v;
            return this;
        }

        /** The layer. */
        public GRU build() {
            return new GRU(this);
        }
    }
}
