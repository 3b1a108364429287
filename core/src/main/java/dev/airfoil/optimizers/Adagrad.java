package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Adagrad: per-parameter learning rates scaled by the accumulated squared gradients (Keras
 * {@code keras.optimizers.Adagrad}, Duchi et al. 2011).
 * <pre>
 * accumulator = accumulator + g^2
 * w = w - learning_rate * g / sqrt(accumulator + epsilon)
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code initial_accumulator_value} (0.1);
 * {@code epsilon} (1e-7); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_accumulator}, initialised to {@code initial_accumulator_value}.
 *
 * <p>Example: {@code new Adagrad(0.1)}.
 */
public class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;
    private float[][] accumulators;

    /** Keras defaults. */
    public Adagrad() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Adagrad(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Adagrad(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    /** From a Keras config. */
    public Adagrad(ConfigMap config) {
        super(config, 0.001, "initial_accumulator_value", "epsilon");
        this.initialAccumulatorValue = config.getDouble("initial_accumulator_value", 0.1);
        this.epsilon = config.getDouble("epsilon", 1e-7);
    }

    /** Sets the starting value of the accumulators (before building). */
    public Adagrad initialAccumulatorValue(double value) {
        if (isBuilt()) {
            throw new IllegalStateException("Adagrad: initial_accumulator_value must be set before the optimizer is built");
        }
        this.initialAccumulatorValue = value;
        return this;
    }

    /** Sets epsilon. */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    public String className() {
        return "Adagrad";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        accumulators = addSlots(vars, new String[] {"accumulator"}, new double[] {initialAccumulatorValue})[0];
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float eps = (float) epsilon;
        float[] acc = accumulators[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float aj = acc[j] + gj * gj;
            acc[j] = aj;
            w[j] = w[j] - (lr * gj) / (float) Math.sqrt(aj + eps);
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
    }
}
