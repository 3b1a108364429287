package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Cross-entropy between binary (0 or 1) labels and predicted probabilities or logits, averaged over
 * {@code axis}: {@code mean(-(y * log(p) + (1 - y) * log(1 - p)), axis)}.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code from_logits} (default false): whether {@code y_pred} holds logits. Logits are handled with
 *       the stable {@code y * softplus(-x) + (1 - y) * softplus(x)}; probabilities are clipped to
 *       {@code [1e-7, 1 - 1e-7]} before the logarithm, as in Keras.</li>
 *   <li>{@code label_smoothing} (default 0): labels become {@code y * (1 - s) + 0.5 * s}.</li>
 *   <li>{@code axis} (default -1): the axis the mean is taken over.</li>
 * </ul>
 *
 * <p>Shapes: {@code y_true} and {@code y_pred} must match after a trailing size-1 axis is added or removed,
 * e.g. {@code (batch,)} labels with {@code (batch, 1)} predictions. Note Keras's convention that for
 * rank-1 inputs the mean over the last axis makes the per-sample value a single scalar for the batch.
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy(true, 0.0, -1);   // from logits
 * Tensor loss = bce.compute(labels, logits);
 * }</pre>
 */
public class BinaryCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** From probabilities, no smoothing, {@code axis=-1}. */
    public BinaryCrossentropy() {
        this(false, 0.0, -1);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the axis to average over
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
        this(fromLogits, labelSmoothing, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the axis to average over
     * @param name           the loss name (null for {@code "binary_crossentropy"})
     * @param reduction      see {@link Loss}
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis, String name, String reduction) {
        super(name, reduction, "binary_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = checkSmoothing(labelSmoothing);
        this.axis = axis;
    }

    static double checkSmoothing(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 1], got " + s);
        }
        return s;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The axis averaged over. */
    public int axis() {
        return axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        LossUtils.requireSameShape(className(), p[0], p[1]);
        Tensor t = smooth(p[0], labelSmoothing);
        return elementwise(t, p[1], fromLogits).mean(axis);
    }

    /** Binary label smoothing: labels squeezed towards 0.5 by {@code s}. */
    static Tensor smooth(Tensor t, double s) {
        return s == 0 ? t : t.mul(1.0 - s).add(0.5 * s);
    }

    /** Element-wise binary cross-entropy as Keras's backend {@code binary_crossentropy}. */
    static Tensor elementwise(Tensor t, Tensor y, boolean fromLogits) {
        if (fromLogits) {
            return t.mul(y.neg().softplus()).add(t.neg().add(1.0).mul(y.softplus()));
        }
        Tensor c = LossUtils.clipProbabilities(y);
        return t.mul(c.log()).add(t.neg().add(1.0).mul(c.neg().add(1.0).log())).neg();
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }
}
