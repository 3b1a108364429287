package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.Parallel;
import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.evaluation.ProbabilisticLearner;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * AdaBoost for K classes, SAMME (Zhu, Zou, Rosset and Hastie 2009; for K = 2 it is Freund and
 * Schapire's AdaBoost.M1): each round fits a weak learner with the current sample weights, gives it
 * the vote {@code lr * (log((1 - err) / err) + log(K - 1))}, and multiplies the weights of the rows it
 * got wrong by {@code exp(vote)}. Stops early when a learner is perfect, or no better than chance
 * ({@code err >= 1 - 1/K}, that learner then discarded). Same rules as scikit-learn's
 * {@code AdaBoostClassifier(algorithm="SAMME")}.
 *
 * <p>The weak learner must accept sample weights: decision stumps and shallow trees, or a small
 * neural network through {@code ModelLearner.of(factory, builder -> ...)}. Round {@code i} runs on a worker
 * thread whose seed sequence restarts at {@code SeedStreams.derive(seed, i)}.
 *
 * <pre>{@code
 * AdaBoostClassifier ada = new AdaBoostClassifier(DecisionTreeClassifier::stump).estimators(50);
 * ada.fit(xTrain, yTrain, null);
 * }</pre>
 */
public final class AdaBoostClassifier implements ProbabilisticLearner {
    private final Supplier<? extends Learner> factory;
    private int estimators = 50;
    private double learningRate = 1.0;
    private long seed;
    private final List<Learner> members = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<Double> errors = new ArrayList<>();
    private int k;

    /**
     * @param weakLearner returns a fresh weak learner that accepts sample weights
     */
    public AdaBoostClassifier(Supplier<? extends Learner> weakLearner) {
        this.factory = Objects.requireNonNull(weakLearner);
    }

    /** AdaBoost over decision stumps. */
    public static AdaBoostClassifier withStumps() {
        return new AdaBoostClassifier(DecisionTreeClassifier::stump);
    }

    /** Maximum number of rounds (default 50). */
    public AdaBoostClassifier estimators(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("estimators must be >= 1, but was " + n);
        }
        this.estimators = n;
        return this;
    }

    /** Shrinks every vote (default 1.0). */
    public AdaBoostClassifier learningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, but was " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** Seed of the weak learners' own randomness. */
    public AdaBoostClassifier seed(long s) {
        this.seed = s;
        return this;
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        Parallel.isolated(() -> fitHere(x, y, sampleWeight));
    }

    private void fitHere(Tensor x, Tensor y, Tensor sampleWeight) {
        int[] labels = Arrays2.labels(y);
        int n = labels.length;
        k = Arrays2.numClasses(labels);
        double[] w = sampleWeight == null ? null : Arrays2.values(sampleWeight);
        if (w == null) {
            w = new double[n];
            java.util.Arrays.fill(w, 1.0);
        }
        normalise(w);
        members.clear();
        weights.clear();
        errors.clear();
        for (int round = 0; round < estimators; round++) {
            Seeds.setGlobalSeed(SeedStreams.derive(seed, round));
            Learner l = factory.get();
            if (l instanceof DecisionTreeClassifier t) {
                t.numClasses(k);
            }
            l.fit(x, y, Arrays2.doubleTensor(w));
            int[] pred = Arrays2.labels(l.predict(x));
            double err = 0;
            double tot = 0;
            for (int i = 0; i < n; i++) {
                err += pred[i] != labels[i] ? w[i] : 0;
                tot += w[i];
            }
            err /= tot;
            if (err <= 0) {
                members.add(l);
                weights.add(1.0);
                errors.add(0.0);
                break;
            }
            if (err >= 1.0 - 1.0 / k) {
                if (members.isEmpty()) {
                    throw new IllegalStateException("the first weak learner is no better than chance (error " + err
                            + " >= " + (1.0 - 1.0 / k) + "); use a stronger weak learner");
                }
                break;
            }
            double alpha = learningRate * (Math.log((1 - err) / err) + Math.log(k - 1.0));
            members.add(l);
            weights.add(alpha);
            errors.add(err);
            if (round < estimators - 1) {
                for (int i = 0; i < n; i++) {
                    if (pred[i] != labels[i] && w[i] > 0) {
                        w[i] *= Math.exp(alpha);
                    }
                }
                double s = 0;
                for (double v : w) {
                    s += v;
                }
                if (!(s > 0)) {
                    break;
                }
                normalise(w);
            }
        }
    }

    private static void normalise(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= s;
        }
    }

    /** Weighted votes per class of the first {@code stages} members, divided by their total weight. */
    private double[] decision(Tensor x, int stages) {
        if (members.isEmpty()) {
            throw new IllegalStateException("call fit before predict");
        }
        int n = x.dim(0);
        double[] score = new double[n * k];
        double total = 0;
        for (int m = 0; m < stages; m++) {
            int[] p = Arrays2.labels(members.get(m).predict(x));
            double a = weights.get(m);
            total += a;
            for (int i = 0; i < n; i++) {
                score[i * k + p[i]] += a;
            }
        }
        for (int i = 0; i < score.length; i++) {
            score[i] /= total;
        }
        return score;
    }

    @Override
    public Tensor predict(Tensor x) {
        return predictStage(x, members.size());
    }

    /**
     * Predictions of the first {@code stages} members (scikit-learn's {@code staged_predict}).
     *
     * @param x      features
     * @param stages 1..{@link #size()}
     * @return labels
     */
    public Tensor predictStage(Tensor x, int stages) {
        double[] s = decision(x, stages);
        int n = x.dim(0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (s[i * k + c] > s[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return Arrays2.labelTensor(out);
    }

    /** Class probabilities: softmax of the normalised votes times {@code 1/(K-1)} (SAMME's). */
    @Override
    public Tensor predictProba(Tensor x) {
        double[] s = decision(x, members.size());
        int n = x.dim(0);
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, s[i * k + c] / Math.max(1, k - 1));
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(s[i * k + c] / Math.max(1, k - 1) - max);
            }
            for (int c = 0; c < k; c++) {
                out[i * k + c] = (float) (Math.exp(s[i * k + c] / Math.max(1, k - 1) - max) / z);
            }
        }
        return Tensor.of(out, n, k);
    }

    /** Number of fitted members (may be fewer than asked when boosting stopped early). */
    public int size() {
        return members.size();
    }

    /** Each member's vote weight. */
    public double[] estimatorWeights() {
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Each member's weighted training error. */
    public double[] estimatorErrors() {
        return errors.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The fitted members. */
    public List<Learner> members() {
        return List.copyOf(members);
    }
}
