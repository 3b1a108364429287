package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Cross-entropy between one-hot labels and predicted class probabilities or logits:
 * {@code -sum(y_true * log(p), axis)}.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code from_logits} (default false): logits use a stable log-softmax; probabilities are first
 *       divided by their sum over {@code axis} (so rows need not sum to 1) and clipped to
 *       {@code [1e-7, 1 - 1e-7]}, as in Keras.</li>
 *   <li>{@code label_smoothing} (default 0): labels become {@code y * (1 - s) + s / num_classes}, where
 *       {@code num_classes} is the size of the last axis.</li>
 *   <li>{@code axis} (default -1): the class axis.</li>
 * </ul>
 *
 * <p>Shapes: {@code y_true} and {@code y_pred} must both be {@code (batch, ..., num_classes)}. Integer
 * labels of shape {@code (batch,)} belong to {@link SparseCategoricalCrossentropy}; the error says so.
 */
public class CategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** From probabilities, no smoothing, {@code axis=-1}. */
    public CategoricalCrossentropy() {
        this(false, 0.0, -1);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the class axis
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
        this(fromLogits, labelSmoothing, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the class axis
     * @param name           the loss name (null for {@code "categorical_crossentropy"})
     * @param reduction      see {@link Loss}
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, String name,
            String reduction) {
        super(name, reduction, "categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
        this.axis = axis;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The class axis. */
    public int axis() {
        return axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        LossUtils.requireSameShape(className(), p[0], p[1]);
        Tensor t = smooth(p[0], labelSmoothing);
        return t.mul(logProbabilities(p[1], fromLogits, axis)).sum(axis).neg();
    }

    static Tensor smooth(Tensor t, double s) {
        return s == 0 ? t : t.mul(1.0 - s).add(s / t.dim(-1));
    }

    /** Log-probabilities as Keras's backend: log-softmax of logits, or log of normalized, clipped probabilities. */
    static Tensor logProbabilities(Tensor y, boolean fromLogits, int axis) {
        if (fromLogits) {
            return y.logSoftmax(axis);
        }
        return LossUtils.clipProbabilities(normalize(y, axis)).log();
    }

    static Tensor normalize(Tensor y, int axis) {
        return y.div(y.sum(new int[] {axis}, true));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }
}
