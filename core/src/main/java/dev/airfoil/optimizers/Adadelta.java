package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Adadelta: adaptive steps from moving windows of squared gradients and squared updates (Keras
 * {@code keras.optimizers.Adadelta}, Zeiler 2012).
 * <pre>
 * acc_g = rho * acc_g + (1 - rho) * g^2
 * delta = -sqrt(acc_delta + epsilon) * g / sqrt(acc_g + epsilon)
 * acc_delta = rho * acc_delta + (1 - rho) * delta^2
 * w = w + learning_rate * delta
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001; the paper uses 1.0); {@code rho} (0.95);
 * {@code epsilon} (1e-7); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_accumulated_grad}, {@code <var>_accumulated_delta_var} per variable.
 *
 * <p>Example: {@code new Adadelta(1.0)}.
 */
public class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;
    private float[][] accumulatedGrads;
    private float[][] accumulatedDeltaVars;

    /** Keras defaults. */
    public Adadelta() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Adadelta(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Adadelta(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Adadelta(double learningRate, double rho, double epsilon) {
        super(learningRate);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    /** From a Keras config. */
    public Adadelta(ConfigMap config) {
        super(config, 0.001, "rho", "epsilon");
        this.rho = config.getDouble("rho", 0.95);
        this.epsilon = config.getDouble("epsilon", 1e-7);
    }

    /** Sets rho, the decay rate. */
    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** Sets epsilon. */
    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    public String className() {
        return "Adadelta";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"accumulated_grad", "accumulated_delta_var"}, null);
        accumulatedGrads = s[0];
        accumulatedDeltaVars = s[1];
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float r = (float) rho;
        float c = (float) (1 - rho);
        float eps = (float) epsilon;
        float[] ag = accumulatedGrads[index];
        float[] ad = accumulatedDeltaVars[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float agj = r * ag[j] + c * (gj * gj);
            ag[j] = agj;
            float delta = -(((float) Math.sqrt(ad[j] + eps) * gj) / (float) Math.sqrt(agj + eps));
            ad[j] = r * ad[j] + c * (delta * delta);
            w[j] = w[j] + lr * delta;
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("epsilon", epsilon);
    }
}
