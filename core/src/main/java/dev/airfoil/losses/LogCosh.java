package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

/**
 * Logarithm of the hyperbolic cosine of the prediction error, {@code mean(log(cosh(y_pred - y_true)), axis=-1)},
 * computed stably as {@code x + softplus(-2x) - log(2)}. It behaves like {@code x^2 / 2} for small errors
 * and like {@code |x| - log(2)} for large ones.
 *
 * <p>Config: {@code name} (default {@code "log_cosh"}), {@code reduction}.
 */
public class LogCosh extends Loss {
    /** With the default name and reduction. */
    public LogCosh() {
        this(null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param name      the loss name (null for {@code "log_cosh"})
     * @param reduction see {@link Loss}
     */
    public LogCosh(String name, String reduction) {
        super(name, reduction, "log_cosh");
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor t = p[0];
        Tensor y = p[1];
        Tensor x = y.sub(t);
        return x.add(x.mul(-2.0).softplus()).sub(Math.log(2.0)).mean(-1);
    }
}
