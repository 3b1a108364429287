package dev.airfoil.evaluation.ensemble;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Bootstrap;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.Parallel;
import dev.airfoil.evaluation.ProbabilisticLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.evaluation.trees.DecisionTree;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Bootstrap aggregating (Breiman 1996): every member learns from its own bootstrap sample of the rows
 * (and, optionally, a random subset of the features); the ensemble votes (classification) or averages
 * (regression). Rows a member never saw score it "out of bag", an almost free estimate of the
 * ensemble's test score.
 *
 * <p>Members are any {@link Learner} factory: decision trees (a random forest is
 * {@code maxFeatures} per node on the trees plus bagging), or small neural networks through
 * {@link dev.airfoil.evaluation.ModelLearner}. With feature subsets, a neural network's first layer
 * must build lazily from its input (no fixed {@code Input} width). Members train in parallel;
 * member {@code i} draws with {@code SeedStreams.derive(seed, i)}, so results do not depend on the
 * number of threads.
 *
 * <pre>{@code
 * Bagging bag = Bagging.of(DecisionTreeClassifier::new).estimators(50).oobScore(true).seed(0);
 * bag.fit(xTrain, yTrain, null);
 * double acc = Scorer.ACCURACY.score(yTest, bag.predict(xTest));
 * double oob = bag.oobScore();
 * }</pre>
 */
public final class Bagging implements ProbabilisticLearner {

    /** How members' predictions are combined for classification. */
    public enum Voting {
        /** Average the members' class probabilities (when they give them), else count votes. */
        SOFT,
        /** Majority vote of the predicted labels (ties to the smaller label). */
        HARD
    }

    private final Supplier<? extends Learner> factory;
    private int estimators = 10;
    private double maxSamples = 1.0;
    private double maxFeatures = 1.0;
    private boolean bootstrap = true;
    private boolean bootstrapFeatures;
    private Voting voting = Voting.SOFT;
    private boolean oob;
    private long seed;
    private int parallelism = Parallel.defaultParallelism();

    private final List<Learner> members = new ArrayList<>();
    private final List<int[]> featureSets = new ArrayList<>();
    private boolean classifier;
    private int k;
    private double oobScore = Double.NaN;
    private double[] oobDecision;

    private Bagging(Supplier<? extends Learner> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    /**
     * A bagging ensemble of fresh learners from a factory (10 members, full-size bootstrap samples, all
     * features, soft voting, seed 0).
     *
     * @param factory returns a fresh, untrained learner
     * @return the ensemble
     */
    public static Bagging of(Supplier<? extends Learner> factory) {
        return new Bagging(factory);
    }

    /** Number of members. */
    public Bagging estimators(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("estimators must be >= 1, but was " + n);
        }
        this.estimators = n;
        return this;
    }

    /** Rows per member as a fraction of the training rows (default 1.0). */
    public Bagging maxSamples(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("maxSamples must be in (0, 1], but was " + fraction);
        }
        this.maxSamples = fraction;
        return this;
    }

    /** Features per member as a fraction of all features (default 1.0: all). */
    public Bagging maxFeatures(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("maxFeatures must be in (0, 1], but was " + fraction);
        }
        this.maxFeatures = fraction;
        return this;
    }

    /** Draw rows with replacement (default) or without (pasting). */
    public Bagging bootstrap(boolean withReplacement) {
        this.bootstrap = withReplacement;
        return this;
    }

    /** Draw features with replacement (default: without). */
    public Bagging bootstrapFeatures(boolean withReplacement) {
        this.bootstrapFeatures = withReplacement;
        return this;
    }

    /** Soft (probabilities) or hard (labels) voting. */
    public Bagging voting(Voting v) {
        this.voting = Objects.requireNonNull(v);
        return this;
    }

    /** Computes the out-of-bag score during {@code fit}. */
    public Bagging oobScore(boolean on) {
        this.oob = on;
        return this;
    }

    /** Seed of the samples and of the members' own randomness. */
    public Bagging seed(long s) {
        this.seed = s;
        return this;
    }

    /** Threads used to train members. */
    public Bagging parallelism(int threads) {
        this.parallelism = Math.max(1, threads);
        return this;
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        int n = x.dim(0);
        int d = x.rank() == 2 ? x.dim(1) : -1;
        classifier = Arrays2.isClassification(y);
        int[] labels = classifier ? Arrays2.labels(y) : null;
        k = classifier ? Arrays2.numClasses(labels) : 1;
        int rows = Math.max(1, (int) (maxSamples * n));
        int feats = d < 0 ? -1 : Math.max(1, (int) (maxFeatures * d));
        if (feats >= 0 && feats < d && x.rank() != 2) {
            throw new IllegalArgumentException("feature subsets need x of shape (samples, features)");
        }
        record Member(Learner learner, int[] rows, int[] features, boolean[] inBag) {
        }
        List<Member> trained = Parallel.map(estimators, parallelism, seed, i -> {
            SplittableRandom rng = new SplittableRandom(SeedStreams.derive(seed, i));
            int[] idx;
            if (bootstrap) {
                idx = Bootstrap.sample(n, rows, rng.nextLong()).inBag();
            } else {
                idx = Arrays.copyOf(SeedStreams.permutation(n, rng.nextLong()), rows);
            }
            int[] fs = null;
            if (feats >= 0 && feats < d) {
                if (bootstrapFeatures) {
                    fs = new int[feats];
                    for (int j = 0; j < feats; j++) {
                        fs[j] = rng.nextInt(d);
                    }
                } else {
                    fs = Arrays.copyOf(SeedStreams.permutation(d, rng.nextLong()), feats);
                }
                Arrays.sort(fs);
            }
            Learner l = factory.get();
            if (l instanceof DecisionTree<?> t) {
                t.seed(rng.nextLong());
            }
            if (l instanceof dev.airfoil.evaluation.trees.DecisionTreeClassifier c) {
                c.numClasses(k);
            }
            Tensor xs = Arrays2.rows(x, idx);
            if (fs != null) {
                xs = xs.take(Tensor.ofInts(fs, fs.length), 1);
            }
            Tensor w = sampleWeight == null ? null : Arrays2.rows(sampleWeight, idx);
            l.fit(xs, Arrays2.rows(y, idx), w);
            boolean[] in = new boolean[n];
            for (int r : idx) {
                in[r] = true;
            }
            return new Member(l, idx, fs, in);
        });
        members.clear();
        featureSets.clear();
        for (Member m : trained) {
            members.add(m.learner());
            featureSets.add(m.features());
        }
        if (oob) {
            double[] agg = new double[n * k];
            int[] votes = new int[n];
            for (int i = 0; i < members.size(); i++) {
                Member m = trained.get(i);
                int[] out = outOfBag(m.inBag());
                if (out.length == 0) {
                    continue;
                }
                double[] p = memberOutput(i, Arrays2.rows(x, out));
                for (int j = 0; j < out.length; j++) {
                    votes[out[j]]++;
                    for (int c = 0; c < k; c++) {
                        agg[out[j] * k + c] += p[j * k + c];
                    }
                }
            }
            oobDecision = agg;
            int have = 0;
            for (int v : votes) {
                have += v > 0 ? 1 : 0;
            }
            int[] seen = new int[have];
            double[] pred = new double[have];
            int q = 0;
            for (int r = 0; r < n; r++) {
                if (votes[r] > 0) {
                    seen[q] = r;
                    pred[q] = classifier ? argmax(agg, r, k) : agg[r] / votes[r];
                    q++;
                }
            }
            if (have > 0) {
                Tensor yt = Arrays2.rows(y, seen);
                Tensor yp = classifier ? Arrays2.labelTensor(toInts(pred)) : Arrays2.floatTensor(pred);
                oobScore = (classifier ? Scorer.ACCURACY : Scorer.R2).score(yt, yp);
            }
        }
    }

    private static int[] outOfBag(boolean[] in) {
        int c = 0;
        for (boolean b : in) {
            c += b ? 0 : 1;
        }
        int[] o = new int[c];
        int q = 0;
        for (int i = 0; i < in.length; i++) {
            if (!in[i]) {
                o[q++] = i;
            }
        }
        return o;
    }

    /** Member i's output on rows: probabilities or one-hot votes (classification), values (regression). */
    private double[] memberOutput(int i, Tensor x) {
        int[] fs = featureSets.get(i);
        Tensor xs = fs == null ? x : x.take(Tensor.ofInts(fs, fs.length), 1);
        Learner l = members.get(i);
        int n = x.dim(0);
        if (!classifier) {
            return Arrays2.values(l.predict(xs));
        }
        double[] out = new double[n * k];
        if (voting == Voting.SOFT && l instanceof ProbabilisticLearner p) {
            double[] pr = Arrays2.values(p.predictProba(xs));
            int kk = pr.length / Math.max(1, n);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < Math.min(k, kk); c++) {
                    out[r * k + c] = pr[r * kk + c];
                }
            }
        } else {
            int[] lab = Arrays2.labels(l.predict(xs));
            for (int r = 0; r < n; r++) {
                if (lab[r] < k) {
                    out[r * k + lab[r]] = 1;
                }
            }
        }
        return out;
    }

    private double[] aggregate(Tensor x) {
        if (members.isEmpty()) {
            throw new IllegalStateException("call fit before predict");
        }
        int n = x.dim(0);
        double[] sum = new double[n * k];
        for (int i = 0; i < members.size(); i++) {
            double[] p = memberOutput(i, x);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += p[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= members.size();
        }
        return sum;
    }

    @Override
    public Tensor predict(Tensor x) {
        double[] a = aggregate(x);
        if (!classifier) {
            return Arrays2.floatTensor(a);
        }
        int n = x.dim(0);
        int[] lab = new int[n];
        for (int r = 0; r < n; r++) {
            lab[r] = (int) argmax(a, r, k);
        }
        return Arrays2.labelTensor(lab);
    }

    @Override
    public Tensor predictProba(Tensor x) {
        if (!classifier) {
            throw new IllegalStateException("predictProba needs a classification ensemble");
        }
        double[] a = aggregate(x);
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return Tensor.of(f, x.dim(0), k);
    }

    /** The out-of-bag accuracy (classification) or R² (regression); NaN unless {@code oobScore(true)}. */
    public double oobScore() {
        return oobScore;
    }

    /** Summed out-of-bag outputs per row and class (row-major), or null. */
    public double[] oobDecision() {
        return oobDecision == null ? null : oobDecision.clone();
    }

    /** The trained members. */
    public List<Learner> members() {
        return List.copyOf(members);
    }

    /** The feature indices of each member (null entries: all features). */
    public List<int[]> featureSets() {
        return new ArrayList<>(featureSets);
    }

    private static double argmax(double[] a, int row, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (a[row * k + c] > a[row * k + best]) {
                best = c;
            }
        }
        return best;
    }

    private static int[] toInts(double[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (int) v[i];
        }
        return o;
    }
}
