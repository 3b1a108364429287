package dev.airfoil.layers.attention;

import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Variable;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Additive (Bahdanau-style) attention layer (Keras {@code AdditiveAttention}).
 *
 * <p>Scores: {@code sum(scale * tanh(query_i + key_j), axis=-1)}, with a learnt vector
 * {@code scale (dim)} (Glorot-uniform initialised) when {@code use_scale} (default true), else
 * without it. See {@link BaseDenseAttention} for inputs, masks, dropout and outputs.
 *
 * <pre>{@code
 * AdditiveAttention att = new AdditiveAttention();
 * Tensor context = att.apply(List.of(query, value), false).get(0);
 * }</pre>
 */
public class AdditiveAttention extends BaseDenseAttention {
    private final boolean useScale;
    private Variable scale;

    /** Additive attention with a learnt scale. */
    public AdditiveAttention() {
        this(true, 0.0, null, null);
    }

    /** Additive attention with Keras's arguments. */
    public AdditiveAttention(boolean useScale, double dropout, Long seed, String name) {
        super(dropout, seed, name);
        this.useScale = useScale;
    }

    /** From a Keras config. */
    public static AdditiveAttention fromConfig(ConfigMap c) {
        return new AdditiveAttention(c.getBoolean("use_scale", true), c.getDouble("dropout", 0.0),
                c.getLong("seed", null), c.getString("name", null));
    }

    @Override
    protected void buildWeights(int dim) {
        if (useScale) {
            scale = addWeight("scale", new int[] {dim}, Initializers.get("glorot_uniform"), true);
        }
    }

    @Override
    protected Tensor scores(Tensor query, Tensor key) {
        Tensor t = query.unsqueeze(2).add(key.unsqueeze(1)).tanh();
        if (useScale) {
            t = t.mul(scale.value());
        }
        return t.sum(new int[] {3}, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("use_scale", useScale);
        putDropout(m);
        return m;
    }
}
