package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Hinge loss, {@code mean(maximum(1 - y_true * y_pred, 0), axis=-1)}. Labels are expected in {@code {-1, 1}};
 * if every label is 0 or 1 they are first mapped to -1 / 1, as Keras does.
 *
 * <p>Config: {@code name} (default {@code "hinge"}), {@code reduction}.
 */
public class Hinge extends Loss {
    /** With the default name and reduction. */
    public Hinge() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "hinge"})
     * @param reduction see {@link Loss}
     */
    public Hinge(String name, String reduction) {
        super(name, reduction, "hinge");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = LossUtils.hingeLabels(p[0]);
        Tensor y = p[1];
        return t.mul(y).neg().add(1.0).maximum(0.0).mean(-1);
    }
}
