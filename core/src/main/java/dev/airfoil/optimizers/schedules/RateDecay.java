package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Base of {@link ExponentialDecay} and {@link InverseTimeDecay}: the arguments {@code initial_learning_rate},
 * {@code decay_steps} (positive), {@code decay_rate}, {@code staircase} and {@code name} they share, their
 * config, and the decay progress {@code step / decay_steps} (floored when {@code staircase}).
 */
abstract class RateDecay extends LearningRateSchedule {
    final double initialLearningRate;
    final double decaySteps;
    final double decayRate;
    private final boolean staircase;
    private final String name;

    RateDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase, String name,
            String defaultName) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = positive("decay_steps", decaySteps);
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = name == null ? defaultName : name;
    }

    /** From a Keras config. */
    RateDecay(ConfigMap c, String defaultName) {
        this(c.getDouble("initial_learning_rate", Double.NaN), c.getDouble("decay_steps", Double.NaN),
                c.getDouble("decay_rate", Double.NaN), c.getBoolean("staircase", false), c.getString("name", null),
                defaultName);
    }

    /** {@code step / decay_steps} in float32, floored when {@code staircase}. */
    float progress(long step) {
        float p = (float) step / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return p;
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "decay_steps", stepNumber(decaySteps),
                "decay_rate", decayRate, "staircase", staircase, "name", name);
    }
}
