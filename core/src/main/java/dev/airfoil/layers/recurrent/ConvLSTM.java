package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Names;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;

import java.util.Map;
import java.util.function.Function;

/**
 * The common part of {@link ConvLSTM1D}, {@link ConvLSTM2D} and {@link ConvLSTM3D} (Keras's {@code ConvLSTM}): an
 * {@link RNN} over a {@link ConvLSTMCell}, so sequences of feature maps run through the same time loop, masks,
 * {@code go_backwards}, {@code stateful} and initial states as any recurrent layer.
 *
 * <p>Input {@code (batch, timesteps, *spatial, channels)} ({@code channels_first}: {@code (batch, timesteps,
 * channels, *spatial)}); output {@code (batch, *out_spatial, filters)}, with {@code return_sequences}
 * {@code (batch, timesteps, *out_spatial, filters)}, and with {@code return_state} the final {@code h} and
 * {@code c} after it. Masks {@code (batch, timesteps)} hold the states at masked steps, as Keras.
 *
 * <p>Config: Keras's flat one (the RNN keys, then the cell arguments; no {@code cell} key). Weights live under
 * {@code cell/vars} in a {@code .keras} file: {@code kernel}, {@code recurrent_kernel}, {@code bias}.
 */
public abstract class ConvLSTM extends RNN {

    /** A layer of the cell's rank from a builder. */
    protected ConvLSTM(int rank, Builder<?> b) {
        super(sequence(rank, b));
        setActivityRegularizer(Regularizers.get(b.activityRegularizer));
    }

    private static RNN.Builder sequence(int rank, Builder<?> b) {
        return RNN.builder(new ConvLSTMCell(rank, b)).name(b.name).returnSequences(b.returnSequences)
                .returnState(b.returnState).goBackwards(b.goBackwards).stateful(b.stateful).unroll(b.unroll)
                .zeroOutputForMask(b.zeroOutputForMask);
    }

    /** The base keys, applied to the cell too (its dtype and trainable flag follow the layer's, as Keras). */
    @Override
    public void applyBaseConfig(ConfigMap config) {
        super.applyBaseConfig(config);
        cell().applyBaseConfig(new ConfigMap(cell().name(), Map.of("dtype", dtype().kerasName(),
                "trainable", isTrainable())));
    }

    /** Keras's automatic name prefix: {@code conv_lstm2d}. */
    @Override
    protected String defaultNamePrefix() {
        return Names.spatialSnakeCase(className());
    }

    /** The cell. */
    @Override
    public ConvLSTMCell cell() {
        return (ConvLSTMCell) super.cell();
    }

    /** The number of output channels. */
    public int filters() {
        return cell().filters();
    }

    /** Keras's flat config: the RNN keys, then the cell's arguments. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = super.getConfig();
        m.remove("cell");
        cell().putConfig(m, activityRegularizer());
        return m;
    }

    /**
     * Builder of the ConvLSTM layers, with Keras's argument names and defaults: {@code strides} 1,
     * {@code padding "valid"}, {@code data_format "channels_last"}, {@code dilation_rate} 1, {@code activation
     * "tanh"}, {@code recurrent_activation "sigmoid"}, {@code use_bias} true, initializers {@code glorot_uniform},
     * {@code orthogonal}, {@code zeros}, {@code unit_forget_bias} true, no regularizers or constraints, no
     * dropout, and the sequence flags false.
     *
     * @param <L> the layer the builder makes
     */
    public static final class Builder<L extends ConvLSTM> {
        final int rank;
        int filters;
        int[] kernelSize;
        int[] strides = {1};
        String padding = "valid";
        String dataFormat = "channels_last";
        int[] dilationRate = {1};
        Object activation = "tanh";
        Object recurrentActivation = "sigmoid";
        boolean useBias = true;
        Object kernelInitializer = "glorot_uniform";
        Object recurrentInitializer = "orthogonal";
        Object biasInitializer = "zeros";
        boolean unitForgetBias = true;
        Object kernelRegularizer;
        Object recurrentRegularizer;
        Object biasRegularizer;
        Object activityRegularizer;
        Object kernelConstraint;
        Object recurrentConstraint;
        Object biasConstraint;
        double dropout;
        double recurrentDropout;
        Long seed;
        boolean returnSequences;
        boolean returnState;
        boolean goBackwards;
        boolean stateful;
        boolean unroll;
        boolean zeroOutputForMask;
        String name;
        private final Function<Builder<L>, L> factory;

        Builder(int rank, int filters, int[] kernelSize, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.filters = filters;
            this.kernelSize = kernelSize;
            this.factory = factory;
        }

        /** Reads every key of a Keras ConvLSTM config. */
        Builder<L> read(ConfigMap c) {
            filters = c.getInt("filters", filters);
            kernelSize = c.getIntArray("kernel_size", kernelSize);
            strides = c.getIntArray("strides", strides);
            padding = c.getString("padding", padding);
            dataFormat = c.getString("data_format", dataFormat);
            dilationRate = c.getIntArray("dilation_rate", dilationRate);
            if (c.has("activation")) {
                activation = c.get("activation");
            }
            if (c.has("recurrent_activation")) {
                recurrentActivation = c.get("recurrent_activation");
            }
            useBias = c.getBoolean("use_bias", true);
            if (c.has("kernel_initializer")) {
                kernelInitializer = c.get("kernel_initializer");
            }
            if (c.has("recurrent_initializer")) {
                recurrentInitializer = c.get("recurrent_initializer");
            }
            if (c.has("bias_initializer")) {
                biasInitializer = c.get("bias_initializer");
            }
            unitForgetBias = c.getBoolean("unit_forget_bias", true);
            kernelRegularizer = c.get("kernel_regularizer");
            recurrentRegularizer = c.get("recurrent_regularizer");
            biasRegularizer = c.get("bias_regularizer");
            activityRegularizer = c.get("activity_regularizer");
            kernelConstraint = c.get("kernel_constraint");
            recurrentConstraint = c.get("recurrent_constraint");
            biasConstraint = c.get("bias_constraint");
            dropout = c.getDouble("dropout", 0);
            recurrentDropout = c.getDouble("recurrent_dropout", 0);
            seed = c.getLong("seed", null);
            returnSequences = c.getBoolean("return_sequences", false);
            returnState = c.getBoolean("return_state", false);
            goBackwards = c.getBoolean("go_backwards", false);
            stateful = c.getBoolean("stateful", false);
            unroll = c.getBoolean("unroll", false);
            zeroOutputForMask = c.getBoolean("zero_output_for_mask", false);
            name = c.getString("name", null);
            return this;
        }

        /** Strides of the input convolution, one integer for every axis or one each (default 1). */
        public Builder<L> strides(int... s) {
            this.strides = s.clone();
            return this;
        }

        /** {@code "valid"} (default) or {@code "same"}, for the input convolution. */
        public Builder<L> padding(String p) {
            this.padding = p;
            return this;
        }

        /** {@code "channels_last"} (default) or {@code "channels_first"}. */
        public Builder<L> dataFormat(String f) {
            this.dataFormat = f;
            return this;
        }

        /** Dilation of the input convolution, one integer or one each (default 1; not with strides above 1). */
        public Builder<L> dilationRate(int... d) {
            this.dilationRate = d.clone();
            return this;
        }

        /** The activation of the cell input and the output (default {@code "tanh"}). */
        public Builder<L> activation(Object a) {
            this.activation = a;
            return this;
        }

        /** The activation of the gates (default {@code "sigmoid"}). */
        public Builder<L> recurrentActivation(Object a) {
            this.recurrentActivation = a;
            return this;
        }

        /** Whether to add a bias (default true). */
        public Builder<L> useBias(boolean b) {
            this.useBias = b;
            return this;
        }

        /** Initializer of the kernel (default {@code glorot_uniform}). */
        public Builder<L> kernelInitializer(Object i) {
            this.kernelInitializer = i;
            return this;
        }

        /** Initializer of the recurrent kernel (default {@code orthogonal}). */
        public Builder<L> recurrentInitializer(Object i) {
            this.recurrentInitializer = i;
            return this;
        }

        /** Initializer of the bias (default {@code zeros}). */
        public Builder<L> biasInitializer(Object i) {
            this.biasInitializer = i;
            return this;
        }

        /** Whether the forget gate's bias starts at one (default true). */
        public Builder<L> unitForgetBias(boolean b) {
            this.unitForgetBias = b;
            return this;
        }

        /** Regularizer of the kernel. */
        public Builder<L> kernelRegularizer(Object r) {
            this.kernelRegularizer = r;
            return this;
        }

        /** Regularizer of the recurrent kernel. */
        public Builder<L> recurrentRegularizer(Object r) {
            this.recurrentRegularizer = r;
            return this;
        }

        /** Regularizer of the bias. */
        public Builder<L> biasRegularizer(Object r) {
            this.biasRegularizer = r;
            return this;
        }

        /** Regularizer of the layer's output. */
        public Builder<L> activityRegularizer(Object r) {
            this.activityRegularizer = r;
            return this;
        }

        /** Constraint of the kernel. */
        public Builder<L> kernelConstraint(Object c) {
            this.kernelConstraint = c;
            return this;
        }

        /** Constraint of the recurrent kernel. */
        public Builder<L> recurrentConstraint(Object c) {
            this.recurrentConstraint = c;
            return this;
        }

        /** Constraint of the bias. */
        public Builder<L> biasConstraint(Object c) {
            this.biasConstraint = c;
            return this;
        }

        /** Fraction of the input dropped in training (default 0). */
        public Builder<L> dropout(double r) {
            this.dropout = r;
            return this;
        }

        /** Fraction of the recurrent state dropped in training (default 0). */
        public Builder<L> recurrentDropout(double r) {
            this.recurrentDropout = r;
            return this;
        }

        /** Seed of the dropout masks. */
        public Builder<L> seed(Long s) {
            this.seed = s;
            return this;
        }

        /** Return the whole output sequence instead of the last output. */
        public Builder<L> returnSequences(boolean v) {
            this.returnSequences = v;
            return this;
        }

        /** Also return the final states {@code h} and {@code c}. */
        public Builder<L> returnState(boolean v) {
            this.returnState = v;
            return this;
        }

        /** Process the sequence backwards. */
        public Builder<L> goBackwards(boolean v) {
            this.goBackwards = v;
            return this;
        }

        /** Keep the final states of a batch as the initial states of the next. */
        public Builder<L> stateful(boolean v) {
            this.stateful = v;
            return this;
        }

        /** Accepted for compatibility; has no effect. */
        public Builder<L> unroll(boolean v) {
            this.unroll = v;
            return this;
        }

        /** Output zeros (instead of the previous output) at masked timesteps. */
        public Builder<L> zeroOutputForMask(boolean v) {
            this.zeroOutputForMask = v;
            return this;
        }

        /** The layer name. */
        public Builder<L> name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public L build() {
            return factory.apply(this);
        }
    }
}
