package dev.airfoil.metrics;

import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted confusion-matrix counts at a list of thresholds, as Keras's
 * {@code update_confusion_matrix_variables}: a prediction is positive when strictly greater than the
 * threshold, a label when non-zero. Counts are indexed {@code [threshold * numLabels + label]}
 * ({@code numLabels} is 1 unless multi-label). Accumulated in double precision.
 */
final class ConfusionMatrix {
    /** The value Keras gives predictions filtered out by {@code top_k}. */
    static final double NEG_INF = -1e10;

    final double[] thresholds;
    final boolean evenlyDistributed;
    final boolean multiLabel;
    int numLabels;
    double[] tp;
    double[] fp;
    double[] tn;
    double[] fn;

    ConfusionMatrix(double[] thresholds, boolean evenlyDistributed, boolean multiLabel) {
        this.thresholds = thresholds.clone();
        for (int i = 0; i < this.thresholds.length; i++) {
            this.thresholds[i] = (float) this.thresholds[i]; // Keras compares in float32
        }
        this.evenlyDistributed = evenlyDistributed;
        this.multiLabel = multiLabel;
        if (!multiLabel) {
            allocate(1);
        }
    }

    private void allocate(int labels) {
        numLabels = labels;
        int n = thresholds.length * labels;
        tp = new double[n];
        fp = new double[n];
        tn = new double[n];
        fn = new double[n];
    }

    void reset() {
        if (tp != null) {
            java.util.Arrays.fill(tp, 0);
            java.util.Arrays.fill(fp, 0);
            java.util.Arrays.fill(tn, 0);
            java.util.Arrays.fill(fn, 0);
        }
    }

    /** Keras's {@code is_evenly_distributed_thresholds}. */
    static boolean isEvenlyDistributed(double[] t) {
        int n = t.length;
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(t[i] - (float) i / (float) (n - 1)) > LossUtils.EPSILON + 1e-5 * Math.abs((float) i / (n - 1))) {
                return false;
            }
        }
        return true;
    }

    /** Parses Keras's {@code thresholds} argument: null, a number or a list. */
    static double[] parseThresholds(Object thresholds, double def) {
        if (thresholds == null) {
            return new double[] {def};
        }
        double[] t;
        if (thresholds instanceof Number) {
            t = new double[] {((Number) thresholds).doubleValue()};
        } else if (thresholds instanceof double[]) {
            t = ((double[]) thresholds).clone();
        } else if (thresholds instanceof List) {
            List<?> l = (List<?>) thresholds;
            t = new double[l.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = ((Number) l.get(i)).doubleValue();
            }
        } else {
            throw new IllegalArgumentException("thresholds must be null, a number or a list of numbers, got "
                    + thresholds);
        }
        for (double x : t) {
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("Threshold values must be in [0, 1]. Received: " + x);
            }
        }
        return t;
    }

    /** A thresholds argument as Keras stores it in a config. */
    static Object thresholdsConfig(Object thresholds) {
        if (thresholds instanceof double[]) {
            List<Object> l = new ArrayList<>();
            for (double d : (double[]) thresholds) {
                l.add(d);
            }
            return l;
        }
        return thresholds;
    }

    void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Integer topK, Integer classId) {
        Tensor[] p = LossUtils.squeezeOrExpand(AccuracyFunctions.f64(yPred), AccuracyFunctions.f64(yTrue));
        Tensor yp = p[0];
        Tensor yt = p[1];
        if (!Shape.equal(yp.shape(), yt.shape())) {
            throw new IllegalArgumentException("Confusion-matrix metric: y_true shape " + Shape.keras(yTrue.shape())
                    + " does not match y_pred shape " + Shape.keras(yPred.shape())
                    + "; give labels of the same shape as the predictions (one-hot for several classes)");
        }
        Tensor sw = null;
        if (sampleWeight != null) {
            sw = AccuracyFunctions.f64(sampleWeight).unsqueeze(-1);
            sw = LossUtils.squeezeOrExpand(yt, sw, false)[1];
        }
        if (topK != null) {
            yp = filterTopK(yp, topK);
        }
        if (classId != null) {
            if (yp.rank() < 2) {
                throw new IllegalArgumentException("When class_id is provided, y_pred must be a 2D array with shape"
                        + " (num_samples, num_classes), found shape: " + Shape.keras(yPred.shape()));
            }
            yt = yt.slice(-1, classId, classId + 1);
            yp = yp.slice(-1, classId, classId + 1);
        }
        double[] w = sw == null ? null : sw.broadcastTo(yp.shape()).toDoubleArray();
        double[] pv = yp.toDoubleArray();
        double[] tv = yt.toDoubleArray();
        int labels = 1;
        if (multiLabel) {
            for (int i = 1; i < yp.rank(); i++) {
                labels *= yp.dim(i);
            }
            if (tp == null) {
                allocate(labels);
            } else if (labels != numLabels) {
                throw new IllegalArgumentException("multi-label metric built for " + numLabels + " labels received "
                        + labels + " (y_pred shape " + Shape.keras(yPred.shape()) + ")");
            }
        }
        int nt = thresholds.length;
        if (evenlyDistributed) {
            boolean withEpsilon = thresholds[0] < 0 || thresholds[nt - 1] > 1;
            double[] tpb = new double[nt * numLabels];
            double[] fpb = new double[nt * numLabels];
            double[] totalTrue = new double[numLabels];
            double[] totalFalse = new double[numLabels];
            for (int i = 0; i < pv.length; i++) {
                int label = multiLabel ? i % numLabels : 0;
                float pr = (float) Math.min(1.0, Math.max(0.0, pv[i]));
                int bucket = (int) ((float) Math.ceil(pr * (float) (nt - 1)) - 1f);
                if (withEpsilon && bucket < 0) {
                    bucket = 0;
                }
                double weight = w == null ? 1 : w[i];
                double t = tv[i] != 0 ? 1 : 0;
                totalTrue[label] += t * weight;
                totalFalse[label] += (1 - t) * weight;
                if (bucket >= 0) {
                    tpb[bucket * numLabels + label] += t * weight;
                    fpb[bucket * numLabels + label] += (1 - t) * weight;
                }
            }
            for (int l = 0; l < numLabels; l++) {
                double ctp = 0;
                double cfp = 0;
                for (int j = nt - 1; j >= 0; j--) {
                    ctp += tpb[j * numLabels + l];
                    cfp += fpb[j * numLabels + l];
                    tp[j * numLabels + l] += ctp;
                    fp[j * numLabels + l] += cfp;
                    tn[j * numLabels + l] += totalFalse[l] - cfp;
                    fn[j * numLabels + l] += totalTrue[l] - ctp;
                }
            }
            return;
        }
        for (int j = 0; j < nt; j++) {
            double th = thresholds[j];
            for (int i = 0; i < pv.length; i++) {
                int k = j * numLabels + (multiLabel ? i % numLabels : 0);
                double weight = w == null ? 1 : w[i];
                boolean pos = pv[i] > th;
                boolean label = tv[i] != 0;
                if (label && pos) {
                    tp[k] += weight;
                } else if (!label && pos) {
                    fp[k] += weight;
                } else if (!label) {
                    tn[k] += weight;
                } else {
                    fn[k] += weight;
                }
            }
        }
    }

    /** Keeps the top {@code k} values of each row (first index wins ties) and sets the rest to {@link #NEG_INF}. */
    static Tensor filterTopK(Tensor x, int k) {
        int c = x.dim(-1);
        double[] v = x.toDoubleArray();
        double[] out = new double[v.length];
        for (int r = 0; r < v.length / c; r++) {
            boolean[] keep = new boolean[c];
            for (int n = 0; n < Math.min(k, c); n++) {
                int best = -1;
                for (int i = 0; i < c; i++) {
                    if (!keep[i] && (best < 0 || v[r * c + i] > v[r * c + best])) {
                        best = i;
                    }
                }
                keep[best] = true;
            }
            for (int i = 0; i < c; i++) {
                out[r * c + i] = keep[i] ? v[r * c + i] : NEG_INF;
            }
        }
        return Tensor.of(out, x.shape());
    }

    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    static Tensor vector(double[] v) {
        return Tensor.of(v, v.length);
    }

    static Tensor scalarOrVector(double[] v) {
        return v.length == 1 ? Tensor.scalar(DType.FLOAT64, v[0]) : vector(v);
    }
}
