package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Dice loss, {@code 1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred) + epsilon)}, with the sums
 * over {@code axis}.
 *
 * <p>Arguments: {@code axis} (default null): the axes summed over; null sums over everything, so the
 * per-sample value is one scalar for the whole batch (sample weights then scale that scalar per sample,
 * as in Keras); {@code axis=[1, 2, 3]} on images gives one value per sample.
 */
public class Dice extends Loss {
    private final int[] axis;

    /** Sums over all axes. */
    public Dice() {
        this(null);
    }

    /** @param axis the axes to sum over (null for all) */
    public Dice(int[] axis) {
        this(axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param axis      the axes to sum over (null for all)
     * @param name      the loss name (null for {@code "dice"})
     * @param reduction see {@link Loss}
     */
    public Dice(int[] axis, String name, String reduction) {
        super(name, reduction, "dice");
        this.axis = axis == null ? null : axis.clone();
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor inter = LossUtils.sum(t.mul(y), axis);
        Tensor denom = LossUtils.sum(t, axis).add(LossUtils.sum(y, axis)).add(LossUtils.EPSILON);
        return inter.mul(2.0).div(denom).neg().add(1.0);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("axis", LossUtils.axisConfig(axis));
    }
}
