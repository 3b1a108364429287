package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Parallel;
import dev.airfoil.evaluation.ProbabilisticLearner;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient boosting for classification with log-loss (scikit-learn's
 * {@code GradientBoostingClassifier}): two classes use one raw score per row, starting at the prior
 * log-odds, with residuals {@code y - sigmoid(F)}; K > 2 classes use K scores per row, starting at the
 * log priors, with one tree per class and stage on {@code y_k - softmax(F)_k}. Each leaf takes the
 * Newton step {@code Σ r / Σ p(1 - p)} (times {@code (K - 1)/K} for K classes).
 *
 * <pre>{@code
 * GradientBoostingClassifier gb = new GradientBoostingClassifier().estimators(50).maxDepth(2);
 * gb.fit(xTrain, yTrain, null);
 * }</pre>
 */
public final class GradientBoostingClassifier extends GradientBoosting<GradientBoostingClassifier>
        implements ProbabilisticLearner {
    private int k;
    private double[] init;
    private final List<Stage[]> stages = new ArrayList<>();

    /** 100 stages of depth-3 trees, learning rate 0.1. */
    public GradientBoostingClassifier() {
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        Parallel.isolated(() -> fitHere(x, y, sampleWeight));
    }

    private void fitHere(Tensor x, Tensor y, Tensor sampleWeight) {
        checkRows(x, y);
        int n = x.dim(0);
        int d = x.dim(1);
        double[] xs = Arrays2.features(x);
        int[] labels = Arrays2.labels(y);
        k = Math.max(2, Arrays2.numClasses(labels));
        int cols = k == 2 ? 1 : k;
        double[] w = sampleWeight == null ? null : Arrays2.values(sampleWeight);
        double sw = 0;
        double[] prior = new double[k];
        for (int i = 0; i < n; i++) {
            prior[labels[i]] += wt(w, i);
            sw += wt(w, i);
        }
        init = new double[cols];
        double eps = Math.ulp(1.0);
        if (k == 2) {
            double p = Math.min(Math.max(prior[1] / sw, eps), 1 - eps);
            init[0] = Math.log(p / (1 - p));
        } else {
            for (int c = 0; c < k; c++) {
                init[c] = Math.log(Math.min(Math.max(prior[c] / sw, eps), 1 - eps));
            }
        }
        double[] f = new double[n * cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, f, i * cols, cols);
        }
        stages.clear();
        trainLoss.clear();
        for (int m = 0; m < estimators; m++) {
            int[] rows = stageRows(n, m);
            boolean[] in = mask(n, rows);
            double[] prob = probabilities(f, n, cols);
            Stage[] stage = new Stage[cols];
            double[] update = new double[n * cols];
            for (int c = 0; c < cols; c++) {
                int cls = k == 2 ? 1 : c;
                double[] r = new double[n];
                double[] yk = new double[n];
                for (int i = 0; i < n; i++) {
                    yk[i] = labels[i] == cls ? 1 : 0;
                    r[i] = yk[i] - prob[i * k + cls];
                }
                Stage st = fitStage(xs, x, n, d, r, w, rows, m, c);
                double factor = k == 2 ? 1.0 : (k - 1.0) / k;
                if (st.tree != null) {
                    int[] leaf = st.tree.apply(xs, n, d);
                    java.util.Map<Integer, double[]> sums = new java.util.HashMap<>();
                    for (int i = 0; i < n; i++) {
                        if (!in[i] || wt(w, i) == 0) {
                            continue;
                        }
                        double[] a = sums.computeIfAbsent(leaf[i], q -> new double[2]);
                        a[0] += wt(w, i) * r[i];
                        a[1] += wt(w, i) * (yk[i] - r[i]) * (1 - yk[i] + r[i]);
                    }
                    for (java.util.Map.Entry<Integer, double[]> e : sums.entrySet()) {
                        double num = factor * e.getValue()[0];
                        double den = e.getValue()[1];
                        st.tree.setLeafValue(e.getKey(), Math.abs(den) < 1e-150 ? 0.0 : num / den);
                    }
                } else {
                    double[] h = st.predict(xs, x, n, d);
                    double num = 0;
                    double den = 0;
                    for (int i = 0; i < n; i++) {
                        if (in[i]) {
                            double pi = prob[i * k + cls];
                            num += wt(w, i) * r[i] * h[i];
                            den += wt(w, i) * pi * (1 - pi) * h[i] * h[i];
                        }
                    }
                    st.scale = den > 1e-150 ? factor * num / den : 0;
                }
                double[] h = st.predict(xs, x, n, d);
                for (int i = 0; i < n; i++) {
                    update[i * cols + c] = learningRate * h[i];
                }
                stage[c] = st;
            }
            for (int i = 0; i < f.length; i++) {
                f[i] += update[i];
            }
            stages.add(stage);
            trainLoss.add(new double[] {deviance(f, labels, w, n, cols, sw)});
        }
    }

    /** Binomial deviance (2 × log-loss) or multinomial deviance (log-loss), as scikit-learn 1.2 reports. */
    private double deviance(double[] f, int[] labels, double[] w, int n, int cols, double sw) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double l;
            if (cols == 1) {
                double raw = f[i];
                double y = labels[i];
                l = -2 * (y * raw - logAddExp(raw));
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, f[i * cols + c]);
                }
                double z = 0;
                for (int c = 0; c < cols; c++) {
                    z += Math.exp(f[i * cols + c] - max);
                }
                l = max + Math.log(z) - f[i * cols + labels[i]];
            }
            s += wt(w, i) * l;
        }
        return s / sw;
    }

    private static double logAddExp(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    /** Probabilities (n × k) from raw scores (n × cols). */
    private double[] probabilities(double[] f, int n, int cols) {
        double[] p = new double[n * k];
        for (int i = 0; i < n; i++) {
            if (cols == 1) {
                double s = 1 / (1 + Math.exp(-f[i]));
                p[i * 2] = 1 - s;
                p[i * 2 + 1] = s;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, f[i * cols + c]);
                }
                double z = 0;
                for (int c = 0; c < cols; c++) {
                    p[i * k + c] = Math.exp(f[i * cols + c] - max);
                    z += p[i * k + c];
                }
                for (int c = 0; c < cols; c++) {
                    p[i * k + c] /= z;
                }
            }
        }
        return p;
    }

    private double[] raw(Tensor x, int count) {
        if (stages.isEmpty()) {
            throw new IllegalStateException("call fit before predict");
        }
        int n = x.dim(0);
        int d = x.dim(1);
        int cols = init.length;
        double[] xs = Arrays2.features(x);
        double[] f = new double[n * cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, f, i * cols, cols);
        }
        for (int m = 0; m < count; m++) {
            for (int c = 0; c < cols; c++) {
                double[] h = stages.get(m)[c].predict(xs, x, n, d);
                for (int i = 0; i < n; i++) {
                    f[i * cols + c] += learningRate * h[i];
                }
            }
        }
        return f;
    }

    @Override
    public Tensor predictProba(Tensor x) {
        double[] p = probabilities(raw(x, stages.size()), x.dim(0), init.length);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return Tensor.of(out, x.dim(0), k);
    }

    @Override
    public Tensor predict(Tensor x) {
        return predictStage(x, stages.size());
    }

    /**
     * Labels after the first {@code count} stages.
     *
     * @param x     features
     * @param count stages
     * @return labels
     */
    public Tensor predictStage(Tensor x, int count) {
        int n = x.dim(0);
        double[] p = probabilities(raw(x, count), n, init.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return Arrays2.labelTensor(out);
    }

    /** Number of stages. */
    public int size() {
        return stages.size();
    }

    /** The initial raw scores (log-odds, or log priors per class). */
    public double[] init() {
        return Arrays.copyOf(init, init.length);
    }
}
