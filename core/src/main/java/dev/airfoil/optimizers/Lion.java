package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Lion: evolved sign momentum (Keras {@code keras.optimizers.Lion}, Chen et al. 2023). The
 * update has the same magnitude for every element, so Lion usually wants a 3-10 times smaller
 * learning rate than Adam.
 * <pre>
 * w = w - learning_rate * sign(beta_1 * m + (1 - beta_1) * g)
 * m = beta_2 * m + (1 - beta_2) * g
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_1} (0.9, in (0, 1]);
 * {@code beta_2} (0.99); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_momentum}.
 *
 * <p>Example: {@code new Lion(1e-4)}.
 */
public class Lion extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.99;
    private float[][] momentums;

    /** Keras defaults. */
    public Lion() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Lion(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Lion(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Lion(double learningRate, double beta1, double beta2) {
        super(learningRate);
        this.beta1 = check(beta1);
        this.beta2 = beta2;
    }

    /** From a Keras config. */
    public Lion(ConfigMap config) {
        super(config, 0.001, "beta_1", "beta_2");
        this.beta1 = check(config.getDouble("beta_1", 0.9));
        this.beta2 = config.getDouble("beta_2", 0.99);
    }

    private static double check(double beta1) {
        if (beta1 <= 0 || beta1 > 1) {
            throw new IllegalArgumentException("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                    + "degenerates to SignSGD. Received: beta_1=" + beta1 + ".");
        }
        return beta1;
    }

    @Override
    public String className() {
        return "Lion";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        momentums = addSlots(vars, "momentum");
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        float[] m = momentums[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            w[j] = w[j] - lr * Math.signum(m[j] * b1 + gj * c1);
            m[j] = m[j] * b2 + gj * c2;
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
    }
}
