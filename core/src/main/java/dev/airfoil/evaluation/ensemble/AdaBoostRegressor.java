package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.Parallel;
import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.evaluation.trees.DecisionTreeRegressor;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * AdaBoost.R2 for regression (Drucker 1997), as scikit-learn's {@code AdaBoostRegressor}: each round
 * fits a learner on a weighted resample of the rows (or with the weights directly, see
 * {@link #resample(boolean)}), scales its absolute errors to [0, 1] by the largest one (linear, square
 * or exponential loss), computes the weighted average loss {@code L}, and with {@code β = L / (1 - L)}
 * gives the learner the weight {@code lr * log(1/β)} and multiplies row weights by
 * {@code β^((1 - loss_i) * lr)}. Stops when {@code L >= 0.5}. Predicts the weighted median of the
 * members.
 *
 * <pre>{@code
 * AdaBoostRegressor r2 = new AdaBoostRegressor(() -> new DecisionTreeRegressor().maxDepth(3)).estimators(50);
 * }</pre>
 */
public final class AdaBoostRegressor implements Learner {

    /** How absolute errors (scaled to [0, 1]) become losses. */
    public enum Loss {
        /** e. */
        LINEAR,
        /** e². */
        SQUARE,
        /** 1 - exp(-e). */
        EXPONENTIAL
    }

    private final Supplier<? extends Learner> factory;
    private int estimators = 50;
    private double learningRate = 1.0;
    private Loss loss = Loss.LINEAR;
    private boolean resample = true;
    private long seed;
    private final List<Learner> members = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    /**
     * @param weakLearner returns a fresh regression learner
     */
    public AdaBoostRegressor(Supplier<? extends Learner> weakLearner) {
        this.factory = Objects.requireNonNull(weakLearner);
    }

    /** AdaBoost.R2 over regression trees of depth 3 (scikit-learn's default weak learner). */
    public static AdaBoostRegressor withTrees() {
        return new AdaBoostRegressor(() -> new DecisionTreeRegressor().maxDepth(3));
    }

    /** Maximum number of rounds (default 50). */
    public AdaBoostRegressor estimators(int n) {
        this.estimators = Math.max(1, n);
        return this;
    }

    /** Shrinkage (default 1.0). */
    public AdaBoostRegressor learningRate(double lr) {
        this.learningRate = lr;
        return this;
    }

    /** The loss (default linear). */
    public AdaBoostRegressor loss(Loss l) {
        this.loss = Objects.requireNonNull(l);
        return this;
    }

    /** Weighted resampling of rows (default, as Drucker and scikit-learn) or weights passed to the learner. */
    public AdaBoostRegressor resample(boolean on) {
        this.resample = on;
        return this;
    }

    /** Seed of the resampling and of the learners. */
    public AdaBoostRegressor seed(long s) {
        this.seed = s;
        return this;
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        Parallel.isolated(() -> fitHere(x, y, sampleWeight));
    }

    private void fitHere(Tensor x, Tensor y, Tensor sampleWeight) {
        double[] yv = Arrays2.values(y);
        int n = yv.length;
        double[] w = sampleWeight == null ? filled(n) : Arrays2.values(sampleWeight);
        normalise(w);
        members.clear();
        weights.clear();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int round = 0; round < estimators; round++) {
            Seeds.setGlobalSeed(SeedStreams.derive(seed, round));
            Learner l = factory.get();
            if (resample) {
                int[] idx = weightedDraw(w, n, rng);
                l.fit(Arrays2.rows(x, idx), Arrays2.rows(y, idx), null);
            } else {
                l.fit(x, y, Arrays2.doubleTensor(w));
            }
            double[] p = Arrays2.values(l.predict(x));
            double[] e = new double[n];
            double max = 0;
            for (int i = 0; i < n; i++) {
                e[i] = Math.abs(p[i] - yv[i]);
                if (w[i] > 0) {
                    max = Math.max(max, e[i]);
                }
            }
            double avg = 0;
            for (int i = 0; i < n; i++) {
                if (max != 0) {
                    e[i] /= max;
                }
                if (loss == Loss.SQUARE) {
                    e[i] = e[i] * e[i];
                } else if (loss == Loss.EXPONENTIAL) {
                    e[i] = 1 - Math.exp(-e[i]);
                }
                avg += w[i] > 0 ? w[i] * e[i] : 0;
            }
            if (avg <= 0) {
                members.add(l);
                weights.add(1.0);
                break;
            }
            if (avg >= 0.5) {
                if (members.isEmpty()) {
                    members.add(l);
                    weights.add(1.0);
                }
                break;
            }
            double beta = avg / (1 - avg);
            members.add(l);
            weights.add(learningRate * Math.log(1 / beta));
            if (round < estimators - 1) {
                for (int i = 0; i < n; i++) {
                    if (w[i] > 0) {
                        w[i] *= Math.pow(beta, (1 - e[i]) * learningRate);
                    }
                }
                double s = Arrays.stream(w).sum();
                if (!(s > 0)) {
                    break;
                }
                normalise(w);
            }
        }
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static void normalise(double[] w) {
        double s = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] /= s;
        }
    }

    private static int[] weightedDraw(double[] w, int size, SplittableRandom rng) {
        double[] cdf = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i];
            cdf[i] = s;
        }
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
            double u = rng.nextDouble() * s;
            int pos = Arrays.binarySearch(cdf, u);
            pos = pos >= 0 ? pos + 1 : -pos - 1;
            out[j] = Math.min(pos, w.length - 1);
        }
        return out;
    }

    @Override
    public Tensor predict(Tensor x) {
        if (members.isEmpty()) {
            throw new IllegalStateException("call fit before predict");
        }
        int n = x.dim(0);
        int m = members.size();
        double[][] p = new double[m][];
        for (int j = 0; j < m; j++) {
            p[j] = Arrays2.values(members.get(j).predict(x));
        }
        double[] out = new double[n];
        Integer[] order = new Integer[m];
        for (int i = 0; i < n; i++) {
            final int row = i;
            for (int j = 0; j < m; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(p[a][row], p[b][row]));
            double total = 0;
            for (double wt : weights) {
                total += wt;
            }
            double cum = 0;
            int pick = order[m - 1];
            for (int j = 0; j < m; j++) {
                cum += weights.get(order[j]);
                if (cum >= 0.5 * total) {
                    pick = order[j];
                    break;
                }
            }
            out[i] = p[pick][i];
        }
        return Arrays2.floatTensor(out);
    }

    /** Number of fitted members. */
    public int size() {
        return members.size();
    }

    /** Each member's weight. */
    public double[] estimatorWeights() {
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
