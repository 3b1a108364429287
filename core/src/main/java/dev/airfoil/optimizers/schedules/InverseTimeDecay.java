package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

/**
 * A schedule with inverse-time decay (Keras {@code InverseTimeDecay}):
 * {@code initial_learning_rate / (1 + decay_rate * step / decay_steps)}, with
 * {@code floor(step / decay_steps)} when {@code staircase} is true.
 *
 * <p>Arguments: {@code initial_learning_rate}; {@code decay_steps} (positive); {@code decay_rate};
 * {@code staircase} (default false); {@code name} (default {@code "InverseTimeDecay"}).
 *
 * <p>Example: {@code new InverseTimeDecay(0.1, 1.0, 0.5)} gives {@code 0.1 / (1 + 0.5 t)}.
 */
public final class InverseTimeDecay extends RateDecay {
    /** A continuous inverse-time decay. */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, null);
    }

    /** An inverse-time decay; {@code name} null for the default. */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase, String name) {
        super(initialLearningRate, decaySteps, decayRate, staircase, name, "InverseTimeDecay");
    }

    /** From a Keras config. */
    public InverseTimeDecay(ConfigMap c) {
        super(c, "InverseTimeDecay");
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float p = progress(step);
        float denom = 1f + (float) decayRate * p;
        return lr0 / denom;
    }

    @Override
    public String className() {
        return "InverseTimeDecay";
    }
}
