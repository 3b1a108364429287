package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.evaluation.trees.DecisionTreeRegressor;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@link GradientBoostingRegressor} and {@link GradientBoostingClassifier} share: stage-wise
 * fitting of regression learners to the negative gradient of the loss (Friedman 2001), shrunk by a
 * learning rate, optionally on a random subsample of the rows per stage (stochastic gradient boosting).
 *
 * <p>With the built-in regression trees, each leaf's value is the Newton step of the loss over the rows
 * in that leaf (the mean residual for squared error), as scikit-learn does. Any other regression
 * {@link Learner} (a small neural network) can be the weak learner instead; its stage output is then
 * scaled by one Newton step over all rows.
 *
 * @param <T> the concrete type, for fluent setters
 */
public abstract class GradientBoosting<T extends GradientBoosting<T>> implements Learner {
    int estimators = 100;
    double learningRate = 0.1;
    int maxDepth = 3;
    int minSamplesLeaf = 1;
    double subsample = 1.0;
    long seed;
    Supplier<? extends Learner> weakLearner;
    final List<double[]> trainLoss = new ArrayList<>();

    GradientBoosting() {
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Number of boosting stages (default 100). */
    public T estimators(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("estimators must be >= 1, but was " + n);
        }
        this.estimators = n;
        return self();
    }

    /** Shrinkage of every stage (default 0.1). */
    public T learningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, but was " + lr);
        }
        this.learningRate = lr;
        return self();
    }

    /** Depth of the built-in trees (default 3; 1 boosts stumps). */
    public T maxDepth(int d) {
        this.maxDepth = d;
        return self();
    }

    /** Fewest rows per leaf of the built-in trees (default 1). */
    public T minSamplesLeaf(int n) {
        this.minSamplesLeaf = n;
        return self();
    }

    /** Fraction of rows drawn (without replacement) for each stage (default 1.0). */
    public T subsample(double f) {
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], but was " + f);
        }
        this.subsample = f;
        return self();
    }

    /** Seed of the subsampling and of neural weak learners. */
    public T seed(long s) {
        this.seed = s;
        return self();
    }

    /** Uses a custom regression learner per stage instead of the built-in trees. */
    public T weakLearner(Supplier<? extends Learner> factory) {
        this.weakLearner = factory;
        return self();
    }

    /** Training loss after each stage (mean squared error, binomial deviance, or multinomial deviance). */
    public double[] trainLoss() {
        return trainLoss.stream().mapToDouble(a -> a[0]).toArray();
    }

    /** Rows used by stage {@code stage}: all, or a seeded subsample (sorted). */
    int[] stageRows(int n, int stage) {
        if (subsample >= 1) {
            return null;
        }
        int m = Math.max(1, (int) (subsample * n));
        int[] r = Arrays.copyOf(SeedStreams.permutation(n, SeedStreams.derive(seed, stage)), m);
        Arrays.sort(r);
        return r;
    }

    /** One stage's learner for the residuals; returns the fitted stage. */
    Stage fitStage(double[] xs, Tensor x, int n, int d, double[] residual, double[] w, int[] rows, int stage,
                   int column) {
        if (weakLearner == null) {
            DecisionTreeRegressor t = new DecisionTreeRegressor().maxDepth(maxDepth).minSamplesLeaf(minSamplesLeaf);
            double[] ww = w;
            if (rows != null) {
                ww = w == null ? new double[n] : w.clone();
                if (w == null) {
                    for (int r : rows) {
                        ww[r] = 1;
                    }
                } else {
                    boolean[] in = new boolean[n];
                    for (int r : rows) {
                        in[r] = true;
                    }
                    for (int i = 0; i < n; i++) {
                        ww[i] = in[i] ? ww[i] : 0;
                    }
                }
            }
            t.fit(xs, n, d, residual, ww);
            return new Stage(t, null);
        }
        Seeds.setGlobalSeed(SeedStreams.derive(seed, stage * 1000 + column));
        Learner l = weakLearner.get();
        if (rows == null) {
            l.fit(x, Arrays2.doubleTensor(residual).cast(dev.airfoil.tensor.DType.FLOAT32),
                    w == null ? null : Arrays2.doubleTensor(w));
        } else {
            double[] rr = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                rr[j] = residual[rows[j]];
            }
            Tensor wr = null;
            if (w != null) {
                double[] wv = new double[rows.length];
                for (int j = 0; j < rows.length; j++) {
                    wv[j] = w[rows[j]];
                }
                wr = Arrays2.doubleTensor(wv);
            }
            l.fit(Arrays2.rows(x, rows), Arrays2.floatTensor(rr), wr);
        }
        return new Stage(null, l);
    }

    /** A fitted stage: a built-in tree, or a custom learner with a scale. */
    static final class Stage {
        final DecisionTreeRegressor tree;
        final Learner learner;
        double scale = 1.0;

        Stage(DecisionTreeRegressor tree, Learner learner) {
            this.tree = tree;
            this.learner = learner;
        }

        double[] predict(double[] xs, Tensor x, int n, int d) {
            double[] p = tree != null ? tree.predict(xs, n, d) : Arrays2.values(learner.predict(x));
            if (scale != 1.0) {
                for (int i = 0; i < p.length; i++) {
                    p[i] *= scale;
                }
            }
            return p;
        }
    }

    static boolean[] mask(int n, int[] rows) {
        boolean[] m = new boolean[n];
        if (rows == null) {
            Arrays.fill(m, true);
        } else {
            for (int r : rows) {
                m[r] = true;
            }
        }
        return m;
    }

    static double wt(double[] w, int i) {
        return w == null ? 1.0 : w[i];
    }

    static void checkRows(Tensor x, Tensor y) {
        if (x.rank() != 2 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("gradient boosting needs x (samples, features) and y (samples,);"
                    + " got x " + Arrays.toString(x.shape()) + " and y " + Arrays.toString(y.shape()));
        }
    }
}
