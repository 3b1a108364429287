package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;

/**
 * LAMB: layer-wise adaptive large-batch optimisation (Keras {@code keras.optimizers.Lamb}, You et
 * al. 2019): the Adam direction, rescaled per variable by the trust ratio
 * {@code ||w|| / ||update||}. With {@code t = iterations + 1}:
 * <pre>
 * m = m + (g - m) * (1 - beta_1);  v = v + (g^2 - v) * (1 - beta_2)
 * update = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + epsilon)
 * ratio = ||w|| / ||update||   (1 when either norm is 0)
 * w = w - ratio * learning_rate * update
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_1} (0.9); {@code beta_2}
 * (0.999); {@code epsilon} (1e-7); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_momentum}, {@code <var>_velocity} per variable.
 *
 * <p>Example: {@code new Lamb(1e-3)}.
 */
public class Lamb extends MomentOptimizer {
    private float[][] momentums;
    private float[][] velocities;
    private float oneMinusB1p;
    private float oneMinusB2p;

    /** Keras defaults. */
    public Lamb() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Lamb(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Lamb(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Lamb(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** From a Keras config. */
    public Lamb(ConfigMap config) {
        super(config, 0.001);
    }

    @Override
    public String className() {
        return "Lamb";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"momentum", "velocity"}, null);
        momentums = s[0];
        velocities = s[1];
    }

    @Override
    protected void beforeUpdates(float lr, long iterations) {
        float t = iterations + 1;
        oneMinusB1p = 1f - powf((float) beta1, t);
        oneMinusB2p = 1f - powf((float) beta2, t);
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float[] m = momentums[index];
        float[] v = velocities[index];
        double wSq = 0;
        double uSq = 0;
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float mj = m[j] + (gj - m[j]) * c1;
            float vj = v[j] + (gj * gj - v[j]) * c2;
            m[j] = mj;
            v[j] = vj;
            float u = (mj / oneMinusB1p) / ((float) Math.sqrt(vj / oneMinusB2p) + eps);
            uSq += (double) u * u;
            wSq += (double) w[j] * w[j];
        }
        float wNorm = (float) Math.sqrt((float) wSq);
        float uNorm = (float) Math.sqrt((float) uSq);
        float ratio = wNorm > 0 ? (uNorm > 0 ? wNorm / uNorm : 1f) : 1f;
        float scale = ratio * lr;
        for (int j = 0; j < w.length; j++) {
            float u = (m[j] / oneMinusB1p) / ((float) Math.sqrt(v[j] / oneMinusB2p) + eps);
            w[j] = w[j] - scale * u;
        }
    }
}
