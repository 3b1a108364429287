package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Poisson loss, {@code mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)}: the negative log-likelihood of
 * counts {@code y_true} under a Poisson rate {@code y_pred} (up to a constant).
 *
 * <p>Config: {@code name} (default {@code "poisson"}), {@code reduction}.
 */
public class Poisson extends Loss {
    /** With the default name and reduction. */
    public Poisson() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "poisson"})
     * @param reduction see {@link Loss}
     */
    public Poisson(String name, String reduction) {
        super(name, reduction, "poisson");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        return y.sub(t.mul(y.add(LossUtils.EPSILON).log())).mean(-1);
    }
}
