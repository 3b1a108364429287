package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;

/**
 * Adamax: Adam with the infinity norm (Keras {@code keras.optimizers.Adamax}, Kingma and Ba
 * 2014, section 7). With {@code t = iterations + 1}:
 * <pre>
 * m = m + (g - m) * (1 - beta_1)
 * u = max(beta_2 * u, |g|)
 * w = w - learning_rate * m / ((1 - beta_1^t) * (u + epsilon))
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_1} (0.9); {@code beta_2}
 * (0.999); {@code epsilon} (1e-7); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_momentum}, {@code <var>_norm} per variable.
 *
 * <p>Example: {@code new Adamax(2e-3)}.
 */
public class Adamax extends MomentOptimizer {
    private float[][] momentums;
    private float[][] norms;
    private float oneMinusBeta1Power;

    /** Keras defaults. */
    public Adamax() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Adamax(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Adamax(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** From a Keras config. */
    public Adamax(ConfigMap config) {
        super(config, 0.001);
    }

    @Override
    public String className() {
        return "Adamax";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"momentum", "norm"}, null);
        momentums = s[0];
        norms = s[1];
    }

    @Override
    protected void beforeUpdates(float lr, long iterations) {
        oneMinusBeta1Power = 1f - powf((float) beta1, (float) (iterations + 1));
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float[] m = momentums[index];
        float[] u = norms[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float mj = m[j] + (gj - m[j]) * c1;
            m[j] = mj;
            float uj = Math.max(b2 * u[j], Math.abs(gj));
            u[j] = uj;
            w[j] = w[j] - (lr * mj) / (oneMinusBeta1Power * (uj + eps));
        }
    }
}
