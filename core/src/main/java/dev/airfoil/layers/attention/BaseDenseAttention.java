package dev.airfoil.layers.attention;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The common part of {@link Attention} and {@link AdditiveAttention} (Keras's dense attention):
 * inputs {@code [query (B, Tq, dim), value (B, Tv, dim)]} or {@code [query, value, key (B, Tv, dim)]}
 * (key defaults to value); scores {@code (B, Tq, Tv)} from the subclass; masked scores get
 * {@code -1e9} added (Keras's rule, so a fully masked row falls back to the unmasked distribution);
 * {@code softmax} over {@code Tv}; dropout on the weights in training; output
 * {@code weights · value (B, Tq, dim)}, zero at masked queries.
 *
 * <p>Masks come through {@link SupportsMasking#applyMasked} as {@code [query_mask, value_mask]}; the
 * output mask is the query mask. {@link #call(List, List, boolean, boolean, boolean)} also takes
 * Keras's {@code return_attention_scores} and {@code use_causal_mask}.
 */
public abstract class BaseDenseAttention extends Layer implements SupportsMasking, RandomState {
    private final double dropout;
    private final Long seed;
    private final LayerRandom rng;

    /** With an attention-weight dropout rate, seed and name. */
    protected BaseDenseAttention(double dropout, Long seed, String name) {
        super(name);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** Scores {@code (B, Tq, Tv)} from query {@code (B, Tq, dim)} and key {@code (B, Tv, dim)}. */
    protected abstract Tensor scores(Tensor query, Tensor key);

    @Override
    protected void build(List<int[]> inputShapes) {
        if (inputShapes.size() < 2 || inputShapes.size() > 3) {
            throw new IllegalArgumentException(describe() + " expects [query, value] or [query, value, key], got "
                    + inputShapes.size() + " inputs");
        }
        buildWeights(inputShapes.get(0)[inputShapes.get(0).length - 1]);
    }

    /** Creates the weights for this feature size (none by default). */
    protected void buildWeights(int dim) {
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return compute(inputs, null, false, false, training);
    }

    /**
     * Calls the layer (building it first) with Keras's call arguments.
     *
     * @param inputs                [query, value] or [query, value, key]
     * @param masks                 [query_mask, value_mask] (bool {@code (B, Tq)} / {@code (B, Tv)}), entries or list may be null
     * @param returnAttentionScores also return the attention weights {@code (B, Tq, Tv)}
     * @param useCausalMask         mask position {@code j > i} (decoder self-attention)
     * @param training              dropout on
     * @return [output] or [output, scores]
     */
    public List<Tensor> call(List<Tensor> inputs, List<Tensor> masks, boolean returnAttentionScores,
                             boolean useCausalMask, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuiltFor(inputs);
            return compute(inputs, masks, returnAttentionScores, useCausalMask, training);
        });
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuiltFor(inputs);
            return compute(inputs, masks, false, false, training);
        });
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

    private List<Tensor> compute(List<Tensor> inputs, List<Tensor> masks, boolean returnScores, boolean causal,
                                 boolean training) {
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw new IllegalArgumentException(describe() + " expects [query, value] or [query, value, key], got "
                    + inputs.size() + " inputs");
        }
        Tensor q = cast(inputs.get(0));
        Tensor v = cast(inputs.get(1));
        Tensor k = inputs.size() > 2 ? cast(inputs.get(2)) : v;
        if (q.rank() != 3 || v.rank() != 3 || k.rank() != 3 || q.dim(2) != k.dim(2) || k.dim(1) != v.dim(1)) {
            throw new IllegalArgumentException(describe() + ": expected query (B, Tq, dim), value (B, Tv, dim_v) and key "
                    + "(B, Tv, dim), got " + Shape.str(q.shape()) + ", " + Shape.str(v.shape()) + ", "
                    + Shape.str(k.shape()));
        }
        int b = q.dim(0);
        int tq = q.dim(1);
        int tv = v.dim(1);
        Tensor qMask = Masks.check(Masks.at(masks, 0), b, tq, describe());
        Tensor vMask = Masks.check(Masks.at(masks, 1), b, tv, describe());
        Tensor s = scores(q, k);
        Tensor keep = vMask == null ? null : vMask.reshape(b, 1, tv);
        if (causal) {
            boolean[] c = new boolean[tq * tv];
            for (int i = 0; i < tq; i++) {
                for (int j = 0; j < tv; j++) {
                    c[i * tv + j] = i >= j;
                }
            }
            Tensor cm = Tensor.ofBooleans(c, 1, tq, tv);
            keep = keep == null ? cm : keep.and(cm);
        }
        if (keep != null) {
            s = Tensor.where(keep, s, s.sub(1e9));
        }
        Tensor w = s.softmax(-1);
        Tensor wd = w;
        if (training && dropout > 0) {
            wd = w.mul(dropoutMask(w.shape()));
        }
        Tensor out = wd.matmul(v);
        if (qMask != null) {
            out = Tensor.where(qMask.reshape(b, tq, 1), out, Tensor.zeros(out.dtype(), 1));
        }
        return returnScores ? List.of(out, w) : List.of(out);
    }

    private Tensor cast(Tensor t) {
        return t.dtype() == dtype ? t : t.cast(dtype);
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
        int[] v = inputShapes.get(1);
        return List.of(new int[] {q[0], q[1], v[v.length - 1]});
    }

    /** The dropout rate of the attention weights. */
    public double dropout() {
        return dropout;
    }

    /** The base config: {@code dropout} and {@code seed}. */
    protected void putDropout(Map<String, Object> m) {
        m.put("dropout", dropout);
        m.put("seed", seed);
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
