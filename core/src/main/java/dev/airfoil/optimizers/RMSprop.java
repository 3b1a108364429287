package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * RMSprop: divides the gradient by a moving root mean square of recent gradients (Keras
 * {@code keras.optimizers.RMSprop}, the default optimizer of {@code compile}).
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * a = rho * a + (1 - rho) * g                       (centered only)
 * denominator = v - a^2 + epsilon  (centered)   or   v + epsilon
 * increment = learning_rate * g / sqrt(denominator)
 * mom = momentum * mom + increment; w = w - mom      (momentum > 0)
 * w = w - increment                                  (otherwise)
 * </pre>
 * Epsilon is added inside the square root.
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code rho} (0.9); {@code momentum} (0.0);
 * {@code epsilon} (1e-7); {@code centered} (false); plus the common options of {@link Optimizer}.
 * Slots, in Keras's order: all {@code <var>_velocity}, then all {@code <var>_momentum}
 * (momentum > 0), then all {@code <var>_average_gradient} (centered).
 *
 * <p>Example: {@code new RMSprop(1e-3).momentum(0.9).centered(true)}.
 */
public class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;
    private float[][] velocities;
    private float[][] momentums;
    private float[][] averageGradients;

    /** Keras defaults. */
    public RMSprop() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public RMSprop(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public RMSprop(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    /** From a Keras config. */
    public RMSprop(ConfigMap config) {
        super(config, 0.001, "rho", "momentum", "epsilon", "centered");
        this.rho = config.getDouble("rho", 0.9);
        this.momentum = config.getDouble("momentum", 0.0);
        this.epsilon = config.getDouble("epsilon", 1e-7);
        this.centered = config.getBoolean("centered", false);
    }

    /** Sets rho, the discount of the moving average of squared gradients. */
    public RMSprop rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** Sets the momentum (before the optimizer is built). */
    public RMSprop momentum(double momentum) {
        if (isBuilt()) {
            throw new IllegalStateException("RMSprop: momentum must be set before the optimizer is built");
        }
        this.momentum = momentum;
        return this;
    }

    /** Sets epsilon. */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to normalise by the estimated variance instead of the second moment (before building). */
    public RMSprop centered(boolean centered) {
        if (isBuilt()) {
            throw new IllegalStateException("RMSprop: centered must be set before the optimizer is built");
        }
        this.centered = centered;
        return this;
    }

    @Override
    public String className() {
        return "RMSprop";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        velocities = addSlots(vars, "velocity");
        momentums = momentum > 0 ? addSlots(vars, "momentum") : null;
        averageGradients = centered ? addSlots(vars, "average_gradient") : null;
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float r = (float) rho;
        float c = (float) (1 - rho);
        float eps = (float) epsilon;
        float mom = (float) momentum;
        float[] v = velocities[index];
        float[] a = averageGradients == null ? null : averageGradients[index];
        float[] m = momentums == null ? null : momentums[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float vj = r * v[j] + c * (gj * gj);
            v[j] = vj;
            float denominator;
            if (a != null) {
                float aj = r * a[j] + c * gj;
                a[j] = aj;
                denominator = vj - aj * aj + eps;
            } else {
                denominator = vj + eps;
            }
            float increment = (lr * gj) / (float) Math.sqrt(denominator);
            if (m != null) {
                float mj = mom * m[j] + increment;
                m[j] = mj;
                w[j] = w[j] - mj;
            } else {
                w[j] = w[j] - increment;
            }
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
    }
}
