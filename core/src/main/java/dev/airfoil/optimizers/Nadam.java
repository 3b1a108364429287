package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;

/**
 * Nadam: Adam with Nesterov momentum (Keras {@code keras.optimizers.Nadam}, Dozat 2015), with
 * the momentum schedule {@code u_t = beta_1 * (1 - 0.5 * 0.96^t)} and its running product kept
 * in a scalar variable ({@code u_product}, starting at 1 and multiplied by {@code u_t} once per
 * update). With {@code t = iterations + 1}:
 * <pre>
 * u_product = u_product * u_t
 * m = m + (g - m) * (1 - beta_1);  v = v + (g^2 - v) * (1 - beta_2)
 * m_hat = u_{t+1} * m / (1 - u_product * u_{t+1}) + (1 - u_t) * g / (1 - u_product)
 * v_hat = v / (1 - beta_2^t)
 * w = w - learning_rate * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_1} (0.9); {@code beta_2}
 * (0.999); {@code epsilon} (1e-7); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_momentum}, {@code <var>_velocity} per variable, then the scalar momentum product
 * (named {@code variable}, as in Keras).
 *
 * <p>Example: {@code new Nadam(1e-3)}.
 */
public class Nadam extends MomentOptimizer {
    private float[][] momentums;
    private float[][] velocities;
    private float[] uProduct;
    private float uT;
    private float uT1;
    private float uProductT;
    private float uProductT1;
    private float beta2Power;

    /** Keras defaults. */
    public Nadam() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Nadam(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Nadam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** From a Keras config. */
    public Nadam(ConfigMap config) {
        super(config, 0.001);
    }

    @Override
    public String className() {
        return "Nadam";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"momentum", "velocity"}, null);
        momentums = s[0];
        velocities = s[1];
        uProduct = addVariable("variable", new int[0], 1.0).value().floatData();
    }

    @Override
    protected void beforeUpdates(float lr, long iterations) {
        float b1 = (float) beta1;
        float t = iterations + 1;
        float decay = 0.96f;
        uProduct[0] = uProduct[0] * b1 * (1f - 0.5f * powf(decay, t));
        uT = b1 * (1f - 0.5f * powf(decay, t));
        uT1 = b1 * (1f - 0.5f * powf(decay, (float) (iterations + 2)));
        uProductT = uProduct[0];
        uProductT1 = uProductT * uT1;
        beta2Power = powf((float) beta2, t);
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float c1 = 1f - (float) beta1;
        float c2 = 1f - (float) beta2;
        float eps = (float) epsilon;
        float d1 = 1f - uProductT1;
        float c3 = 1f - uT;
        float d2 = 1f - uProductT;
        float d3 = 1f - beta2Power;
        float[] m = momentums[index];
        float[] v = velocities[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float mj = m[j] + (gj - m[j]) * c1;
            float vj = v[j] + (gj * gj - v[j]) * c2;
            m[j] = mj;
            v[j] = vj;
            float mHat = (uT1 * mj) / d1 + (c3 * gj) / d2;
            float vHat = vj / d3;
            w[j] = w[j] - (mHat * lr) / ((float) Math.sqrt(vHat) + eps);
        }
    }
}
