package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

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
public final class InverseTimeDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private final boolean staircase;
    private final String name;

    /** A continuous inverse-time decay. */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, null);
    }

    /** An inverse-time decay; {@code name} null for the default. */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = positive("decay_steps", decaySteps);
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = name == null ? "InverseTimeDecay" : name;
    }

    /** From a Keras config. */
    public InverseTimeDecay(ConfigMap c) {
        this(c.getDouble("initial_learning_rate", Double.NaN), c.getDouble("decay_steps", Double.NaN),
                c.getDouble("decay_rate", Double.NaN), c.getBoolean("staircase", false), c.getString("name", null));
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float p = (float) step / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        float denom = 1f + (float) decayRate * p;
        return lr0 / denom;
    }

    @Override
    public String className() {
        return "InverseTimeDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "decay_steps", stepNumber(decaySteps),
                "decay_rate", decayRate, "staircase", staircase, "name", name);
    }
}
