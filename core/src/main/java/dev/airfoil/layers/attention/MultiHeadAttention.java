package dev.airfoil.layers.attention;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.layers.KernelBiasOptions;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multi-head attention (Vaswani et al. 2017; Keras {@code MultiHeadAttention}).
 *
 * <p>Query {@code (B, T, dim_q)}, value {@code (B, S, dim_v)} and optional key {@code (B, S, dim_k)}
 * (default: value) are projected per head to {@code (B, T, heads, key_dim)},
 * {@code (B, S, heads, key_dim)} and {@code (B, S, heads, value_dim)}; scores
 * {@code (B, heads, T, S) = softmax(q · k^T / sqrt(key_dim))} over the masked keys; the heads'
 * outputs are projected back to {@code (B, T, output_shape or dim_q)}.
 *
 * <p>Weights, in Keras's layout and order: {@code query/kernel (dim_q, heads, key_dim)},
 * {@code query/bias (heads, key_dim)}, {@code key/kernel}, {@code key/bias},
 * {@code value/kernel (dim_v, heads, value_dim)}, {@code value/bias},
 * {@code attention_output/kernel (heads, value_dim, out)}, {@code attention_output/bias (out)}
 * (biases only with {@code use_bias}).
 *
 * <p>Masks: {@code attention_mask (B, T, S)} (true = attend), the query / value / key masks
 * ({@link SupportsMasking#applyMasked} with {@code [query_mask, value_mask, key_mask]}) and
 * {@code use_causal_mask} are combined with AND, as Keras. A query row with no key to attend to
 * gets zero weights when scores are returned or a dropout rate is set (even at inference), and uniform
 * weights otherwise —
 * exactly Keras's two code paths. Only the default {@code attention_axes} (the sequence axis of
 * rank-3 inputs), {@code use_gate = false} and no {@code sliding_window} are supported.
 *
 * <pre>{@code
 * MultiHeadAttention mha = MultiHeadAttention.builder(4, 16).build();
 * Tensor y = mha.apply(List.of(x, x), false).get(0);                 // self-attention
 * List<Tensor> ys = mha.call(q, v, null, null, null, true, true, false); // [output, scores]
 * }</pre>
 */
public class MultiHeadAttention extends Layer implements SupportsMasking, RandomState {
    private final int numHeads;
    private final int numKeyValueHeads;
    private final int keyDim;
    private final int valueDim;
    private final double dropout;
    private final boolean useBias;
    private final int[] outputShape;
    private final int[] attentionAxes;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint biasConstraint;
    private final Long seed;
    private final LayerRandom rng;
    private Variable qk;
    private Variable qb;
    private Variable kk;
    private Variable kb;
    private Variable vk;
    private Variable vb;
    private Variable ok;
    private Variable ob;

    /** Multi-head attention from a builder. */
    public MultiHeadAttention(Builder b) {
        this(b.name, checkedHeads(b.numHeads, b.keyDim), b.numHeads, b.keyDim, b.valueDim == null ? b.keyDim : b.valueDim,
                b.dropout, b.useBias, b.outputShape, b.attentionAxes, b.resolve(), b.seed);
    }

    private static int checkedHeads(int numHeads, int keyDim) {
        if (numHeads <= 0 || keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads and key_dim must be positive, got "
                    + numHeads + " and " + keyDim);
        }
        return numHeads;
    }

    /**
     * The attention with every argument resolved; {@code numKeyValueHeads} (dividing {@code numHeads})
     * key and value heads, each shared by {@code numHeads / numKeyValueHeads} query heads
     * ({@link GroupQueryAttention}; plain multi-head attention has as many as query heads).
     */
    MultiHeadAttention(String name, int numHeads, int numKeyValueHeads, int keyDim, int valueDim, double dropout,
                       boolean useBias, int[] outputShape, int[] attentionAxes, KernelBiasOptions.Resolved w, Long seed) {
        super(name);
        String owner = getClass().getSimpleName();
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(owner + ": dropout must be in [0, 1), got " + dropout);
        }
        this.numHeads = numHeads;
        this.numKeyValueHeads = numKeyValueHeads;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        this.dropout = dropout;
        this.useBias = useBias;
        this.outputShape = outputShape == null ? null : outputShape.clone();
        if (this.outputShape != null && this.outputShape.length != 1) {
            throw new UnsupportedOperationException(owner + ": only a 1-D output_shape is supported, got "
                    + Shape.str(this.outputShape));
        }
        this.attentionAxes = attentionAxes == null ? null : attentionAxes.clone();
        if (this.attentionAxes != null
                && !(this.attentionAxes.length == 1 && (this.attentionAxes[0] == 1 || this.attentionAxes[0] == -2))) {
            throw new UnsupportedOperationException(owner + ": only the default attention_axes (the sequence "
                    + "axis of (batch, time, features) inputs) is supported, got "
                    + java.util.Arrays.toString(this.attentionAxes));
        }
        this.kernelInitializer = w.kernelInitializer();
        this.biasInitializer = w.biasInitializer();
        this.kernelRegularizer = w.kernelRegularizer();
        this.biasRegularizer = w.biasRegularizer();
        this.kernelConstraint = w.kernelConstraint();
        this.biasConstraint = w.biasConstraint();
        setActivityRegularizer(w.activityRegularizer());
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int numHeads, int keyDim) {
        return new Builder(numHeads, keyDim);
    }

    /** From a Keras config ({@code use_gate = true} and {@code sliding_window} are rejected). */
    public static MultiHeadAttention fromConfig(ConfigMap c) {
        if (c.getBoolean("use_gate", false)) {
            throw new UnsupportedOperationException("MultiHeadAttention: use_gate=true is not supported");
        }
        if (c.get("sliding_window") != null) {
            throw new UnsupportedOperationException("MultiHeadAttention: sliding_window is not supported");
        }
        Builder b = builder(c.getInt("num_heads", 0), c.getInt("key_dim", 0)).name(c.getString("name", null))
                .valueDim(c.getIntOrNull("value_dim")).dropout(c.getDouble("dropout", 0.0))
                .useBias(c.getBoolean("use_bias", true)).seed(c.getLong("seed", null)).readConfig(c);
        Object os = c.get("output_shape");
        if (os instanceof Number n) {
            b.outputShape(n.intValue());
        } else if (os != null) {
            b.outputShape(c.getIntArray("output_shape", null));
        }
        Object axes = c.get("attention_axes");
        if (axes instanceof Number n) {
            b.attentionAxes(n.intValue());
        } else if (axes != null) {
            b.attentionAxes(c.getIntArray("attention_axes", null));
        }
        return new MultiHeadAttention(b);
    }

    @Override
    protected void build(List<int[]> shapes) {
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw new IllegalArgumentException(describe() + " expects [query, value] or [query, value, key], got "
                    + shapes.size() + " inputs");
        }
        for (int[] s : shapes) {
            if (s.length != 3 || s[2] < 0) {
                throw new IllegalArgumentException(describe() + " expects inputs (batch, time, features) with known "
                        + "features, got " + Shape.str(s));
            }
        }
        int dq = shapes.get(0)[2];
        int dv = shapes.get(1)[2];
        int dk = shapes.size() > 2 ? shapes.get(2)[2] : dv;
        int out = outputShape == null ? dq : outputShape[0];
        qk = kernel("query/kernel", dq, numHeads, keyDim);
        qb = bias("query/bias", numHeads, keyDim);
        kk = kernel("key/kernel", dk, numKeyValueHeads, keyDim);
        kb = bias("key/bias", numKeyValueHeads, keyDim);
        vk = kernel("value/kernel", dv, numKeyValueHeads, valueDim);
        vb = bias("value/bias", numKeyValueHeads, valueDim);
        ok = kernel("attention_output/kernel", numHeads, valueDim, out);
        ob = bias("attention_output/bias", out);
    }

    private Variable kernel(String n, int... shape) {
        return addWeight(n, shape, kernelInitializer, true, kernelRegularizer, kernelConstraint);
    }

    private Variable bias(String n, int... shape) {
        return useBias ? addWeight(n, shape, biasInitializer, true, biasRegularizer, biasConstraint) : null;
    }

    private void ensureBuiltFor(List<Tensor> inputs) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            int[] s = t.shape();
            s[0] = -1;
            if (s.length == 3) {
                s[1] = -1;
            }
            shapes.add(s);
        }
        ensureBuilt(shapes);
    }

    @Override
    public List<Tensor> apply(List<Tensor> inputs, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuiltFor(inputs);
            return super.apply(inputs, training);
        });
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return compute(inputs, null, null, false, false, training);
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuiltFor(inputs);
            return compute(inputs, masks, null, false, false, training);
        });
    }

    /**
     * Calls the layer (building it first) with Keras's call arguments.
     *
     * @param query                 {@code (B, T, dim_q)}
     * @param value                 {@code (B, S, dim_v)}
     * @param key                   {@code (B, S, dim_k)} or null for value
     * @param attentionMask         bool {@code (B, T, S)} (true = attend) or null
     * @param masks                 [query_mask (B, T), value_mask (B, S), key_mask (B, S)], entries or list may be null
     * @param returnAttentionScores also return the scores {@code (B, heads, T, S)}
     * @param useCausalMask         forbid attending to later positions
     * @param training              dropout on
     * @return [output] or [output, scores]
     */
    public List<Tensor> call(Tensor query, Tensor value, Tensor key, Tensor attentionMask, List<Tensor> masks,
                             boolean returnAttentionScores, boolean useCausalMask, boolean training) {
        List<Tensor> in = new ArrayList<>(List.of(query, value));
        if (key != null) {
            in.add(key);
        }
        return undoBuildOnFailure(() -> {
            ensureBuiltFor(in);
            return compute(in, masks, attentionMask, returnAttentionScores, useCausalMask, training);
        });
    }

    private Tensor project(Tensor x, Variable kernel, Variable bias) {
        int[] ks = kernel.shape();
        Tensor y = Dense.affine(x, kernel.value().reshape(ks[0], ks[1] * ks[2]),
                bias == null ? null : bias.value().reshape(ks[1] * ks[2]));
        return y.reshape(x.dim(0), x.dim(1), ks[1], ks[2]);
    }

    /**
     * Key or value projections {@code (B, S, kv_heads, d)} with each head repeated for the query heads
     * that share it, {@code (B, S, heads, d)} (Keras's {@code repeat} along the heads axis: head
     * {@code i} serves query heads {@code i * r} to {@code i * r + r - 1}); as they are when every
     * query head has its own.
     */
    private Tensor sharedHeads(Tensor x) {
        if (numKeyValueHeads == numHeads) {
            return x;
        }
        int[] s = x.shape();
        int r = numHeads / numKeyValueHeads;
        return x.reshape(s[0], s[1], s[2], 1, s[3]).broadcastTo(s[0], s[1], s[2], r, s[3])
                .reshape(s[0], s[1], numHeads, s[3]);
    }

    private List<Tensor> compute(List<Tensor> inputs, List<Tensor> masks, Tensor attentionMask, boolean returnScores,
                                 boolean causal, boolean training) {
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw new IllegalArgumentException(describe() + " expects [query, value] or [query, value, key], got "
                    + inputs.size() + " inputs");
        }
        Tensor query = cast(inputs.get(0));
        Tensor value = cast(inputs.get(1));
        Tensor key = inputs.size() > 2 ? cast(inputs.get(2)) : value;
        int b = query.dim(0);
        int t = query.dim(1);
        int s = value.dim(1);
        if (key.dim(1) != s || key.dim(0) != b || value.dim(0) != b) {
            throw new IllegalArgumentException(describe() + ": query, value and key must share the batch size and "
                    + "value and key the length, got " + Shape.str(query.shape()) + ", " + Shape.str(value.shape())
                    + ", " + Shape.str(key.shape()));
        }
        Tensor q = project(query, qk, qb).mul(1.0 / Math.sqrt(keyDim)).permute(0, 2, 1, 3);   // (B, N, T, kd)
        Tensor k = sharedHeads(project(key, kk, kb)).permute(0, 2, 3, 1);                     // (B, N, kd, S)
        Tensor v = sharedHeads(project(value, vk, vb)).permute(0, 2, 1, 3);                   // (B, N, S, vd)
        Tensor scores = q.matmul(k);                                                          // (B, N, T, S)
        Tensor keep = combinedMask(attentionMask, masks, b, t, s, causal);
        Tensor weights;
        if (keep == null) {
            weights = scores.softmax(-1);
        } else {
            Tensor k4 = keep.reshape(b, 1, t, s);
            weights = Tensor.where(k4, scores, Tensor.full(scores.dtype(), -1e9, 1)).softmax(-1);
            if (returnScores || dropout > 0) {
                // Keras's Softmax-layer path, taken with any dropout rate even at inference, zeroes masked
                // positions (rows with no key become all zero)
                weights = Tensor.where(k4, weights, Tensor.zeros(weights.dtype(), 1));
            }
        }
        Tensor wd = training && dropout > 0 ? weights.mul(dropoutMask(weights.shape())) : weights;
        Tensor o = wd.matmul(v).permute(0, 2, 1, 3).reshape(b, t, numHeads * valueDim);   // (B, T, N*vd)
        int[] oks = ok.shape();
        Tensor y = Dense.affine(o, ok.value().reshape(oks[0] * oks[1], oks[2]), ob == null ? null : ob.value());
        return returnScores ? List.of(y, weights) : List.of(y);
    }

    private Tensor combinedMask(Tensor attentionMask, List<Tensor> masks, int b, int t, int s, boolean causal) {
        Tensor keep = null;
        Tensor qm = Masks.check(Masks.at(masks, 0), b, t, describe());
        Tensor vm = Masks.check(Masks.at(masks, 1), b, s, describe());
        Tensor km = Masks.check(Masks.at(masks, 2), b, s, describe());
        if (qm != null) {
            keep = qm.reshape(b, t, 1);
        }
        for (Tensor m : new Tensor[] {vm, km}) {
            if (m != null) {
                Tensor r = m.reshape(b, 1, s);
                keep = keep == null ? r : keep.and(r);
            }
        }
        if (causal) {
            boolean[] c = new boolean[t * s];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s; j++) {
                    c[i * s + j] = i >= j;
                }
            }
            Tensor cm = Tensor.ofBooleans(c, 1, t, s);
            keep = keep == null ? cm : keep.and(cm);
        }
        if (attentionMask != null) {
            Tensor am = attentionMask.dtype() == DType.BOOL ? attentionMask
                    : attentionMask.ne(Tensor.zeros(attentionMask.dtype(), 1));
            if (am.rank() == 2) {
                am = am.reshape(1, t, s);
            }
            keep = keep == null ? am : keep.and(am);
        }
        return keep == null ? null : keep.broadcastTo(b, t, s);
    }

    private Tensor cast(Tensor x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects inputs (batch, time, features), got "
                    + Shape.str(x.shape()));
        }
        return x.dtype() == dtype ? x : x.cast(dtype);
    }

    private Tensor dropoutMask(int[] shape) {
        return dev.airfoil.layers.DropoutMasks.inverted(rng, shape, dropout, dtype);
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return previousMask;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] q = inputShapes.get(0);
        return List.of(new int[] {q[0], q[1], outputShape == null ? q[2] : outputShape[0]});
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The size of each head for query and key. */
    public int keyDim() {
        return keyDim;
    }

    /** The size of each head for value. */
    public int valueDim() {
        return valueDim;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("num_heads", numHeads);
        m.put("key_dim", keyDim);
        m.put("value_dim", valueDim);
        m.put("dropout", dropout);
        m.put("use_bias", useBias);
        m.put("use_gate", false);
        m.put("output_shape", outputShape == null ? null : ConfigMap.shapeList(outputShape));
        m.put("attention_axes", attentionAxes == null ? null : ConfigMap.shapeList(attentionAxes));
        m.put("sliding_window", null);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        m.put("seed", seed);
        return m;
    }

    /**
     * Keras 3 serialisation; Keras's MultiHeadAttention builds from named shapes
     * ({@code build_config: {shapes_dict: {query_shape, value_shape[, key_shape]}}}), not from
     * {@code input_shape}, and cannot rebuild a file that gives the latter.
     */
    @Override
    public Map<String, Object> serialize() {
        Map<String, Object> m = super.serialize();
        List<int[]> shapes = buildInputShapes();
        if (shapes != null && m.containsKey("build_config")) {
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            String[] keys = {"query_shape", "value_shape", "key_shape"};
            for (int i = 0; i < shapes.size() && i < keys.length; i++) {
                named.put(keys[i], ConfigMap.shapeList(shapes.get(i)));
            }
            m.put("build_config", ConfigMap.of("shapes_dict", named));
        }
        return m;
    }

    /** Builder of {@link MultiHeadAttention} with Keras's argument names and defaults. */
    public static final class Builder extends KernelBiasOptions<Builder> {
        private final int numHeads;
        private final int keyDim;
        private Integer valueDim;
        private double dropout;
        private boolean useBias = true;
        private int[] outputShape;
        private int[] attentionAxes;
        private Long seed;
        private String name;

        Builder(int numHeads, int keyDim) {
            this.numHeads = numHeads;
            this.keyDim = keyDim;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Size of each value head (default key_dim). */
        public Builder valueDim(Integer v) {
            this.valueDim = v;
            return this;
        }

        /** Dropout on the attention weights (default 0). */
        public Builder dropout(double d) {
            this.dropout = d;
            return this;
        }

        /** Whether the projections have biases (default true). */
        public Builder useBias(boolean v) {
            this.useBias = v;
            return this;
        }

        /** Output feature size (default: the query's). */
        public Builder outputShape(int... shape) {
            this.outputShape = shape;
            return this;
        }

        /** Attention axes; only the default (null or {@code 1}) is supported. */
        public Builder attentionAxes(int... axes) {
            this.attentionAxes = axes;
            return this;
        }








        /** Dropout seed. */
        public Builder seed(Long s) {
            this.seed = s;
            return this;
        }

        /** Layer name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public MultiHeadAttention build() {
            return new MultiHeadAttention(this);
        }
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
