package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The F-beta score, {@code (1 + beta^2) * precision * recall / (beta^2 * precision + recall)}, per class
 * of {@code (batch, num_classes)} one-hot or multi-label data.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code average}: null (default; one score per class), {@code "micro"} (from counts pooled over
 *       classes), {@code "macro"} (unweighted mean of the class scores) or {@code "weighted"} (mean weighted
 *       by each class's number of true instances).</li>
 *   <li>{@code beta} (default 1.0): recall is {@code beta} times as important as precision.</li>
 *   <li>{@code threshold} (default null): predictions above it are positive; null makes the highest
 *       prediction of each row positive (ties all positive; an all-zero row none).</li>
 * </ul>
 * As Keras, precision, recall and the score each add {@code epsilon = 1e-7} to their denominators.
 */
public class FBetaScore extends Metric {
    private final String average;
    private final double beta;
    private final Double threshold;
    private double[] tp;
    private double[] fp;
    private double[] fn;
    private double[] weights;

    /** No averaging, beta 1, argmax threshold. */
    public FBetaScore() {
        this(null, 1.0, null, null);
    }

    /**
     * @param average   null, {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @param beta      the recall weight (positive)
     * @param threshold the decision threshold, or null for the row maximum
     * @param name      the metric name (null for {@code "fbeta_score"})
     */
    public FBetaScore(String average, double beta, Double threshold, String name) {
        this(average, beta, threshold, name, "fbeta_score");
    }

    /** For {@link F1Score}. */
    protected FBetaScore(String average, double beta, Double threshold, String name, String defaultName) {
        super(name, defaultName);
        if (average != null && !average.equals("micro") && !average.equals("macro") && !average.equals("weighted")) {
            throw new IllegalArgumentException("Invalid `average` argument value. Expected one of: [None, 'micro',"
                    + " 'macro', 'weighted']. Received: average=" + average);
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("`beta` value should be greater than zero. Received: beta=" + beta);
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("`threshold` should be a float in the range (0, 1]. Received:"
                    + " threshold=" + threshold);
        }
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor yt = AccuracyFunctions.f64(yTrue);
            Tensor yp = AccuracyFunctions.f64(yPred);
            if (yp.rank() != 2 || !Shape.equal(yt.shape(), yp.shape())) {
                throw new IllegalArgumentException(className() + " expects 2D inputs of equal shape (batch_size,"
                        + " num_classes); received y_true.shape=" + Shape.keras(yTrue.shape()) + ", y_pred.shape="
                        + Shape.keras(yPred.shape()) + ". One-hot encode integer labels first.");
            }
            int rows = yp.dim(0);
            int c = yp.dim(1);
            if (tp == null) {
                int n = "micro".equals(average) ? 1 : c;
                tp = new double[n];
                fp = new double[n];
                fn = new double[n];
                weights = new double[n];
            } else if (!"micro".equals(average) && tp.length != c) {
                throw new IllegalArgumentException(className() + " was built for " + tp.length + " classes, got " + c);
            }
            double[] p = yp.toDoubleArray();
            double[] t = yt.toDoubleArray();
            double[] w = sampleWeight == null ? null : LossUtils.as(sampleWeight.detach(), DType.FLOAT64)
                    .reshape(-1).toDoubleArray();
            double th = threshold == null ? 0 : (float) (double) threshold;
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, p[r * c + j]);
                }
                double wr = w == null ? 1 : w[w.length == 1 ? 0 : r];
                for (int j = 0; j < c; j++) {
                    double v = p[r * c + j];
                    double pred = threshold == null ? (v >= max && Math.abs(v) > 1e-9 ? 1 : 0) : (v > th ? 1 : 0);
                    double label = t[r * c + j];
                    int k = tp.length == 1 ? 0 : j;
                    tp[k] += pred * label * wr;
                    fp[k] += pred * (1 - label) * wr;
                    fn[k] += (1 - pred) * label * wr;
                    weights[k] += label * wr;
                }
            }
        }
    }

    @Override
    public Tensor result() {
        if (tp == null) {
            return Tensor.scalar(DType.FLOAT64, 0);
        }
        double eps = LossUtils.EPSILON;
        double b2 = beta * beta;
        int n = tp.length;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double precision = tp[i] / (tp[i] + fp[i] + eps);
            double recall = tp[i] / (tp[i] + fn[i] + eps);
            f[i] = precision * recall / (b2 * precision + recall + eps) * (1 + b2);
        }
        if ("weighted".equals(average)) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += f[i] * weights[i] / (total + eps);
            }
            return Tensor.scalar(DType.FLOAT64, s);
        }
        if (average != null) {
            double s = 0;
            for (double v : f) {
                s += v;
            }
            return Tensor.scalar(DType.FLOAT64, s / n);
        }
        return ConfusionMatrix.vector(f);
    }

    @Override
    public void resetState() {
        if (tp != null) {
            java.util.Arrays.fill(tp, 0);
            java.util.Arrays.fill(fp, 0);
            java.util.Arrays.fill(fn, 0);
            java.util.Arrays.fill(weights, 0);
        }
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        double[] e = new double[0];
        m.put("true_positives", tp == null ? e : tp.clone());
        m.put("false_positives", fp == null ? e : fp.clone());
        m.put("false_negatives", fn == null ? e : fn.clone());
        m.put("intermediate_weights", weights == null ? e : weights.clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("average", average);
        config.put("beta", beta);
        config.put("threshold", threshold);
    }
}
