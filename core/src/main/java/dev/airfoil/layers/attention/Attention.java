package dev.airfoil.layers.attention;

import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Variable;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Dot-product (Luong-style) attention layer (Keras {@code Attention}).
 *
 * <p>Scores: {@code score_mode = "dot"} (default) {@code query · key^T}, times a learnt scalar
 * {@code scale} when {@code use_scale}; {@code "concat"}: {@code concat_score_weight *
 * sum(tanh(scale * (query_i + key_j)), axis=-1)}. Weights (scalars, initialised to one):
 * {@code scale} when {@code use_scale}, then {@code concat_score_weight} for concat. See
 * {@link BaseDenseAttention} for inputs, masks, dropout and outputs.
 *
 * <pre>{@code
 * Attention att = new Attention(true, "dot", 0.0, null, null);
 * Tensor context = att.apply(List.of(query, value), false).get(0);   // (B, Tq, dim)
 * List<Tensor> withScores = att.call(List.of(query, value), null, true, false, false);
 * }</pre>
 */
public class Attention extends BaseDenseAttention {
    private final boolean useScale;
    private final String scoreMode;
    private Variable scale;
    private Variable concatScoreWeight;

    /** Dot-product attention without scale or dropout. */
    public Attention() {
        this(false, "dot", 0.0, null, null);
    }

    /** Attention with Keras's arguments. */
    public Attention(boolean useScale, String scoreMode, double dropout, Long seed, String name) {
        super(dropout, seed, name);
        if (!"dot".equals(scoreMode) && !"concat".equals(scoreMode)) {
            throw new IllegalArgumentException("Attention: score_mode must be 'dot' or 'concat', got '" + scoreMode + "'");
        }
        this.useScale = useScale;
        this.scoreMode = scoreMode;
    }

    /** From a Keras config. */
    public static Attention fromConfig(ConfigMap c) {
        return new Attention(c.getBoolean("use_scale", false), c.getString("score_mode", "dot"),
                c.getDouble("dropout", 0.0), c.getLong("seed", null), c.getString("name", null));
    }

    @Override
    protected void buildWeights(int dim) {
        if (useScale) {
            scale = addWeight("scale", new int[0], Initializers.get("ones"), true);
        }
        if ("concat".equals(scoreMode)) {
            concatScoreWeight = addWeight("concat_score_weight", new int[0], Initializers.get("ones"), true);
        }
    }

    @Override
    protected Tensor scores(Tensor query, Tensor key) {
        if ("dot".equals(scoreMode)) {
            Tensor s = query.matmul(key.swapAxes(1, 2));
            return useScale ? s.mul(scale.value()) : s;
        }
        Tensor sum = query.unsqueeze(2).add(key.unsqueeze(1));
        if (useScale) {
            sum = sum.mul(scale.value());
        }
        return sum.tanh().sum(new int[] {3}, false).mul(concatScoreWeight.value());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("use_scale", useScale);
        m.put("score_mode", scoreMode);
        putDropout(m);
        return m;
    }
}
