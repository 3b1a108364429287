package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Tversky loss (Salehi et al., 2017), a Dice loss that weighs false positives by {@code alpha} and false
 * negatives by {@code beta}: {@code 1 - TP / (TP + alpha * FP + beta * FN + epsilon)} with
 * {@code TP = sum(y_true * y_pred)}, {@code FP = sum((1 - y_pred) * y_true)},
 * {@code FN = sum(y_pred * (1 - y_true))} over {@code axis} (Keras's naming of FP/FN, kept).
 *
 * <p>Arguments: {@code alpha} (0.5), {@code beta} (0.5) — with both 0.5 it equals {@link Dice};
 * {@code axis} (null: all axes).
 */
public class Tversky extends Loss {
    private final double alpha;
    private final double beta;
    private final int[] axis;

    /** alpha = beta = 0.5, all axes. */
    public Tversky() {
        this(0.5, 0.5, null);
    }

    /**
     * @param alpha the false-positive weight
     * @param beta  the false-negative weight
     * @param axis  the axes to sum over (null for all)
     */
    public Tversky(double alpha, double beta, int[] axis) {
        this(alpha, beta, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param alpha     the false-positive weight
     * @param beta      the false-negative weight
     * @param axis      the axes to sum over (null for all)
     * @param name      the loss name (null for {@code "tversky"})
     * @param reduction see {@link Loss}
     */
    public Tversky(double alpha, double beta, int[] axis, String name, String reduction) {
        super(name, reduction, "tversky");
        this.alpha = alpha;
        this.beta = beta;
        this.axis = axis == null ? null : axis.clone();
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor inter = LossUtils.sum(t.mul(y), axis);
        Tensor fp = LossUtils.sum(y.neg().add(1.0).mul(t), axis);
        Tensor fn = LossUtils.sum(y.mul(t.neg().add(1.0)), axis);
        Tensor denom = inter.add(fp.mul(alpha)).add(fn.mul(beta)).add(LossUtils.EPSILON);
        return inter.div(denom).neg().add(1.0);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("alpha", alpha);
        config.put("beta", beta);
        config.put("axis", LossUtils.axisConfig(axis));
    }
}
