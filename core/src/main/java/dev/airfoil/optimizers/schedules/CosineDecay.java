package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * A cosine decay with optional linear warmup (Keras {@code CosineDecay}, SGDR without restarts).
 *
 * <p>Without warmup ({@code warmup_target} null): for {@code s = min(step, decay_steps)},
 * {@code lr = initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) + alpha)}. With a
 * {@code warmup_target}, the rate first rises linearly from {@code initial_learning_rate} to
 * {@code warmup_target} over {@code warmup_steps}, then decays from {@code warmup_target} as above
 * over the next {@code decay_steps}.
 *
 * <p>Arguments: {@code initial_learning_rate}; {@code decay_steps} (positive); {@code alpha}
 * (minimum as a fraction, default 0); {@code name} (default {@code "CosineDecay"});
 * {@code warmup_target} (default null); {@code warmup_steps} (default 0).
 *
 * <p>Example: {@code new CosineDecay(0.0, 1000, 0.0, null, 0.1, 1000)} warms up to 0.1 in 1000
 * steps, then decays to 0 in 1000 more.
 */
public final class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double alpha;
    private final String name;
    private final Double warmupTarget;
    private final double warmupSteps;

    /** A cosine decay to 0 without warmup. */
    public CosineDecay(double initialLearningRate, double decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, null, 0);
    }

    /** A cosine decay; {@code name} null for the default, {@code warmupTarget} null for no warmup. */
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha, String name, Double warmupTarget,
            double warmupSteps) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = positive("decay_steps", decaySteps);
        this.alpha = alpha;
        this.name = name == null ? "CosineDecay" : name;
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    /** From a Keras config. */
    public CosineDecay(ConfigMap c) {
        this(c.getDouble("initial_learning_rate", Double.NaN), c.getDouble("decay_steps", Double.NaN),
                c.getDouble("alpha", 0.0), c.getString("name", null), c.getDoubleOrNull("warmup_target"),
                c.getDouble("warmup_steps", 0));
    }

    private float decay(float step, float steps, float from) {
        float fraction = step / steps;
        float pi = (float) Math.PI;
        float cosineDecayed = 0.5f * (1f + (float) Math.cos(pi * fraction));
        float decayed = (float) (1 - alpha) * cosineDecayed + (float) alpha;
        return from * decayed;
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float ds = (float) decaySteps;
        float s = (float) step;
        if (warmupTarget == null) {
            return decay(Math.min(s, ds), ds, lr0);
        }
        float target = (float) (double) warmupTarget;
        float ws = (float) warmupSteps;
        s = Math.min(s, ds + ws);
        if (s < ws) {
            float fraction = s / ws;
            float delta = target - lr0;
            return delta * fraction + lr0;
        }
        return decay(s - ws, ds, target);
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "decay_steps", stepNumber(decaySteps),
                "alpha", alpha, "name", name, "warmup_target", warmupTarget, "warmup_steps", stepNumber(warmupSteps));
    }
}
