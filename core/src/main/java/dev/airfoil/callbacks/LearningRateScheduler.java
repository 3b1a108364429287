package dev.airfoil.callbacks;

import dev.airfoil.optimizers.Optimizer;

import java.io.PrintStream;
import java.util.Map;

/**
 * Sets the learning rate at the start of every epoch from a function of the epoch and the current
 * rate ({@code keras.callbacks.LearningRateScheduler}). Every epoch end records the rate in the logs
 * as {@code learning_rate}.
 *
 * <pre>{@code
 * // keep the rate for 10 epochs, then decay it exponentially
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * }</pre>
 */
public class LearningRateScheduler extends Callback {
    /** A schedule: the new learning rate from the epoch index (0-based) and the current learning rate. */
    @FunctionalInterface
    public interface Schedule {
        /** The learning rate for {@code epoch}. */
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private final int verbose;
    private PrintStream out = System.out;

    /** A silent scheduler. */
    public LearningRateScheduler(Schedule schedule) {
        this(schedule, 0);
    }

    /** A scheduler; verbose 1 prints every change. */
    public LearningRateScheduler(Schedule schedule, int verbose) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule must not be null");
        }
        this.schedule = schedule;
        this.verbose = verbose;
    }

    /** Where verbose messages go (default {@code System.out}). */
    public LearningRateScheduler out(PrintStream out) {
        this.out = out;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = model().optimizer();
        double lr = schedule.apply(epoch, optimizer.learningRate());
        if (Double.isNaN(lr)) {
            throw new IllegalArgumentException("The output of the `schedule` function should be a float. Got: nan");
        }
        optimizer.setLearningRate(lr);
        if (verbose > 0) {
            out.print("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + PyFormat.repr(lr) + ".\n");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Logs.put(logs, "learning_rate", model().optimizer().learningRate());
    }
}
