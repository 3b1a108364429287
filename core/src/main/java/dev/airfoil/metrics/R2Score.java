package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coefficient of determination, {@code 1 - sum((y - y_pred)^2) / sum((y - mean(y))^2)}, per output
 * column of {@code (batch, outputs)} data, accumulated over batches (with sample weights).
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code class_aggregation}: {@code "uniform_average"} (default; mean over outputs),
 *       {@code "variance_weighted_average"} (weighted by each output's variance) or null (one score per
 *       output).</li>
 *   <li>{@code num_regressors} (default 0): when positive, the adjusted R2
 *       {@code 1 - (1 - R2) (n - 1) / (n - p - 1)}, where, as in Keras, {@code n} counts all target elements
 *       seen (rows times outputs); it falls back to plain R2 when {@code p >= n - 1}.</li>
 * </ul>
 * An output with zero variance scores 0, as in Keras.
 */
public class R2Score extends Metric {
    private final String classAggregation;
    private final int numRegressors;
    private double numSamples;
    private double[] squaredSum;
    private double[] sum;
    private double[] residual;
    private double[] count;

    /** Uniform average, no adjustment. */
    public R2Score() {
        this("uniform_average", 0, null);
    }

    /**
     * @param classAggregation {@code "uniform_average"}, {@code "variance_weighted_average"} or null
     * @param numRegressors    the number of regressors for the adjusted R2 (0 for none)
     * @param name             the metric name (null for {@code "r2_score"})
     */
    public R2Score(String classAggregation, int numRegressors, String name) {
        super(name, "r2_score");
        if (classAggregation != null && !classAggregation.equals("uniform_average")
                && !classAggregation.equals("variance_weighted_average")) {
            throw new IllegalArgumentException("Invalid value for argument `class_aggregation`. Expected one of"
                    + " {None, 'uniform_average', 'variance_weighted_average'}. Received: class_aggregation="
                    + classAggregation);
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException("Invalid value for argument `num_regressors`. Expected a value >= 0."
                    + " Received: num_regressors=" + numRegressors);
        }
        this.classAggregation = classAggregation;
        this.numRegressors = numRegressors;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor[] p = LossUtils.squeezeOrExpand(AccuracyFunctions.f64(yTrue), AccuracyFunctions.f64(yPred));
            Tensor yt = p[0];
            Tensor yp = p[1];
            if (yp.rank() != 2 || !Shape.equal(yt.shape(), yp.shape())) {
                throw new IllegalArgumentException("R2Score expects 2D inputs with shape (batch_size, output_dim)."
                        + " Received input shapes: y_pred.shape=" + Shape.keras(yPred.shape()) + " and y_true.shape="
                        + Shape.keras(yTrue.shape()) + ". Reshape a single output to (batch_size, 1).");
            }
            int rows = yp.dim(0);
            int c = yp.dim(1);
            if (sum == null) {
                sum = new double[c];
                squaredSum = new double[c];
                residual = new double[c];
                count = new double[c];
            } else if (sum.length != c) {
                throw new IllegalArgumentException("R2Score was built for " + sum.length + " outputs, got " + c);
            }
            Tensor w = sampleWeight == null ? Tensor.scalar(DType.FLOAT64, 1)
                    : LossUtils.as(sampleWeight.detach(), DType.FLOAT64);
            if (w.rank() == 1) {
                w = w.unsqueeze(1);
            }
            double[] wv = w.broadcastTo(yt.shape()).toDoubleArray();
            double[] t = yt.toDoubleArray();
            double[] pr = yp.toDoubleArray();
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < c; j++) {
                    int i = r * c + j;
                    double wt = t[i] * wv[i];
                    sum[j] += wt;
                    squaredSum[j] += t[i] * wt;
                    residual[j] += (t[i] - pr[i]) * (t[i] - pr[i]) * wv[i];
                    count[j] += wv[i];
                }
            }
            numSamples += yt.size(); // Keras counts elements (ops.size), not rows
        }
    }

    @Override
    public Tensor result() {
        if (sum == null) {
            return Tensor.scalar(DType.FLOAT64, 0);
        }
        int c = sum.length;
        double[] raw = new double[c];
        double[] total = new double[c];
        for (int j = 0; j < c; j++) {
            double mean = sum[j] / count[j];
            total[j] = squaredSum[j] - sum[j] * mean;
            raw[j] = 1 - residual[j] / total[j];
            if (Double.isInfinite(raw[j])) {
                raw[j] = 0;
            }
        }
        if (classAggregation == null) {
            return ConfusionMatrix.vector(adjust(raw));
        }
        double r2;
        if (classAggregation.equals("uniform_average")) {
            r2 = 0;
            for (double v : raw) {
                r2 += v;
            }
            r2 /= c;
        } else {
            double ws = 0;
            double wt = 0;
            for (int j = 0; j < c; j++) {
                ws += total[j] * raw[j];
                wt += total[j];
            }
            r2 = ws / wt;
        }
        return Tensor.scalar(DType.FLOAT64, adjust(new double[] {r2})[0]);
    }

    private double[] adjust(double[] r2) {
        if (numRegressors == 0 || numRegressors >= numSamples - 1) {
            return r2;
        }
        double n = numSamples;
        double p = numRegressors;
        double[] out = new double[r2.length];
        for (int i = 0; i < r2.length; i++) {
            out[i] = 1 - (1 - r2[i]) * (n - 1) / (n - p - 1);
        }
        return out;
    }

    @Override
    public void resetState() {
        numSamples = 0;
        if (sum != null) {
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(squaredSum, 0);
            java.util.Arrays.fill(residual, 0);
            java.util.Arrays.fill(count, 0);
        }
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        double[] e = new double[0];
        m.put("num_samples", new double[] {numSamples});
        m.put("squared_sum", squaredSum == null ? e : squaredSum.clone());
        m.put("sum", sum == null ? e : sum.clone());
        m.put("residual", residual == null ? e : residual.clone());
        m.put("count", count == null ? e : count.clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("class_aggregation", classAggregation);
        config.put("num_regressors", numRegressors);
    }
}
