package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

/**
 * A schedule that decays the learning rate exponentially (Keras {@code ExponentialDecay}):
 * {@code initial_learning_rate * decay_rate ^ (step / decay_steps)}, with an integer division
 * when {@code staircase} is true.
 *
 * <p>Arguments: {@code initial_learning_rate}; {@code decay_steps} (positive); {@code decay_rate};
 * {@code staircase} (default false); {@code name} (default {@code "ExponentialDecay"}).
 *
 * <p>Example: {@code new ExponentialDecay(0.1, 100000, 0.96, true, null)} decays by 4% every
 * 100000 steps.
 */
public final class ExponentialDecay extends RateDecay {
    /** A continuous exponential decay. */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, null);
    }

    /** An exponential decay; {@code name} null for the default. */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase, String name) {
        super(initialLearningRate, decaySteps, decayRate, staircase, name, "ExponentialDecay");
    }

    /** From a Keras config. */
    public ExponentialDecay(ConfigMap c) {
        super(c, "ExponentialDecay");
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float p = progress(step);
        return lr0 * (float) Math.pow((float) decayRate, p);
    }

    @Override
    public String className() {
        return "ExponentialDecay";
    }
}
