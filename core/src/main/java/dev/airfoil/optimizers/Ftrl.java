package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * FTRL-Proximal, "Follow The Regularized Leader" (Keras {@code keras.optimizers.Ftrl}, McMahan et
 * al. 2013), for shallow models with large sparse feature spaces; supports L1, L2 and L2
 * shrinkage regularisation. With {@code p = -learning_rate_power} and
 * {@code l2' = l2 + beta / (2 * learning_rate)}:
 * <pre>
 * g' = g + 2 * l2_shrinkage * w
 * n_new = n + g^2
 * z = z + g' - (n_new^p - n^p) / learning_rate * w
 * w = (clip(z, -l1, l1) - z) / (n_new^p / learning_rate + 2 * l2')
 * n = n_new
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code learning_rate_power} (-0.5, at most 0);
 * {@code initial_accumulator_value} (0.1, at least 0); {@code l1_regularization_strength},
 * {@code l2_regularization_strength}, {@code l2_shrinkage_regularization_strength} (0, at least 0);
 * {@code beta} (0); plus the common options of {@link Optimizer}. Slots:
 * {@code <var>_accumulator} (starting at {@code initial_accumulator_value}),
 * {@code <var>_linear} per variable.
 *
 * <p>Example: {@code new Ftrl(0.1).l1(0.01)}.
 */
public class Ftrl extends Optimizer {
    private double learningRatePower = -0.5;
    private double initialAccumulatorValue = 0.1;
    private double l1;
    private double l2;
    private double l2Shrinkage;
    private double beta;
    private float[][] accumulators;
    private float[][] linears;

    /** Keras defaults. */
    public Ftrl() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Ftrl(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Ftrl(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Every hyperparameter. */
    public Ftrl(double learningRate, double learningRatePower, double initialAccumulatorValue, double l1, double l2,
            double l2Shrinkage, double beta) {
        super(learningRate);
        set(learningRatePower, initialAccumulatorValue, l1, l2, l2Shrinkage, beta);
    }

    /** From a Keras config. */
    public Ftrl(ConfigMap c) {
        super(c, 0.001, "learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
                "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta");
        set(c.getDouble("learning_rate_power", -0.5), c.getDouble("initial_accumulator_value", 0.1),
                c.getDouble("l1_regularization_strength", 0), c.getDouble("l2_regularization_strength", 0),
                c.getDouble("l2_shrinkage_regularization_strength", 0), c.getDouble("beta", 0));
    }

    private void set(double power, double initial, double l1, double l2, double l2Shrinkage, double beta) {
        if (initial < 0) {
            throw new IllegalArgumentException("`initial_accumulator_value` needs to be positive or zero. Received: "
                    + "initial_accumulator_value=" + initial + ".");
        }
        if (power > 0) {
            throw new IllegalArgumentException("`learning_rate_power` needs to be negative or zero. Received: "
                    + "learning_rate_power=" + power + ".");
        }
        if (l1 < 0 || l2 < 0 || l2Shrinkage < 0) {
            throw new IllegalArgumentException("The regularization strengths of Ftrl need to be positive or zero. Received: "
                    + "l1=" + l1 + ", l2=" + l2 + ", l2_shrinkage=" + l2Shrinkage + ".");
        }
        this.learningRatePower = power;
        this.initialAccumulatorValue = initial;
        this.l1 = l1;
        this.l2 = l2;
        this.l2Shrinkage = l2Shrinkage;
        this.beta = beta;
    }

    /** Sets the L1 regularisation strength. */
    public Ftrl l1(double l1) {
        set(learningRatePower, initialAccumulatorValue, l1, l2, l2Shrinkage, beta);
        return this;
    }

    /** Sets the L2 regularisation strength. */
    public Ftrl l2(double l2) {
        set(learningRatePower, initialAccumulatorValue, l1, l2, l2Shrinkage, beta);
        return this;
    }

    /** Sets the L2 shrinkage regularisation strength. */
    public Ftrl l2Shrinkage(double l2Shrinkage) {
        set(learningRatePower, initialAccumulatorValue, l1, l2, l2Shrinkage, beta);
        return this;
    }

    /** Sets beta. */
    public Ftrl beta(double beta) {
        this.beta = beta;
        return this;
    }

    /** Sets the learning rate power (at most 0). */
    public Ftrl learningRatePower(double power) {
        set(power, initialAccumulatorValue, l1, l2, l2Shrinkage, beta);
        return this;
    }

    @Override
    public String className() {
        return "Ftrl";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        float[][][] s = addSlots(vars, new String[] {"accumulator", "linear"}, new double[] {initialAccumulatorValue, 0});
        accumulators = s[0];
        linears = s[1];
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float p = (float) -learningRatePower;
        float l2Reg = (float) l2 + (float) beta / (2f * lr);
        float shrink = (float) (2 * l2Shrinkage);
        float l1f = (float) l1;
        float twoL2 = 2f * l2Reg;
        float[] n = accumulators[index];
        float[] z = linears[index];
        for (int j = 0; j < w.length; j++) {
            float gj = g[j];
            float wj = w[j];
            float gUse = gj + shrink * wj;
            float nNew = n[j] + gj * gj;
            float powNew = powf(nNew, p);
            float powOld = powf(n[j], p);
            float zj = z[j] + (gUse - ((powNew - powOld) / lr) * wj);
            z[j] = zj;
            float quadratic = powNew / lr + twoL2;
            float clipped = Math.max(-l1f, Math.min(l1f, zj));
            w[j] = (clipped - zj) / quadratic;
            n[j] = nNew;
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("learning_rate_power", learningRatePower);
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("l1_regularization_strength", l1);
        c.put("l2_regularization_strength", l2);
        c.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        c.put("beta", beta);
    }
}
