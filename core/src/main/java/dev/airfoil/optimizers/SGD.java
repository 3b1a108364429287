package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Gradient descent, with optional (Nesterov) momentum (Keras {@code keras.optimizers.SGD}).
 *
 * <p>Without momentum: {@code w = w - learning_rate * g}. With momentum:
 * <pre>
 * velocity = momentum * velocity - learning_rate * g
 * w = w + velocity                                             (plain)
 * w = w + momentum * velocity - learning_rate * g              (nesterov)
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.01, or a schedule); {@code momentum} (in [0, 1],
 * default 0); {@code nesterov} (default false); plus the common options of {@link Optimizer}.
 * Slots: {@code <var>_momentum} when {@code momentum != 0}.
 *
 * <p>Example: {@code new SGD(0.1).momentum(0.9).nesterov(true)}.
 */
public class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;
    private float[][] momentums;

    /** Keras defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    /** Plain SGD with the given learning rate. */
    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /** Plain SGD following a learning-rate schedule. */
    public SGD(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** SGD with momentum. */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        momentum(momentum);
        this.nesterov = nesterov;
    }

    /** From a Keras config. */
    public SGD(ConfigMap config) {
        super(config, 0.01, "momentum", "nesterov");
        momentum(config.getDouble("momentum", 0.0));
        this.nesterov = config.getBoolean("nesterov", false);
    }

    /** Sets the momentum (in [0, 1]). */
    public SGD momentum(double momentum) {
        if (isBuilt()) {
            throw new IllegalStateException("SGD: momentum must be set before the optimizer is built");
        }
        this.momentum = checkRange("SGD", "momentum", momentum, 0, 1);
        return this;
    }

    /** Whether to use Nesterov momentum. */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** The momentum. */
    public double momentum() {
        return momentum;
    }

    /** Whether Nesterov momentum is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String className() {
        return "SGD";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        momentums = momentum != 0 ? addSlots(vars, "momentum") : null;
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        if (momentums == null) {
            for (int j = 0; j < w.length; j++) {
                w[j] = w[j] - g[j] * lr;
            }
            return;
        }
        float mom = (float) momentum;
        float[] m = momentums[index];
        if (nesterov) {
            for (int j = 0; j < w.length; j++) {
                float mj = m[j] * mom - g[j] * lr;
                m[j] = mj;
                w[j] = w[j] + (mj * mom - g[j] * lr);
            }
        } else {
            for (int j = 0; j < w.length; j++) {
                float mj = m[j] * mom - g[j] * lr;
                m[j] = mj;
                w[j] = w[j] + mj;
            }
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
    }
}
