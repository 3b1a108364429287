package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Parallel;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient boosting for regression with squared error: starts from the (weighted) mean and adds, stage
 * by stage, {@code learningRate} times a regression tree fitted to the residuals {@code y - F(x)}
 * (scikit-learn's {@code GradientBoostingRegressor(loss="squared_error")}).
 *
 * <pre>{@code
 * GradientBoostingRegressor gb = new GradientBoostingRegressor().estimators(100).maxDepth(3).learningRate(0.1);
 * gb.fit(xTrain, yTrain, null);
 * double r2 = Scorer.R2.score(yTest, gb.predict(xTest));
 * }</pre>
 */
public final class GradientBoostingRegressor extends GradientBoosting<GradientBoostingRegressor> {
    private double init;
    private final List<Stage> stages = new ArrayList<>();

    /** 100 stages of depth-3 trees, learning rate 0.1. */
    public GradientBoostingRegressor() {
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
        double[] yv = Arrays2.values(y);
        double[] w = sampleWeight == null ? null : Arrays2.values(sampleWeight);
        double sw = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += wt(w, i) * yv[i];
            sw += wt(w, i);
        }
        init = s / sw;
        double[] f = new double[n];
        java.util.Arrays.fill(f, init);
        stages.clear();
        trainLoss.clear();
        double[] r = new double[n];
        for (int m = 0; m < estimators; m++) {
            for (int i = 0; i < n; i++) {
                r[i] = yv[i] - f[i];
            }
            int[] rows = stageRows(n, m);
            Stage st = fitStage(xs, x, n, d, r, w, rows, m, 0);
            if (st.learner != null) {
                // least squares: scale = Σ w r h / Σ w h² over the stage's rows
                double[] h = st.predict(xs, x, n, d);
                boolean[] in = mask(n, rows);
                double num = 0;
                double den = 0;
                for (int i = 0; i < n; i++) {
                    if (in[i]) {
                        num += wt(w, i) * r[i] * h[i];
                        den += wt(w, i) * h[i] * h[i];
                    }
                }
                st.scale = den > 0 ? num / den : 0;
            }
            double[] h = st.predict(xs, x, n, d);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                f[i] += learningRate * h[i];
                loss += wt(w, i) * (yv[i] - f[i]) * (yv[i] - f[i]);
            }
            trainLoss.add(new double[] {loss / sw});
            stages.add(st);
        }
    }

    @Override
    public Tensor predict(Tensor x) {
        return predictStage(x, stages.size());
    }

    /**
     * Predictions after the first {@code count} stages (scikit-learn's {@code staged_predict}).
     *
     * @param x     features
     * @param count stages, 0..{@link #size()}
     * @return predictions
     */
    public Tensor predictStage(Tensor x, int count) {
        if (stages.isEmpty()) {
            throw new IllegalStateException("call fit before predict");
        }
        int n = x.dim(0);
        int d = x.dim(1);
        double[] xs = Arrays2.features(x);
        double[] f = new double[n];
        java.util.Arrays.fill(f, init);
        for (int m = 0; m < count; m++) {
            double[] h = stages.get(m).predict(xs, x, n, d);
            for (int i = 0; i < n; i++) {
                f[i] += learningRate * h[i];
            }
        }
        return Arrays2.floatTensor(f);
    }

    /** The initial prediction (weighted mean of the targets). */
    public double init() {
        return init;
    }

    /** Number of stages. */
    public int size() {
        return stages.size();
    }
}
