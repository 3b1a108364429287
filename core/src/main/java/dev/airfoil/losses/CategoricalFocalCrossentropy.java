package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alpha-balanced focal cross-entropy for one-hot labels (Lin et al., 2018):
 * {@code sum(alpha * (1 - p)^gamma * -y_true * log(p), axis)}, where {@code p} are the predicted
 * probabilities normalized over {@code axis} and clipped to {@code [1e-7, 1 - 1e-7]}.
 *
 * <p>Arguments: {@code alpha} (default 0.25; a scalar or one weight per class), {@code gamma} (2.0),
 * {@code from_logits} (false; logits go through a softmax first), {@code label_smoothing} (0),
 * {@code axis} (-1).
 */
public class CategoricalFocalCrossentropy extends Loss {
    private final double[] alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** Keras's defaults: alpha 0.25, gamma 2, probabilities. */
    public CategoricalFocalCrossentropy() {
        this(new double[] {0.25}, 2.0, false, 0.0, -1);
    }

    /**
     * @param alpha          one weight for all classes, or one per class
     * @param gamma          the focusing parameter
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the class axis
     */
    public CategoricalFocalCrossentropy(double[] alpha, double gamma, boolean fromLogits, double labelSmoothing,
            int axis) {
        this(alpha, gamma, fromLogits, labelSmoothing, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * The full constructor; {@code name} null means {@code "categorical_focal_crossentropy"}.
     *
     * @param alpha          one weight for all classes, or one per class
     * @param gamma          the focusing parameter
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the class axis
     * @param name           the loss name
     * @param reduction      see {@link Loss}
     */
    public CategoricalFocalCrossentropy(double[] alpha, double gamma, boolean fromLogits, double labelSmoothing,
            int axis, String name, String reduction) {
        super(name, reduction, "categorical_focal_crossentropy");
        if (alpha == null || alpha.length == 0) {
            throw new IllegalArgumentException("CategoricalFocalCrossentropy: alpha must be a number or a list of"
                    + " per-class weights");
        }
        this.alpha = alpha.clone();
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
        this.axis = axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        LossUtils.requireSameShape(className(), p[0], p[1]);
        Tensor t = CategoricalCrossentropy.smooth(p[0], labelSmoothing);
        Tensor y = fromLogits ? p[1].softmax(axis) : p[1];
        Tensor out = LossUtils.clipProbabilities(CategoricalCrossentropy.normalize(y, axis));
        Tensor cce = t.neg().mul(out.log());
        Tensor factor = out.neg().add(1.0).pow(gamma);
        if (alpha.length == 1) {
            factor = factor.mul(alpha[0]);
        } else {
            int classes = y.dim(axis);
            if (alpha.length != classes) {
                throw new IllegalArgumentException("CategoricalFocalCrossentropy: alpha has " + alpha.length
                        + " weights but y_pred has " + classes + " classes on axis " + axis
                        + "; give one alpha per class or a single number");
            }
            // Per-class weights broadcast along the last axis, as Keras's multiply does.
            factor = factor.mul(LossUtils.as(Tensor.of(alpha, classes), factor.dtype()));
        }
        return factor.mul(cce).sum(axis);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        if (alpha.length == 1) {
            config.put("alpha", alpha[0]);
        } else {
            List<Object> l = new ArrayList<>();
            for (double a : alpha) {
                l.add(a);
            }
            config.put("alpha", l);
        }
        config.put("gamma", gamma);
    }
}
