package dev.airfoil.optimizers;

import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Base of the Adam family ({@link Adam}, {@link Adamax}, {@link Nadam}, {@link Lamb}): holds the
 * hyperparameters {@code beta_1} (default 0.9), {@code beta_2} (0.999) and {@code epsilon} (1e-7) they
 * share, reads them from a Keras config and writes them back.
 */
abstract class MomentOptimizer extends Optimizer {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7;

    /** Defaults with the given learning rate. */
    MomentOptimizer(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    MomentOptimizer(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** The given learning rate and moment hyperparameters. */
    MomentOptimizer(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /**
     * From a Keras config.
     *
     * @param config              the config
     * @param defaultLearningRate the learning rate when the config has none
     * @param moreKeys            the subclass's own keys beyond {@code beta_1}, {@code beta_2}, {@code epsilon}
     */
    MomentOptimizer(ConfigMap config, double defaultLearningRate, String... moreKeys) {
        super(config, defaultLearningRate, ownKeys(moreKeys));
        this.beta1 = config.getDouble("beta_1", 0.9);
        this.beta2 = config.getDouble("beta_2", 0.999);
        this.epsilon = config.getDouble("epsilon", 1e-7);
    }

    private static String[] ownKeys(String... moreKeys) {
        String[] keys = new String[3 + moreKeys.length];
        keys[0] = "beta_1";
        keys[1] = "beta_2";
        keys[2] = "epsilon";
        System.arraycopy(moreKeys, 0, keys, 3, moreKeys.length);
        return keys;
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }
}
