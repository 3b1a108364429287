package dev.airfoil.layers.recurrent;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The common part of {@link SimpleRNN}, {@link LSTM} and {@link GRU}: Keras's {@code RNN} layer
 * arguments, weights {@code kernel (input_dim, gates * units)}, {@code recurrent_kernel
 * (units, gates * units)} and {@code bias}, masks, dropout, initial and stateful states.
 *
 * <p>Input {@code (batch, timesteps, features)}, optionally followed by initial states
 * ({@code layer.apply(List.of(x, h0))}, or {@code (x, h0, c0)} for LSTM). Output
 * {@code (batch, units)}, or {@code (batch, timesteps, units)} with {@code return_sequences};
 * with {@code return_state} the final states follow the output in the returned list.
 *
 * <p>Computation: the input projection for all timesteps is one matmul; the time loop is one fused
 * primitive ({@link Recurrence}) with its own backpropagation through time when the activations are
 * built-ins the kernel knows (tanh, sigmoid, hard_sigmoid, relu, linear), and ordinary per-step ops
 * otherwise. {@code unroll} is accepted and ignored (it changes nothing numerically).
 *
 * <p>Masks ({@link SupportsMasking}): masked timesteps leave the states unchanged and output the
 * previous output ({@code zero_output_for_mask = false}) or zeros. The output mask is the input
 * mask when {@code return_sequences}, none otherwise.
 */
public abstract class RecurrentLayer extends Layer implements Recurrent, RandomState {
    private final int units;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer recurrentInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer recurrentRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint recurrentConstraint;
    private final Constraint biasConstraint;
    private final double dropout;
    private final double recurrentDropout;
    private final Long seed;
    private final boolean returnSequences;
    private final boolean returnState;
    private final boolean goBackwards;
    private final boolean stateful;
    private final boolean unroll;
    private final boolean zeroOutputForMask;
    private final LayerRandom rng;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;
    private volatile List<Tensor> states;
    private boolean fused = true;

    /** A layer from a builder; subclasses pass their own builder. */
    protected RecurrentLayer(Builder<?> b) {
        super(b.name);
        if (b.units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": units must be a positive integer, got " + b.units);
        }
        this.units = b.units;
        this.activation = Activations.get(b.activation);
        this.recurrentActivation = Activations.get(b.recurrentActivation);
        this.useBias = b.useBias;
        this.kernelInitializer = Initializers.get(b.kernelInitializer);
        this.recurrentInitializer = Initializers.get(b.recurrentInitializer);
        this.biasInitializer = Initializers.get(b.biasInitializer);
        this.kernelRegularizer = Regularizers.get(b.kernelRegularizer);
        this.recurrentRegularizer = Regularizers.get(b.recurrentRegularizer);
        this.biasRegularizer = Regularizers.get(b.biasRegularizer);
        this.kernelConstraint = Constraints.get(b.kernelConstraint);
        this.recurrentConstraint = Constraints.get(b.recurrentConstraint);
        this.biasConstraint = Constraints.get(b.biasConstraint);
        setActivityRegularizer(Regularizers.get(b.activityRegularizer));
        this.dropout = Math.min(1.0, Math.max(0.0, b.dropout));
        this.recurrentDropout = Math.min(1.0, Math.max(0.0, b.recurrentDropout));
        this.seed = b.seed;
        this.returnSequences = b.returnSequences;
        this.returnState = b.returnState;
        this.goBackwards = b.goBackwards;
        this.stateful = b.stateful;
        this.unroll = b.unroll;
        this.zeroOutputForMask = b.zeroOutputForMask;
        this.rng = new LayerRandom(Seeds.orNext(b.seed));
    }

    /** Reads the keys every recurrent layer shares from a Keras config into a builder. */
    protected static <B extends Builder<B>> B readCommon(B b, ConfigMap c) {
        b.name(c.getString("name", null));
        if (c.has("activation")) {
            b.activation(c.get("activation"));
        }
        if (c.has("recurrent_activation")) {
            b.recurrentActivation(c.get("recurrent_activation"));
        }
        b.useBias(c.getBoolean("use_bias", true));
        if (c.has("kernel_initializer")) {
            b.kernelInitializer(c.get("kernel_initializer"));
        }
        if (c.has("recurrent_initializer")) {
            b.recurrentInitializer(c.get("recurrent_initializer"));
        }
        if (c.has("bias_initializer")) {
            b.biasInitializer(c.get("bias_initializer"));
        }
        b.kernelRegularizer(c.get("kernel_regularizer")).recurrentRegularizer(c.get("recurrent_regularizer"))
                .biasRegularizer(c.get("bias_regularizer")).activityRegularizer(c.get("activity_regularizer"))
                .kernelConstraint(c.get("kernel_constraint")).recurrentConstraint(c.get("recurrent_constraint"))
                .biasConstraint(c.get("bias_constraint"))
                .dropout(c.getDouble("dropout", 0)).recurrentDropout(c.getDouble("recurrent_dropout", 0))
                .seed(c.getLong("seed", null))
                .returnSequences(c.getBoolean("return_sequences", false))
                .returnState(c.getBoolean("return_state", false))
                .goBackwards(c.getBoolean("go_backwards", false))
                .stateful(c.getBoolean("stateful", false))
                .unroll(c.getBoolean("unroll", false))
                .zeroOutputForMask(c.getBoolean("zero_output_for_mask", false));
        return b;
    }

    // ---------------------------------------------------------------- what subclasses define

    /** The cell kind (gate count and states). */
    abstract Recurrence.Kind kind();

    /** The bias shape ({@code (gates * units)}, or {@code (2, 3 * units)} for GRU with {@code reset_after}). */
    protected int[] biasShape() {
        return new int[] {kind().gates * units};
    }

    /** The initializer used for the bias (LSTM's {@code unit_forget_bias} overrides it). */
    protected Initializer effectiveBiasInitializer() {
        return biasInitializer;
    }

    /** Whether GRU applies the reset gate after the recurrent matmul. */
    boolean resetAfter() {
        return false;
    }

    // ---------------------------------------------------------------- building

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if (s.length != 3) {
            throw new IllegalArgumentException(describe() + " expects input of rank 3 (batch, timesteps, features), got "
                    + Shape.str(s));
        }
        if (s[2] < 0) {
            throw new IllegalArgumentException(describe() + ": the feature axis must be known, got " + Shape.str(s));
        }
        int gu = kind().gates * units;
        kernel = addWeight("kernel", new int[] {s[2], gu}, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, gu}, recurrentInitializer, true,
                recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            bias = addWeight("bias", biasShape(), effectiveBiasInitializer(), true, biasRegularizer, biasConstraint);
        }
    }

    @Override
    protected void build(int[] inputShape) {
        build(List.of(inputShape));
    }

    // ---------------------------------------------------------------- calling

    @Override
    public Tensor call(Tensor input, boolean training) {
        return run(List.of(input), null, training).get(0);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return run(inputs, null, training);
    }

    /** Builds for any batch size and any number of timesteps (Keras's RNN accepts sequences of any length). */
    private void buildForAnyLength(List<Tensor> inputs) {
        if (!isBuilt()) {
            ensureBuilt(anyLength(inputs));
        }
    }

    /** The shapes of {@code inputs} with the batch axis, and the first input's time axis, unknown. */
    static List<int[]> anyLength(List<Tensor> inputs) {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int[] c = inputs.get(i).shape();
            c[0] = -1;
            if (i == 0 && c.length == 3) {
                c[1] = -1;
            }
            shapes.add(c);
        }
        return shapes;
    }

    @Override
    public List<Tensor> apply(List<Tensor> inputs, boolean training) {
        return undoBuildOnFailure(() -> {
            buildForAnyLength(inputs);
            return super.apply(inputs, training);
        });
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return undoBuildOnFailure(() -> {
            buildForAnyLength(inputs);
            checkInputs(inputs.stream().map(Tensor::shape).toList());
            return run(inputs, Masks.first(masks), training);
        });
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return returnSequences ? previousMask : null;
    }

    /** The computation: inputs {@code [x]} or {@code [x, initial states...]}, an optional mask. */
    protected List<Tensor> run(List<Tensor> inputs, Tensor mask, boolean training) {
        Tensor x = inputs.get(0);
        if (x.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects input of rank 3 (batch, timesteps, features), "
                    + "got shape " + Shape.str(x.shape()));
        }
        if (x.dtype() != dtype) {
            x = x.cast(dtype);
        }
        int b = x.shape()[0];
        int t = x.shape()[1];
        int d = x.shape()[2];
        mask = Masks.check(mask, b, t, describe());
        Tensor xd = inputDropout(b, d, training);
        List<Tensor> init = initialStates(inputs, b);
        Tensor rd = recurrentDropout(b, training);
        Tensor packed = sequence(x, init, mask, xd, rd, goBackwards, zeroOutputForMask,
                !GradMode.isEnabled() && !returnSequences);
        List<Tensor> unpacked = unpack(packed, t, kind().states, returnSequences);
        if (stateful) {
            states = unpacked.subList(1, unpacked.size()).stream().map(s -> s.detach().copy()).toList();
        }
        return returnState ? unpacked : List.of(unpacked.get(0));
    }

    /** This sequence's input dropout multipliers {@code (batch, features)} in training with {@code dropout}, else null. */
    Tensor inputDropout(int b, int d, boolean training) {
        return training && dropout > 0 && dropout < 1 ? dropoutMultipliers(b, d, dropout) : null;
    }

    /** This sequence's recurrent dropout multipliers {@code (batch, units)} in training with {@code recurrent_dropout}, else null. */
    Tensor recurrentDropout(int b, boolean training) {
        return training && recurrentDropout > 0 && recurrentDropout < 1
                ? dropoutMultipliers(b, units, recurrentDropout) : null;
    }

    /**
     * The time loop over {@code x (batch, time, features)} from the states {@code init} with this layer's cell
     * and weights, through the fused kernel when it knows the activations: the packed result of
     * {@link Recurrence#run} ({@code lastOnly} keeps only the last output row, in inference only). {@code xd} and
     * {@code rd} are the dropout multipliers of {@link #inputDropout} and {@link #recurrentDropout}, or null; the
     * sequence flags are the caller's, so that {@link RNN} runs a cell with its own.
     */
    Tensor sequence(Tensor x, List<Tensor> init, Tensor mask, Tensor xd, Tensor rd, boolean backwards,
                    boolean zeroOutput, boolean lastOnly) {
        int b = x.shape()[0];
        int d = x.shape()[2];
        int ns = kind().states;
        if (xd != null) {
            x = x.mul(xd.reshape(b, 1, d));
        }
        CellActivation act = CellActivation.of(activation);
        CellActivation ra = kind() == Recurrence.Kind.SIMPLE ? CellActivation.LINEAR : CellActivation.of(recurrentActivation);
        if (fused && act != null && ra != null) {
            Recurrence.Spec spec = new Recurrence.Spec(kind(), units, act, ra, resetAfter(), backwards, zeroOutput);
            Tensor c0 = ns > 1 ? init.get(1) : null;
            boolean[] flags = mask == null ? null : Masks.flags(mask);
            double[] rdv = rd == null ? null : rd.toDoubleArray();
            return GradMode.isEnabled()
                    ? Recurrence.run(spec, Dense.affine(x, kernel.value(), inputBias()), recurrentKernel.value(),
                            recurrentBias(), init.get(0), c0, flags, rdv)
                    : Recurrence.infer(spec, x, kernel.value(), inputBias(), recurrentKernel.value(), recurrentBias(),
                            init.get(0), c0, flags, rdv, lastOnly);
        }
        return ComposedRecurrence.run(kind(), units, activation, recurrentActivation, resetAfter(), backwards,
                zeroOutput, Dense.affine(x, kernel.value(), inputBias()), recurrentKernel.value(),
                recurrentBias(), init.get(0), ns > 1 ? init.get(1) : null, mask, rd);
    }

    /**
     * The output and final states of a packed result {@code (batch, rows + states, units)} of {@link #sequence}
     * over {@code t} timesteps: {@code [output, state...]}, the output the whole sequence or the last row.
     */
    static List<Tensor> unpack(Tensor packed, int t, int ns, boolean returnSequences) {
        // per-step output rows: t, or only the last in inference without return_sequences
        int seqRows = packed.shape()[1] - ns;
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? packed.slice(1, 0, t) : packed.select(1, seqRows - 1));
        for (int k = 0; k < ns; k++) {
            out.add(packed.select(1, seqRows + k));
        }
        return out;
    }

    private List<Tensor> initialStates(List<Tensor> inputs, int b) {
        int ns = kind().states;
        List<Tensor> init = new ArrayList<>();
        if (inputs.size() > 1) {
            if (inputs.size() - 1 != ns) {
                throw new IllegalArgumentException(describe() + " expects " + ns + " initial state(s) after the input, got "
                        + (inputs.size() - 1));
            }
            for (int k = 1; k < inputs.size(); k++) {
                Tensor s = inputs.get(k);
                if (s.rank() != 2 || s.shape()[0] != b || s.shape()[1] != units) {
                    throw new IllegalArgumentException(describe() + ": initial state " + (k - 1) + " must have shape ("
                            + b + ", " + units + "), got " + Shape.str(s.shape()));
                }
                init.add(s.dtype() == dtype ? s : s.cast(dtype));
            }
            return init;
        }
        List<Tensor> kept = states;
        if (stateful && kept != null) {
            if (kept.get(0).shape()[0] != b) {
                throw new IllegalArgumentException(describe() + " is stateful with batch size " + kept.get(0).shape()[0]
                        + " but received a batch of " + b + "; a stateful RNN needs the same batch size on every call "
                        + "(call resetStates() does not change that: build a new layer)");
            }
            return kept;
        }
        for (int k = 0; k < ns; k++) {
            init.add(Tensor.zeros(dtype, b, units));
        }
        return init;
    }

    private Tensor dropoutMultipliers(int rows, int cols, double rate) {
        return dev.airfoil.layers.DropoutMasks.inverted(rng, new int[] {rows, cols}, rate, dtype);
    }

    /** The bias added to the input projection, or null. */
    protected Tensor inputBias() {
        if (bias == null) {
            return null;
        }
        return resetAfter() ? bias.value().select(0, 0) : bias.value();
    }

    /** The bias added inside the recurrence (GRU with {@code reset_after}), or null. */
    protected Tensor recurrentBias() {
        return bias != null && resetAfter() ? bias.value().select(0, 1) : null;
    }

    /** Clears the kept states of a stateful layer (Keras {@code reset_state}); the next call starts from zeros. */
    public void resetStates() {
        states = null;
    }

    /** The kept states of a stateful layer after its last call, or null. */
    public List<Tensor> states() {
        return states;
    }

    /** Switches between the fused kernel (default) and the composed per-step path; for tests and benchmarks. */
    void useFusedKernel(boolean useFused) {
        this.fused = useFused;
    }

    // ---------------------------------------------------------------- shapes

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        List<int[]> out = new ArrayList<>();
        out.add(returnSequences ? new int[] {s[0], s[1], units} : new int[] {s[0], units});
        if (returnState) {
            for (int k = 0; k < kind().states; k++) {
                out.add(new int[] {s[0], units});
            }
        }
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return computeOutputShapes(List.of(inputShape)).get(0);
    }

    // ---------------------------------------------------------------- accessors and config

    /** The number of units (the size of {@code h}). */
    public int units() {
        return units;
    }

    /** Whether the full sequence is returned. */
    @Override
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Whether the final states are returned after the output. */
    @Override
    public boolean returnState() {
        return returnState;
    }

    /** Whether the sequence is processed in reverse (outputs are then in reverse time order, as Keras). */
    @Override
    public boolean goBackwards() {
        return goBackwards;
    }

    /** Whether the final states of a call are the initial states of the next. */
    @Override
    public boolean stateful() {
        return stateful;
    }

    /** The number of states (1, or 2 for LSTM). */
    public int stateCount() {
        return kind().states;
    }

    /** {@code units} for each state. */
    @Override
    public int[] stateSizes() {
        int[] sizes = new int[stateCount()];
        java.util.Arrays.fill(sizes, units);
        return sizes;
    }

    /** The kernel {@code (input_dim, gates * units)}, once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The recurrent kernel {@code (units, gates * units)}, once built. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** The bias, once built and when {@code use_bias}. */
    public Variable bias() {
        return bias;
    }

    /** The keys of Keras's {@code RNN} base config. */
    protected Map<String, Object> rnnConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("return_sequences", returnSequences);
        m.put("return_state", returnState);
        m.put("go_backwards", goBackwards);
        m.put("stateful", stateful);
        m.put("unroll", unroll);
        m.put("zero_output_for_mask", zeroOutputForMask);
        m.put("units", units);
        m.put("activation", Activations.serialize(activation));
        if (kind() != Recurrence.Kind.SIMPLE) {
            m.put("recurrent_activation", Activations.serialize(recurrentActivation));
        }
        m.put("use_bias", useBias);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("recurrent_initializer", recurrentInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        return m;
    }

    /** The regularizer, constraint and dropout keys, after the cell-specific ones. */
    protected void tailConfig(Map<String, Object> m, boolean withSeed) {
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("recurrent_regularizer", Serialization.orNull(recurrentRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("recurrent_constraint", Serialization.orNull(recurrentConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        m.put("dropout", dropout);
        m.put("recurrent_dropout", recurrentDropout);
        if (withSeed || seed != null) {
            m.put("seed", seed);
        }
    }

    /** The bias initializer as configured. */
    protected Initializer biasInitializer() {
        return biasInitializer;
    }

    /**
     * Builder with Keras's argument names and defaults ({@code activation = "tanh"},
     * {@code recurrent_activation = "sigmoid"}, {@code glorot_uniform} / {@code orthogonal} /
     * {@code zeros} initializers).
     *
     * @param <B> the concrete builder type
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        final int units;
        Object activation = "tanh";
        Object recurrentActivation = "sigmoid";
        boolean useBias = true;
        Object kernelInitializer = "glorot_uniform";
        Object recurrentInitializer = "orthogonal";
        Object biasInitializer = "zeros";
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

        Builder(int units) {
            this.units = units;
        }

        /** Activation of the candidate / output (default {@code "tanh"}). */
        public B activation(Object a) {
            this.activation = a;
            return (B) this;
        }

        /** Activation of the gates (default {@code "sigmoid"}; not used by SimpleRNN). */
        public B recurrentActivation(Object a) {
            this.recurrentActivation = a;
            return (B) this;
        }

        /** Whether to use a bias (default true). */
        public B useBias(boolean v) {
            this.useBias = v;
            return (B) this;
        }

        /** Kernel initializer (default {@code "glorot_uniform"}). */
        public B kernelInitializer(Object i) {
            this.kernelInitializer = i;
            return (B) this;
        }

        /** Recurrent kernel initializer (default {@code "orthogonal"}). */
        public B recurrentInitializer(Object i) {
            this.recurrentInitializer = i;
            return (B) this;
        }

        /** Bias initializer (default {@code "zeros"}). */
        public B biasInitializer(Object i) {
            this.biasInitializer = i;
            return (B) this;
        }

        /** Kernel regularizer. */
        public B kernelRegularizer(Object r) {
            this.kernelRegularizer = r;
            return (B) this;
        }

        /** Recurrent kernel regularizer. */
        public B recurrentRegularizer(Object r) {
            this.recurrentRegularizer = r;
            return (B) this;
        }

        /** Bias regularizer. */
        public B biasRegularizer(Object r) {
            this.biasRegularizer = r;
            return (B) this;
        }

        /** Activity (output) regularizer. */
        public B activityRegularizer(Object r) {
            this.activityRegularizer = r;
            return (B) this;
        }

        /** Kernel constraint. */
        public B kernelConstraint(Object c) {
            this.kernelConstraint = c;
            return (B) this;
        }

        /** Recurrent kernel constraint. */
        public B recurrentConstraint(Object c) {
            this.recurrentConstraint = c;
            return (B) this;
        }

        /** Bias constraint. */
        public B biasConstraint(Object c) {
            this.biasConstraint = c;
            return (B) this;
        }

        /** Fraction of the input units dropped in training (one mask per sequence). */
        public B dropout(double r) {
            this.dropout = r;
            return (B) this;
        }

        /** Fraction of the recurrent state units dropped in training (one mask per sequence). */
        public B recurrentDropout(double r) {
            this.recurrentDropout = r;
            return (B) this;
        }

        /** Seed of the dropout masks. */
        public B seed(Long s) {
            this.seed = s;
            return (B) this;
        }

        /** Return the whole output sequence instead of the last output. */
        public B returnSequences(boolean v) {
            this.returnSequences = v;
            return (B) this;
        }

        /** Also return the final states. */
        public B returnState(boolean v) {
            this.returnState = v;
            return (B) this;
        }

        /** Process the sequence backwards (outputs in reverse order). */
        public B goBackwards(boolean v) {
            this.goBackwards = v;
            return (B) this;
        }

        /** Keep the final states of a batch as the initial states of the next. */
        public B stateful(boolean v) {
            this.stateful = v;
            return (B) this;
        }

        /** Accepted for compatibility; has no effect. */
        public B unroll(boolean v) {
            this.unroll = v;
            return (B) this;
        }

        /** Output zeros (instead of the previous output) at masked timesteps. */
        public B zeroOutputForMask(boolean v) {
            this.zeroOutputForMask = v;
            return (B) this;
        }

        /** The layer name. */
        public B name(String n) {
            this.name = n;
            return (B) this;
        }
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
