package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Huber loss: quadratic for small errors and linear for large ones,
 * {@code mean(where(|e| <= delta, 0.5 * e^2, delta * |e| - 0.5 * delta^2), axis=-1)} with {@code e = y_pred - y_true}.
 *
 * <p>Arguments: {@code delta} (default 1.0), the point where the loss changes from quadratic to linear.
 *
 * <p>Config: {@code name} (default {@code "huber_loss"}), {@code reduction}, and {@code delta} when it is not
 * 1.0 (Keras 3 omits {@code delta} from the config and so loses it on a round trip; Airfoil keeps it).
 */
public class Huber extends Loss {
    private final double delta;

    /** {@code delta = 1.0}. */
    public Huber() {
        this(1.0);
    }

    /** @param delta the quadratic-to-linear switch point */
    public Huber(double delta) {
        this(delta, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param delta     the quadratic-to-linear switch point
     * @param name      the loss name (null for {@code "huber_loss"})
     * @param reduction see {@link Loss}
     */
    public Huber(double delta, String name, String reduction) {
        super(name, reduction, "huber_loss");
        this.delta = delta;
    }

    /** The switch point. */
    public double delta() {
        return delta;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.align(className(), yTrue, yPred);
        Tensor err = p[1].sub(p[0]);
        Tensor abs = err.abs();
        Tensor quadratic = err.square().mul(0.5);
        Tensor linear = abs.mul(delta).sub(0.5 * delta * delta);
        return Tensor.where(abs.le(delta), quadratic, linear).mean(-1);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        if (delta != 1.0) {
            config.put("delta", delta);
        }
    }
}
