package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Approximate area under the ROC or precision-recall curve, from confusion matrices at
 * {@code num_thresholds} evenly spaced thresholds (Keras's Riemann-sum AUC).
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code num_thresholds} (default 200, at least 2): thresholds {@code -1e-7, 1/(n-1), ..., 1 + 1e-7}.</li>
 *   <li>{@code curve}: {@code "ROC"} (default; true-positive rate against false-positive rate) or {@code "PR"}
 *       (precision against recall).</li>
 *   <li>{@code summation_method}: {@code "interpolation"} (default; trapezoids, and for PR the
 *       interpolation of Davis and Goadrich, 2006), {@code "minoring"} (left/lower sums) or
 *       {@code "majoring"} (upper sums).</li>
 *   <li>{@code multi_label} (default false): with {@code (batch, labels)} data, compute one curve per label and
 *       average the AUCs, instead of flattening all labels into one curve.</li>
 *   <li>{@code from_logits} (default false): apply a sigmoid to predictions first.</li>
 * </ul>
 * Predictions are clipped to [0, 1]; labels are positive when non-zero.
 */
public class AUC extends Metric {
    private final int numThresholds;
    private final String curve;
    private final String summationMethod;
    private final boolean multiLabel;
    private final boolean fromLogits;
    private final ConfusionMatrix cm;

    /** 200 thresholds, ROC, interpolation. */
    public AUC() {
        this(200, "ROC", "interpolation", false, false, null);
    }

    /**
     * @param numThresholds   the number of thresholds (at least 2)
     * @param curve           {@code "ROC"} or {@code "PR"}
     * @param summationMethod {@code "interpolation"}, {@code "minoring"} or {@code "majoring"}
     * @param multiLabel      one curve per label, averaged
     * @param fromLogits      whether predictions are logits
     * @param name            the metric name (null for {@code "auc"})
     */
    public AUC(int numThresholds, String curve, String summationMethod, boolean multiLabel, boolean fromLogits,
            String name) {
        super(name, "auc");
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 1. Received: "
                    + "num_thresholds=" + numThresholds);
        }
        String c = curve.toUpperCase(java.util.Locale.ROOT);
        if (!c.equals("ROC") && !c.equals("PR")) {
            throw new IllegalArgumentException("Invalid `curve` argument value \"" + curve + "\". Expected one of"
                    + " ROC, PR");
        }
        String s = summationMethod.toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("interpolation") && !s.equals("minoring") && !s.equals("majoring")) {
            throw new IllegalArgumentException("Invalid `summation_method` argument value \"" + summationMethod
                    + "\". Expected one of interpolation, minoring, majoring");
        }
        this.numThresholds = numThresholds;
        this.curve = c;
        this.summationMethod = s;
        this.multiLabel = multiLabel;
        this.fromLogits = fromLogits;
        double[] t = new double[numThresholds];
        t[0] = -LossUtils.EPSILON;
        for (int i = 0; i < numThresholds - 2; i++) {
            t[i + 1] = (i + 1) * 1.0 / (numThresholds - 1);
        }
        t[numThresholds - 1] = 1.0 + LossUtils.EPSILON;
        this.cm = new ConfusionMatrix(t, true, multiLabel);
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            cm.update(yTrue, fromLogits ? yPred.sigmoid() : yPred, sampleWeight, null, null);
        }
    }

    @Override
    public Tensor result() {
        if (cm.tp == null) {
            return Tensor.scalar(DType.FLOAT64, 0);
        }
        int n = numThresholds;
        int labels = cm.numLabels;
        double total = 0;
        for (int l = 0; l < labels; l++) {
            total += auc(l, labels);
        }
        return Tensor.scalar(DType.FLOAT64, total / labels);
    }

    private double at(double[] v, int j, int l, int labels) {
        return v[j * labels + l];
    }

    private double auc(int l, int labels) {
        int n = numThresholds;
        double[] tp = cm.tp;
        double[] fp = cm.fp;
        double[] tn = cm.tn;
        double[] fn = cm.fn;
        double sum = 0;
        if (curve.equals("PR") && summationMethod.equals("interpolation")) {
            for (int j = 0; j < n - 1; j++) {
                double dtp = at(tp, j, l, labels) - at(tp, j + 1, l, labels);
                double p0 = at(tp, j, l, labels) + at(fp, j, l, labels);
                double p1 = at(tp, j + 1, l, labels) + at(fp, j + 1, l, labels);
                double dp = p0 - p1;
                double slope = ConfusionMatrix.divideNoNan(dtp, Math.max(dp, 0));
                double intercept = at(tp, j + 1, l, labels) - slope * p1;
                double ratio = p0 > 0 && p1 > 0 ? ConfusionMatrix.divideNoNan(p0, Math.max(p1, 0)) : 1.0;
                sum += ConfusionMatrix.divideNoNan(slope * (dtp + intercept * Math.log(ratio)),
                        Math.max(at(tp, j + 1, l, labels) + at(fn, j + 1, l, labels), 0));
            }
            return sum;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            double tpj = at(tp, j, l, labels);
            double recall = ConfusionMatrix.divideNoNan(tpj, tpj + at(fn, j, l, labels));
            if (curve.equals("ROC")) {
                x[j] = ConfusionMatrix.divideNoNan(at(fp, j, l, labels), at(fp, j, l, labels) + at(tn, j, l, labels));
                y[j] = recall;
            } else {
                x[j] = recall;
                y[j] = ConfusionMatrix.divideNoNan(tpj, tpj + at(fp, j, l, labels));
            }
        }
        for (int j = 0; j < n - 1; j++) {
            double h;
            if (summationMethod.equals("interpolation")) {
                h = (y[j] + y[j + 1]) / 2;
            } else if (summationMethod.equals("minoring")) {
                h = Math.min(y[j], y[j + 1]);
            } else {
                h = Math.max(y[j], y[j + 1]);
            }
            sum += (x[j] - x[j + 1]) * h;
        }
        return sum;
    }

    @Override
    public void resetState() {
        cm.reset();
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        double[] empty = new double[0];
        m.put("true_positives", cm.tp == null ? empty : cm.tp.clone());
        m.put("false_positives", cm.fp == null ? empty : cm.fp.clone());
        m.put("true_negatives", cm.tn == null ? empty : cm.tn.clone());
        m.put("false_negatives", cm.fn == null ? empty : cm.fn.clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("num_thresholds", numThresholds);
        config.put("curve", curve);
        config.put("summation_method", summationMethod);
        config.put("multi_label", multiLabel);
        config.put("num_labels", null);
        config.put("label_weights", null);
        config.put("from_logits", fromLogits);
    }
}
