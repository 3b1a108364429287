package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.Configurable;

/**
 * A learning rate that changes with the optimizer step (Keras
 * {@code keras.optimizers.schedules.LearningRateSchedule}).
 *
 * <p>Pass an instance as the learning rate of any optimizer; the optimizer calls
 * {@link #call(long)} with the number of updates made so far (0 for the first update).
 * Built-in schedules compute in float32 with Keras's operation order, so their values equal
 * Keras's bit for bit or within a float32 rounding.
 *
 * <p>Example:
 * <pre>{@code
 * var schedule = new ExponentialDecay(1e-2, 10000, 0.9);
 * var optimizer = new SGD(schedule);
 * }</pre>
 *
 * <p>A custom schedule subclasses this class, implements {@link #call(long)} and, to be saved,
 * {@link #getConfig()} plus a registration in {@link Schedules}.
 */
public abstract class LearningRateSchedule implements Configurable {
    /** The learning rate at optimizer step {@code step} (0-based). */
    public abstract double call(long step);

    @Override
    public String module() {
        return "keras.optimizers.schedules";
    }

    /** {@code Integer} for integral values (step counts are written as JSON integers), else the double. */
    static Object stepNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE) {
            return (int) v;
        }
        return v;
    }

    /** Throws unless {@code steps > 0}. */
    static double positive(String arg, double steps) {
        if (!(steps > 0)) {
            throw new IllegalArgumentException("Argument `" + arg + "` must be > 0. Received: " + arg + "=" + steps);
        }
        return steps;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
