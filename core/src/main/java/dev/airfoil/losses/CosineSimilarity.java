package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Negative cosine similarity between labels and predictions, {@code -sum(l2_normalize(y_true) *
 * l2_normalize(y_pred), axis)}: a number in [-1, 1] where -1 means the vectors point the same way, so
 * minimizing it maximizes similarity. A zero vector gives 0.
 *
 * <p>Arguments: {@code axis} (default -1), the feature axis.
 *
 * <p>L2 normalization divides by {@code sqrt(max(sum(x^2), epsilon^2))}, which equals Keras's
 * {@code x * min(rsqrt(sum(x^2)), 1/epsilon)} in value, but has a finite gradient at a zero vector
 * where Keras's is NaN.
 *
 * <p>Config: {@code name} (default {@code "cosine_similarity"}), {@code reduction}, and {@code axis} when it
 * is not -1 (Keras 3 omits it).
 */
public class CosineSimilarity extends Loss {
    private final int axis;

    /** {@code axis = -1}. */
    public CosineSimilarity() {
        this(-1);
    }

    /** @param axis the feature axis */
    public CosineSimilarity(int axis) {
        this(axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param axis      the feature axis
     * @param name      the loss name (null for {@code "cosine_similarity"})
     * @param reduction see {@link Loss}
     */
    public CosineSimilarity(int axis, String name, String reduction) {
        super(name, reduction, "cosine_similarity");
        this.axis = axis;
    }

    /** The feature axis. */
    public int axis() {
        return axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        return l2Normalize(p[0], axis).mul(l2Normalize(p[1], axis)).sum(axis).neg();
    }

    /** {@code x / sqrt(max(sum(x^2, axis), epsilon^2))}. */
    public static Tensor l2Normalize(Tensor x, int axis) {
        Tensor ss = x.square().sum(new int[] {axis}, true);
        return x.div(ss.maximum(LossUtils.EPSILON * LossUtils.EPSILON).sqrt());
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        if (axis != -1) {
            config.put("axis", axis);
        }
    }
}
