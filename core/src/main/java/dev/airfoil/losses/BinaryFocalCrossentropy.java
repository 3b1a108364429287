package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Binary focal cross-entropy (Lin et al., 2018): binary cross-entropy scaled by the focal factor
 * {@code (1 - p_t)^gamma}, with {@code p_t = y * p + (1 - y) * (1 - p)}, so that easy examples count less;
 * averaged over {@code axis}.
 *
 * <p>Arguments: {@code apply_class_balancing} (default false) also multiplies by {@code alpha} for class 1
 * and {@code 1 - alpha} for class 0; {@code alpha} (0.25); {@code gamma} (2.0); {@code from_logits} (false;
 * logits go through a sigmoid first); {@code label_smoothing} (0, towards 0.5); {@code axis} (-1).
 * Probabilities are clipped to {@code [1e-7, 1 - 1e-7]} inside the cross-entropy, as in Keras.
 */
public class BinaryFocalCrossentropy extends Loss {
    private final boolean applyClassBalancing;
    private final double alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** Keras's defaults: no class balancing, alpha 0.25, gamma 2, probabilities. */
    public BinaryFocalCrossentropy() {
        this(false, 0.25, 2.0, false, 0.0, -1);
    }

    /**
     * @param applyClassBalancing whether to weight class 1 by alpha and class 0 by 1 - alpha
     * @param alpha               the class-1 weight
     * @param gamma               the focusing parameter
     * @param fromLogits          whether predictions are logits
     * @param labelSmoothing      smoothing in [0, 1]
     * @param axis                the axis to average over
     */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
            double labelSmoothing, int axis) {
        this(applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * The full constructor; {@code name} null means {@code "binary_focal_crossentropy"}.
     *
     * @param applyClassBalancing whether to weight class 1 by alpha and class 0 by 1 - alpha
     * @param alpha               the class-1 weight
     * @param gamma               the focusing parameter
     * @param fromLogits          whether predictions are logits
     * @param labelSmoothing      smoothing in [0, 1]
     * @param axis                the axis to average over
     * @param name                the loss name
     * @param reduction           see {@link Loss}
     */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
            double labelSmoothing, int axis, String name, String reduction) {
        super(name, reduction, "binary_focal_crossentropy");
        this.applyClassBalancing = applyClassBalancing;
        this.alpha = alpha;
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
        this.axis = axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        LossUtils.requireSameShape(className(), p[0], p[1]);
        Tensor t = BinaryCrossentropy.smooth(p[0], labelSmoothing);
        Tensor y = fromLogits ? p[1].sigmoid() : p[1];
        Tensor bce = BinaryCrossentropy.elementwise(t, y, false);
        Tensor notT = t.neg().add(1.0);
        Tensor pt = t.mul(y).add(notT.mul(y.neg().add(1.0)));
        Tensor focal = pt.neg().add(1.0).pow(gamma).mul(bce);
        if (applyClassBalancing) {
            focal = t.mul(alpha).add(notT.mul(1.0 - alpha)).mul(focal);
        }
        return focal.mean(axis);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        config.put("apply_class_balancing", applyClassBalancing);
        config.put("alpha", alpha);
        config.put("gamma", gamma);
    }
}
