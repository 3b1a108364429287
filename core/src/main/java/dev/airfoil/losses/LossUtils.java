package dev.airfoil.losses;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared helpers for the loss classes (and the metrics that reuse them): Keras's rank alignment,
 * dtype handling, epsilon clipping and axis configs. Package-private except where metrics need it.
 */
public final class LossUtils {
    /** Keras's fuzz factor {@code keras.backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private LossUtils() {
    }

    /** The floating dtype a loss computes in: {@code yPred}'s when floating, float32 otherwise. */
    static DType computeType(Tensor yPred) {
        return yPred.dtype().isFloating() ? yPred.dtype() : DType.FLOAT32;
    }

    /** {@code x} in dtype {@code t} (no copy when it already is). */
    public static Tensor as(Tensor x, DType t) {
        return x.dtype() == t ? x : x.cast(t);
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by exactly one and the
     * longer tensor's last dimension is 1, that axis is squeezed — or, when the shorter tensor is rank
     * 1, a trailing axis is added to it instead.
     */
    public static Tensor[] squeezeOrExpand(Tensor x1, Tensor x2) {
        return squeezeOrExpand(x1, x2, true);
    }

    /** As {@link #squeezeOrExpand(Tensor, Tensor)}; with {@code expandRank1} false it only ever squeezes. */
    public static Tensor[] squeezeOrExpand(Tensor x1, Tensor x2, boolean expandRank1) {
        int r1 = x1.rank();
        int r2 = x2.rank();
        if (r1 == r2) {
            return new Tensor[] {x1, x2};
        }
        if (r1 == r2 + 1 && x1.dim(-1) == 1) {
            if (r2 == 1 && expandRank1) {
                x2 = x2.unsqueeze(-1);
            } else {
                x1 = x1.squeeze(-1);
            }
        }
        if (r2 == r1 + 1 && x2.dim(-1) == 1) {
            if (r1 == 1 && expandRank1) {
                x1 = x1.unsqueeze(-1);
            } else {
                x2 = x2.squeeze(-1);
            }
        }
        return new Tensor[] {x1, x2};
    }

    /**
     * What {@code LossFunctionWrapper.call} does before the loss function: casts {@code yTrue} to
     * {@code yPred}'s floating type and aligns ranks; then checks the shapes broadcast, naming the loss.
     */
    static Tensor[] align(String loss, Tensor yTrue, Tensor yPred) {
        DType t = computeType(yPred);
        Tensor[] p = squeezeOrExpand(as(yTrue, t), as(yPred, t));
        requireBroadcastable(loss, yTrue, yPred, p[0].shape(), p[1].shape());
        return p;
    }

    static void requireBroadcastable(String loss, Tensor yTrue, Tensor yPred, int[] a, int[] b) {
        try {
            Shape.broadcast(a, b, loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": y_true shape " + Shape.keras(yTrue.shape())
                    + " and y_pred shape " + Shape.keras(yPred.shape()) + " are incompatible (they neither match nor"
                    + " broadcast). Give y_true the same shape as the model output"
                    + (yTrue.rank() + 1 == yPred.rank() ? "; if y_true holds integer class ids, one-hot encode it"
                    + " or use a sparse loss such as SparseCategoricalCrossentropy" : "") + ".", e);
        }
    }

    /** Requires identical shapes (the cross-entropies), with a hint for the common sparse/one-hot mix-up. */
    static void requireSameShape(String loss, Tensor yTrue, Tensor yPred) {
        if (Shape.equal(yTrue.shape(), yPred.shape())) {
            return;
        }
        String hint;
        if (yTrue.rank() + 1 == yPred.rank() || (yTrue.rank() == yPred.rank() && yTrue.dim(-1) == 1
                && yPred.dim(-1) > 1)) {
            hint = " y_true looks like integer class labels: use SparseCategoricalCrossentropy"
                    + " ('sparse_categorical_crossentropy'), or one-hot encode the labels with Tensor.oneHot.";
        } else {
            hint = " Give y_true exactly the shape of y_pred.";
        }
        throw new IllegalArgumentException(loss + ": y_true and y_pred must have the same shape, but received"
                + " y_true.shape=" + Shape.keras(yTrue.shape()) + " and y_pred.shape=" + Shape.keras(yPred.shape())
                + "." + hint);
    }

    /** Clips to {@code [EPSILON, 1 - EPSILON]} as Keras does before a logarithm of a probability. */
    static Tensor clipProbabilities(Tensor p) {
        return p.clip(EPSILON, 1.0 - EPSILON);
    }

    /** {@code log(sigmoid(x))} computed stably as {@code -softplus(-x)}. */
    static Tensor logSigmoid(Tensor x) {
        return x.neg().softplus().neg();
    }

    /** Normalizes an axis given as a config value: null (all axes), an integer or a list of integers. */
    static int[] axes(ConfigMap c, String key, int[] def) {
        if (!c.asMap().containsKey(key)) {
            return def;
        }
        return c.get(key) == null ? null : c.getIntArray(key, def);
    }

    /** An axis spec as Keras writes it in a config: null, a single integer, or a list. */
    static Object axisConfig(int[] axes) {
        if (axes == null) {
            return null;
        }
        if (axes.length == 1) {
            return axes[0];
        }
        List<Object> l = new ArrayList<>();
        for (int a : axes) {
            l.add(a);
        }
        return l;
    }

    /** The reduction from a config: absent means the default, JSON null means "none". */
    static String reduction(ConfigMap c) {
        if (!c.asMap().containsKey("reduction")) {
            return Loss.SUM_OVER_BATCH_SIZE;
        }
        Object r = c.get("reduction");
        return r == null ? Loss.NONE : c.getString("reduction", Loss.SUM_OVER_BATCH_SIZE);
    }

    /** Sums over {@code axes} (all when null). */
    static Tensor sum(Tensor x, int[] axes) {
        return axes == null ? x.sum() : x.sum(axes, false);
    }

    /** Keras's {@code convert_binary_labels_to_hinge}: 0/1 labels become -1/1; other labels are kept. */
    static Tensor hingeLabels(Tensor yTrue) {
        double[] v = yTrue.toDoubleArray();
        for (double x : v) {
            if (x != 0 && x != 1) {
                return yTrue;
            }
        }
        return yTrue.mul(2.0).sub(1.0);
    }
}
