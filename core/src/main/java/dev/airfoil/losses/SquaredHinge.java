package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Squared hinge loss, {@code mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)}. Labels in
 * {@code {0, 1}} are mapped to -1 / 1 first, as Keras does.
 *
 * <p>Config: {@code name} (default {@code "squared_hinge"}), {@code reduction}.
 */
public class SquaredHinge extends Loss {
    /** With the default name and reduction. */
    public SquaredHinge() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "squared_hinge"})
     * @param reduction see {@link Loss}
     */
    public SquaredHinge(String name, String reduction) {
        super(name, reduction, "squared_hinge");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = LossUtils.hingeLabels(p[0]);
        Tensor y = p[1];
        return t.mul(y).neg().add(1.0).maximum(0.0).square().mean(-1);
    }
}
