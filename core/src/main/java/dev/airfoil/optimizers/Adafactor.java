package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Adafactor: adaptive learning rates with a factored second moment (Keras
 * {@code keras.optimizers.Adafactor}, Shazeer and Stern 2018), keeping per-row and per-column
 * statistics instead of a full matrix for variables of rank 2 or more. With
 * {@code t = iterations + 1} and {@code rms(x) = sqrt(mean(x^2))}:
 * <pre>
 * lr = min(learning_rate, 1 / sqrt(t))           (relative_step with a constant learning rate)
 * alpha = max(epsilon_2, rms(w)) * min(lr, 1 / sqrt(t))
 * g2 = g^2 + epsilon_1;  beta = 1 - t^beta_2_decay
 * rank >= 2: r = beta * r + (1 - beta) * mean(g2, -1);  c = beta * c + (1 - beta) * mean(g2, -2)
 *            v = (r / mean(r, -1))[..., None] * c[..., None, :]
 * otherwise: v = beta * v + (1 - beta) * g2
 * u = g / sqrt(v);  u = u / max(1, rms(u) / clip_threshold)
 * w = w - alpha * u
 * </pre>
 *
 * <p>Arguments: {@code learning_rate} (default 0.001); {@code beta_2_decay} (-0.8);
 * {@code epsilon_1} (1e-30); {@code epsilon_2} (1e-3); {@code clip_threshold} (1.0);
 * {@code relative_step} (true); plus the common options of {@link Optimizer}. Slots, per
 * variable: the row and column statistics (named like the variable; scalars for variables of
 * rank below 2, which do not use them) and {@code <var>_velocity}.
 *
 * <p>Example: {@code new Adafactor(1e-3)}.
 */
public class Adafactor extends Optimizer {
    private double beta2Decay = -0.8;
    private double epsilon1 = 1e-30;
    private double epsilon2 = 1e-3;
    private double clipThreshold = 1.0;
    private boolean relativeStep = true;
    private float[][] rows;
    private float[][] cols;
    private float[][] velocities;
    private int[][] shapes;
    private float rhoT;
    private float beta2T;

    /** Keras defaults. */
    public Adafactor() {
        this(0.001);
    }

    /** Defaults with the given learning rate. */
    public Adafactor(double learningRate) {
        super(learningRate);
    }

    /** Defaults with a learning-rate schedule. */
    public Adafactor(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** From a Keras config. */
    public Adafactor(ConfigMap c) {
        super(c, 0.001, "beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold", "relative_step");
        this.beta2Decay = c.getDouble("beta_2_decay", -0.8);
        this.epsilon1 = c.getDouble("epsilon_1", 1e-30);
        this.epsilon2 = c.getDouble("epsilon_2", 1e-3);
        this.clipThreshold = c.getDouble("clip_threshold", 1.0);
        this.relativeStep = c.getBoolean("relative_step", true);
    }

    @Override
    public String className() {
        return "Adafactor";
    }

    @Override
    protected void buildSlots(List<Variable> vars) {
        int n = vars.size();
        rows = new float[n][];
        cols = new float[n][];
        velocities = new float[n][];
        shapes = new int[n][];
        for (int i = 0; i < n; i++) {
            Variable v = vars.get(i);
            int[] s = v.shape();
            shapes[i] = s;
            if (s.length < 2) {
                rows[i] = addVariable(v.name(), new int[0], 0).value().floatData();
                cols[i] = addVariable(v.name(), new int[0], 0).value().floatData();
            } else {
                int[] rs = java.util.Arrays.copyOf(s, s.length - 1);
                int[] cs = java.util.Arrays.copyOf(s, s.length - 1);
                cs[cs.length - 1] = s[s.length - 1];
                rows[i] = addVariable(v.name(), rs, 0).value().floatData();
                cols[i] = addVariable(v.name(), cs, 0).value().floatData();
            }
            velocities[i] = addSlot(v, "velocity", 0).value().floatData();
        }
    }

    @Override
    protected void beforeUpdates(float lr, long iterations) {
        float t = iterations + 1;
        float invSqrt = 1f / (float) Math.sqrt(t);
        float l = lr;
        if (learningRateSchedule() == null && relativeStep) {
            l = Math.min(l, invSqrt);
        }
        rhoT = Math.min(l, invSqrt);
        beta2T = 1f - powf(t, (float) beta2Decay);
    }

    private static float rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return (float) Math.sqrt((float) s / (float) x.length);
    }

    @Override
    protected void update(int index, float[] w, float[] g, float lr) {
        float eps1 = (float) epsilon1;
        float alpha = Math.max((float) epsilon2, rms(w)) * rhoT;
        float b = beta2T;
        float ob = 1f - b;
        float[] v = velocities[index];
        int[] s = shapes[index];
        if (s.length >= 2) {
            int cN = s[s.length - 1];
            int rN = s[s.length - 2];
            int lead = w.length / (rN * cN);
            float[] r = rows[index];
            float[] c = cols[index];
            for (int L = 0; L < lead; L++) {
                int base = L * rN * cN;
                for (int i = 0; i < rN; i++) {
                    double sum = 0;
                    for (int j = 0; j < cN; j++) {
                        float gj = g[base + i * cN + j];
                        sum += gj * gj + eps1;
                    }
                    int ri = L * rN + i;
                    r[ri] = b * r[ri] + ob * ((float) sum / (float) cN);
                }
                for (int j = 0; j < cN; j++) {
                    double sum = 0;
                    for (int i = 0; i < rN; i++) {
                        float gj = g[base + i * cN + j];
                        sum += gj * gj + eps1;
                    }
                    int ci = L * cN + j;
                    c[ci] = b * c[ci] + ob * ((float) sum / (float) rN);
                }
                double rSum = 0;
                for (int i = 0; i < rN; i++) {
                    rSum += r[L * rN + i];
                }
                float rMean = (float) rSum / (float) rN;
                for (int i = 0; i < rN; i++) {
                    float ri = r[L * rN + i] / rMean;
                    for (int j = 0; j < cN; j++) {
                        v[base + i * cN + j] = ri * c[L * cN + j];
                    }
                }
            }
        } else {
            for (int j = 0; j < w.length; j++) {
                float gj = g[j];
                v[j] = b * v[j] + ob * (gj * gj + eps1);
            }
        }
        double uSq = 0;
        for (int j = 0; j < w.length; j++) {
            float u = g[j] / (float) Math.sqrt(v[j]);
            uSq += (double) u * u;
        }
        float uRms = (float) Math.sqrt((float) uSq / (float) w.length);
        float denom = Math.max(1f, uRms / (float) clipThreshold);
        for (int j = 0; j < w.length; j++) {
            float u = g[j] / (float) Math.sqrt(v[j]);
            w[j] = w[j] - alpha * (u / denom);
        }
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_2_decay", beta2Decay);
        c.put("epsilon_1", epsilon1);
        c.put("epsilon_2", epsilon2);
        c.put("clip_threshold", clipThreshold);
        c.put("relative_step", relativeStep);
    }
}
