package dev.airfoil.layers.attention;

import dev.airfoil.layers.KernelBiasOptions;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Grouped-query attention (Ainslie et al. 2023; Keras {@code GroupQueryAttention}): multi-head
 * attention whose {@code num_query_heads} query heads share {@code num_key_value_heads} key and value
 * heads, each key/value head serving {@code num_query_heads / num_key_value_heads} consecutive query
 * heads. Everything else (masks, causal mask, dropout, returned scores, Keras's two softmax paths) is
 * {@link MultiHeadAttention}'s, on which it is built.
 *
 * <p>Query {@code (B, T, dim)}, value {@code (B, S, dim)} and optional key {@code (B, S, dim_k)}
 * (default: value); output {@code (B, T, dim)}; scores {@code (B, num_query_heads, T, S)}.
 *
 * <p>Weights, in Keras's layout and order: {@code query/kernel (dim, num_query_heads, head_dim)},
 * {@code query/bias (num_query_heads, head_dim)}, {@code key/kernel (dim_k, num_key_value_heads, head_dim)},
 * {@code key/bias}, {@code value/kernel (dim, num_key_value_heads, head_dim)}, {@code value/bias},
 * {@code attention_output/kernel (num_query_heads, head_dim, dim)}, {@code attention_output/bias (dim)}
 * (biases only with {@code use_bias}).
 *
 * <p>{@code flash_attention} selects a fused kernel in Keras and changes no value; as there, it cannot be
 * combined with dropout or with returned attention scores. {@code use_gate} and {@code sliding_window}
 * are not supported.
 *
 * <pre>{@code
 * GroupQueryAttention gqa = GroupQueryAttention.builder(16, 8, 2).build();  // head_dim 16, 8 query heads, 2 key/value heads
 * Tensor y = gqa.apply(List.of(x, x), false).get(0);                       // self-attention
 * List<Tensor> ys = gqa.call(q, v, null, null, null, true, true, false);   // [output, scores], causal
 * }</pre>
 */
public class GroupQueryAttention extends MultiHeadAttention {
    private final int headDim;
    private final int numQueryHeads;
    private final int numKeyValueHeads;
    private final boolean flashAttention;

    /** Grouped-query attention from a builder. */
    public GroupQueryAttention(Builder b) {
        super(b.name, checked(b), b.numKeyValueHeads, b.headDim, b.headDim, b.dropout, b.useBias, null, null,
                b.resolve(), b.seed);
        this.headDim = b.headDim;
        this.numQueryHeads = b.numQueryHeads;
        this.numKeyValueHeads = b.numKeyValueHeads;
        this.flashAttention = b.flashAttention != null && b.flashAttention;
    }

    /** The number of query heads, after checking the builder's arguments as Keras does. */
    private static int checked(Builder b) {
        if (b.headDim <= 0 || b.numQueryHeads <= 0 || b.numKeyValueHeads <= 0) {
            throw new IllegalArgumentException("GroupQueryAttention: head_dim, num_query_heads and num_key_value_heads"
                    + " must be positive, got " + b.headDim + ", " + b.numQueryHeads + " and " + b.numKeyValueHeads);
        }
        if (b.numQueryHeads % b.numKeyValueHeads != 0) {
            throw new IllegalArgumentException("GroupQueryAttention: num_query_heads must be divisible by"
                    + " num_key_value_heads, got " + b.numQueryHeads + " and " + b.numKeyValueHeads
                    + "; e.g. num_query_heads=" + b.numKeyValueHeads * Math.max(1, b.numQueryHeads / b.numKeyValueHeads)
                    + " or num_key_value_heads=1");
        }
        if (Boolean.TRUE.equals(b.flashAttention) && b.dropout > 0) {
            throw new IllegalArgumentException("GroupQueryAttention: dropout is not supported with flash_attention=true"
                    + " (got dropout=" + b.dropout + "); set dropout to 0 or flash_attention to false");
        }
        return b.numQueryHeads;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int headDim, int numQueryHeads, int numKeyValueHeads) {
        return new Builder(headDim, numQueryHeads, numKeyValueHeads);
    }

    /** From a Keras config ({@code use_gate = true} and {@code sliding_window} are rejected). */
    public static GroupQueryAttention fromConfig(ConfigMap c) {
        if (c.getBoolean("use_gate", false)) {
            throw new UnsupportedOperationException("GroupQueryAttention: use_gate=true is not supported");
        }
        if (c.get("sliding_window") != null) {
            throw new UnsupportedOperationException("GroupQueryAttention: sliding_window is not supported, got "
                    + c.get("sliding_window"));
        }
        return builder(c.getInt("head_dim", 0), c.getInt("num_query_heads", 0), c.getInt("num_key_value_heads", 0))
                .name(c.getString("name", null)).dropout(c.getDouble("dropout", 0.0))
                .useBias(c.getBoolean("use_bias", true)).seed(c.getLong("seed", null)).readConfig(c).build();
    }

    /** Keras's automatic name prefix (from its Python class, {@code GroupedQueryAttention}). */
    @Override
    protected String defaultNamePrefix() {
        return "grouped_query_attention";
    }

    /** Keras's Python class, {@code GroupedQueryAttention} (exported, and written in files, as {@code GroupQueryAttention}). */
    @Override
    public String typeName() {
        return "GroupedQueryAttention";
    }

    @Override
    public List<Tensor> call(Tensor query, Tensor value, Tensor key, Tensor attentionMask, List<Tensor> masks,
                             boolean returnAttentionScores, boolean useCausalMask, boolean training) {
        if (flashAttention && returnAttentionScores) {
            throw new IllegalArgumentException(describe() + ": attention scores cannot be returned with"
                    + " flash_attention=true; build the layer with flash_attention false to get them");
        }
        return super.call(query, value, key, attentionMask, masks, returnAttentionScores, useCausalMask, training);
    }

    /** The size of each head. */
    public int headDim() {
        return headDim;
    }

    /** The number of query heads. */
    public int numQueryHeads() {
        return numQueryHeads;
    }

    /** The number of key and value heads. */
    public int numKeyValueHeads() {
        return numKeyValueHeads;
    }

    /** Keras's config: its own arguments, the weight arguments as {@link MultiHeadAttention} writes them. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> mha = super.getConfig();
        Map<String, Object> m = getConfigBase();
        m.put("head_dim", headDim);
        m.put("num_query_heads", numQueryHeads);
        m.put("num_key_value_heads", numKeyValueHeads);
        m.put("use_bias", mha.get("use_bias"));
        m.put("use_gate", false);
        m.put("sliding_window", null);
        for (String k : List.of("dropout", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "seed")) {
            m.put(k, mha.get(k));
        }
        return m;
    }

    /** Builder of {@link GroupQueryAttention} with Keras's argument names and defaults. */
    public static final class Builder extends KernelBiasOptions<Builder> {
        private final int headDim;
        private final int numQueryHeads;
        private final int numKeyValueHeads;
        private double dropout;
        private boolean useBias = true;
        private Boolean flashAttention;
        private Long seed;
        private String name;

        Builder(int headDim, int numQueryHeads, int numKeyValueHeads) {
            this.headDim = headDim;
            this.numQueryHeads = numQueryHeads;
            this.numKeyValueHeads = numKeyValueHeads;
        }

        @Override
        protected Builder self() {
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

        /** Keras's fused-kernel switch (default null: off); no effect on values, refuses dropout and scores. */
        public Builder flashAttention(Boolean v) {
            this.flashAttention = v;
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
        public GroupQueryAttention build() {
            return new GroupQueryAttention(this);
        }
    }
}
