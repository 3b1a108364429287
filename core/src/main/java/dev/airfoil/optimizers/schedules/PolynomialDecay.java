package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * A polynomial decay from {@code initial_learning_rate} to {@code end_learning_rate} over
 * {@code decay_steps} (Keras {@code PolynomialDecay}):
 * {@code (initial - end) * (1 - min(step, decay_steps) / decay_steps) ^ power + end}. With
 * {@code cycle}, {@code decay_steps} is replaced by the first multiple of it that is at least
 * {@code step} (and by {@code decay_steps} at step 0).
 *
 * <p>Arguments: {@code initial_learning_rate}; {@code decay_steps} (positive);
 * {@code end_learning_rate} (default 1e-4); {@code power} (default 1.0); {@code cycle} (default
 * false); {@code name} (default {@code "PolynomialDecay"}).
 *
 * <p>Example: {@code new PolynomialDecay(0.1, 10000, 0.01, 0.5, false, null)} decays from 0.1 to
 * 0.01 along a square root.
 */
public final class PolynomialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double endLearningRate;
    private final double power;
    private final boolean cycle;
    private final String name;

    /** A linear decay to 1e-4. */
    public PolynomialDecay(double initialLearningRate, double decaySteps) {
        this(initialLearningRate, decaySteps, 0.0001, 1.0, false, null);
    }

    /** A polynomial decay; {@code name} null for the default. */
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate, double power,
            boolean cycle, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = positive("decay_steps", decaySteps);
        this.endLearningRate = endLearningRate;
        this.power = power;
        this.cycle = cycle;
        this.name = name == null ? "PolynomialDecay" : name;
    }

    /** From a Keras config. */
    public PolynomialDecay(ConfigMap c) {
        this(c.getDouble("initial_learning_rate", Double.NaN), c.getDouble("decay_steps", Double.NaN),
                c.getDouble("end_learning_rate", 0.0001), c.getDouble("power", 1.0), c.getBoolean("cycle", false),
                c.getString("name", null));
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float end = (float) endLearningRate;
        float pw = (float) power;
        float s = (float) step;
        float ds = (float) decaySteps;
        if (cycle) {
            float multiplier = s == 0f ? 1f : (float) Math.ceil(s / (float) decaySteps);
            ds = ds * multiplier;
        } else {
            s = Math.min(s, ds);
        }
        float p = s / ds;
        return (lr0 - end) * (float) Math.pow(1f - p, pw) + end;
    }

    @Override
    public String className() {
        return "PolynomialDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "decay_steps", stepNumber(decaySteps),
                "end_learning_rate", endLearningRate, "power", power, "cycle", cycle, "name", name);
    }
}
