package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Adam: stochastic optimisation with adaptive first and second moments (Keras
 * {@code keras.optimizers.Adam}, Kingma and Ba 2014). With {@code t = iterations + 1}:
 * <pre>
 * m = m + (g - m) * (1 - beta_1)
 * v = v + (g^2 - v) * (1 - beta_2)
 * v_hat = max(v_hat, v)                                   (amsgrad only; used instead of v)
 * alpha = learning_rate * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 * w = w - m * alpha / (sqrt(v) + epsilon)
 * </pre>
 * Note the "epsilon hat" placement: epsilon is added to {@code sqrt(v)} after the bias correction
 * is folded into {@code alpha}.
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_1} (0.9); {@code beta_2}
 * (0.999); {@code epsilon} (1e-7); {@code amsgrad} (false); plus the common options of
 * {@link Optimizer}. Slots: {@code <var>_momentum}, {@code <var>_velocity} per variable, then
 * {@code <var>_velocity_hat} with amsgrad.
 *
 * <p>Example: {@code new Adam(1e-3).clipnorm(1.0)}.
 */
public class Adam extends MomentOptimizer {
    boolean amsgrad;
    private float[][] momentums;
    private float[][] velocities;
    private float[][] velocityHats;
    private float alpha;

    /** Keras defaults. */
    public Adam() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Adam(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Adam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon);
        this.amsgrad = amsgrad;
    }

    /** From a Keras config. */
    public Adam(ConfigMap config) {
        this(config, 0.001);
    }

    Adam(ConfigMap config, double defaultLearningRate) {
        super(config, defaultLearningRate, "amsgrad");
        this.amsgrad = config.getBoolean("amsgrad", false);
    }

    /** Sets beta_1. */
    public Adam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** Sets beta_2. */
    public Adam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** Sets epsilon. */
    public Adam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to use the AMSGrad variant (before the optimizer is built). */
    public Adam amsgrad(boolean amsgrad) {
        if (isBuilt()) {
            throw new IllegalStateException(className() + ": amsgrad must be set before the optimizer is built");
        }
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    public String className() {
        return "Adam";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"momentum", "velocity"}, null);
        momentums = s[0];
        velocities = s[1];
        velocityHats = amsgrad ? addSlots(vars, "velocity_hat") : null;
    }

    @Override
    protected void beforeUpdates(float lr, long iterations) {
        float t = iterations + 1;
        float b1p = powf((float) beta1, t);
        float b2p = powf((float) beta2, t);
        alpha = lr * (float) Math.sqrt(1f - b2p) / (1f - b1p);
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        update(index, w, g, lr, 0, w.length);
    }

    @Override
    protected boolean updatesByRange() {
        return true;
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr, int from, int to) {
        float[] m = momentums[index];
        float[] v = velocities[index];
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float a = alpha;
        if (velocityHats != null) {
            float[] vh = velocityHats[index];
            for (int j = from; j < to; j++) {
                float gj = g[j];
                float mj = m[j] + (gj - m[j]) * c1;
                float vj = v[j] + (gj * gj - v[j]) * c2;
                m[j] = mj;
                v[j] = vj;
                float h = Math.max(vh[j], vj);
                vh[j] = h;
                w[j] = w[j] - (mj * a) / ((float) Math.sqrt(h) + eps);
            }
        } else {
            for (int j = from; j < to; j++) {
                float gj = g[j];
                float mj = m[j] + (gj - m[j]) * c1;
                float vj = v[j] + (gj * gj - v[j]) * c2;
                m[j] = mj;
                v[j] = vj;
                w[j] = w[j] - (mj * a) / ((float) Math.sqrt(vj) + eps);
            }
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        super.ownConfig(c);
        c.put("amsgrad", amsgrad);
    }
}
