package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * A cosine decay with warm restarts (Keras {@code CosineDecayRestarts}, SGDR, Loshchilov and
 * Hutter 2016): the multiplier decays from 1 to {@code alpha} over {@code first_decay_steps},
 * then restarts; each period lasts {@code t_mul} times longer than the previous one and starts
 * at {@code m_mul} times its initial rate.
 *
 * <p>Arguments: {@code initial_learning_rate}; {@code first_decay_steps} (positive);
 * {@code t_mul} (default 2.0); {@code m_mul} (default 1.0); {@code alpha} (default 0.0);
 * {@code name} (default {@code "SGDRDecay"}).
 *
 * <p>Example: {@code new CosineDecayRestarts(0.1, 1000)}.
 */
public final class CosineDecayRestarts extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double firstDecaySteps;
    private final double tMul;
    private final double mMul;
    private final double alpha;
    private final String name;

    /** Restarts with the defaults {@code t_mul = 2}, {@code m_mul = 1}, {@code alpha = 0}. */
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0, null);
    }

    /** Restarts; {@code name} null for the default. */
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul, double mMul,
            double alpha, String name) {
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = positive("first_decay_steps", firstDecaySteps);
        this.tMul = tMul;
        this.mMul = mMul;
        this.alpha = alpha;
        this.name = name == null ? "SGDRDecay" : name;
    }

    /** From a Keras config. */
    public CosineDecayRestarts(ConfigMap c) {
        this(c.getDouble("initial_learning_rate", Double.NaN), c.getDouble("first_decay_steps", Double.NaN),
                c.getDouble("t_mul", 2.0), c.getDouble("m_mul", 1.0), c.getDouble("alpha", 0.0),
                c.getString("name", null));
    }

    @Override
    public double call(long step) {
        float lr0 = (float) initialLearningRate;
        float fds = (float) firstDecaySteps;
        float a = (float) alpha;
        float t = (float) tMul;
        float m = (float) mMul;
        float fraction = (float) step / fds;
        float restart;
        if (t == 1f) {
            restart = (float) Math.floor(fraction);
            fraction = fraction - restart;
        } else {
            float oneMinusT = 1f - t;
            float ratio = (float) Math.log(1f - fraction * oneMinusT) / (float) Math.log(t);
            restart = (float) Math.floor(ratio);
            float tPow = (float) Math.pow(t, restart);
            float sumR = (1f - tPow) / oneMinusT;
            fraction = (fraction - sumR) / tPow;
        }
        float mFac = (float) Math.pow(m, restart);
        float pi = (float) Math.PI;
        float cosineDecayed = 0.5f * mFac * (1f + (float) Math.cos(pi * fraction));
        float decayed = (1f - a) * cosineDecayed + a;
        return lr0 * decayed;
    }

    @Override
    public String className() {
        return "CosineDecayRestarts";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("initial_learning_rate", initialLearningRate, "first_decay_steps", stepNumber(firstDecaySteps),
                "t_mul", tMul, "m_mul", mMul, "alpha", alpha, "name", name);
    }
}
