package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Categorical hinge loss, {@code maximum(neg - pos + 1, 0)} with {@code pos = sum(y_true * y_pred, -1)} and
 * {@code neg = max((1 - y_true) * y_pred, -1)}; {@code y_true} is one-hot (or {-1, 1}).
 *
 * <p>Config: {@code name} (default {@code "categorical_hinge"}), {@code reduction}.
 */
public class CategoricalHinge extends Loss {
    /** With the default name and reduction. */
    public CategoricalHinge() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "categorical_hinge"})
     * @param reduction see {@link Loss}
     */
    public CategoricalHinge(String name, String reduction) {
        super(name, reduction, "categorical_hinge");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor pos = t.mul(y).sum(-1);
        Tensor neg = t.neg().add(1.0).mul(y).max(new int[] {-1}, false);
        return neg.sub(pos).add(1.0).maximum(0.0);
    }
}
