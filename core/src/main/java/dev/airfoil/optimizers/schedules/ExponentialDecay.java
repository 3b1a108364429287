package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

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
public final class ExponentialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private final boolean staircase;
    private final String name;

    /** A continuous exponential decay. */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, null);
    }

    /** An exponential decay; {@code name} null for the default. */
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = positive("decay_steps", decaySteps);
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = name == null ? "ExponentialDecay" : name;
    }

    /** From a Keras config. */
    public ExponentialDecay(ConfigMap c) {
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
        return lr0 * (float) Math.pow((float) decayRate, p);
    }

    @Override
    public String className() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "decay_steps", stepNumber(decaySteps),
                "decay_rate", decayRate, "staircase", staircase, "name", name);
    }
}
