package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The bootstrap: resampling with replacement (with the out-of-bag indices of each resample),
 * confidence intervals for any statistic or metric (percentile and BCa), and Efron's .632 and .632+
 * estimates of a learner's prediction error.
 *
 * <p>Round {@code i} of a run with seed {@code s} draws with {@code SeedStreams.derive(s, i)}, so
 * results are the same however rounds are spread over threads.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.metricInterval(Scorer.ACCURACY, yTest, model.predict(xTest),
 *         2000, 0.95, Bootstrap.Method.BCA, 7);
 * Bootstrap.Estimate632 e = Bootstrap.point632(() -> new DecisionTreeClassifier().maxDepth(3), x, y,
 *         Bootstrap.PointLoss.ZERO_ONE, 50, 1);
 * }</pre>
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** How a confidence interval is computed from the replicates. */
    public enum Method {
        /** The replicates' quantiles at (1 - level)/2 and (1 + level)/2. */
        PERCENTILE,
        /** Bias-corrected and accelerated (Efron 1987): quantiles shifted by the median bias z0 and the
         *  jackknife acceleration a, as {@code scipy.stats.bootstrap(method='BCa')}. */
        BCA
    }

    /**
     * One bootstrap resample.
     *
     * @param inBag    the drawn indices, in draw order (with repeats)
     * @param outOfBag the indices never drawn, ascending
     */
    public record Sample(int[] inBag, int[] outOfBag) {
        /** Copies the arrays. */
        public Sample {
            inBag = inBag.clone();
            outOfBag = outOfBag.clone();
        }
    }

    /**
     * Draws {@code n} of {@code n} indices with replacement.
     *
     * @param n    population size
     * @param seed seed
     * @return the sample and its out-of-bag indices
     */
    public static Sample sample(int n, long seed) {
        return sample(n, n, seed);
    }

    /**
     * Draws {@code size} of {@code n} indices with replacement.
     *
     * @param n    population size
     * @param size draws
     * @param seed seed
     * @return the sample and its out-of-bag indices
     */
    public static Sample sample(int n, int size, long seed) {
        if (n <= 0 || size <= 0) {
            throw new IllegalArgumentException("bootstrap needs n > 0 and size > 0, got n=" + n + ", size=" + size);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] bag = new int[size];
        boolean[] drawn = new boolean[n];
        for (int i = 0; i < size; i++) {
            bag[i] = rng.nextInt(n);
            drawn[bag[i]] = true;
        }
        int oob = 0;
        for (boolean d : drawn) {
            oob += d ? 0 : 1;
        }
        int[] out = new int[oob];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!drawn[i]) {
                out[k++] = i;
            }
        }
        return new Sample(bag, out);
    }

    /**
     * {@code rounds} resamples; round {@code i} uses seed {@code SeedStreams.derive(seed, i)}.
     *
     * @param n      population size
     * @param rounds number of resamples
     * @param seed   base seed
     * @return the resamples
     */
    public static List<Sample> samples(int n, int rounds, long seed) {
        List<Sample> out = new ArrayList<>(rounds);
        for (int r = 0; r < rounds; r++) {
            out.add(sample(n, SeedStreams.derive(seed, r)));
        }
        return out;
    }

    /**
     * A confidence interval for a statistic of {@code n} items, given as a function of an index array
     * (the items of one resample, with repeats).
     *
     * @param n         number of items
     * @param statistic the statistic of the items at the given indices
     * @param rounds    bootstrap replicates (1000+ for BCa)
     * @param level     confidence level in (0, 1)
     * @param method    percentile or BCa
     * @param seed      seed
     * @return the interval
     */
    public static ConfidenceInterval confidenceInterval(int n, ToDoubleFunction<int[]> statistic, int rounds,
                                                        double level, Method method, long seed) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + level);
        }
        if (rounds < 2) {
            throw new IllegalArgumentException("need at least 2 bootstrap rounds, got " + rounds);
        }
        int[] all = KFold.identity(n);
        double theta = statistic.applyAsDouble(all);
        double[] reps = new double[rounds];
        SplittableRandom rng = new SplittableRandom(seed);
        int[] idx = new int[n];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(n);
            }
            reps[r] = statistic.applyAsDouble(idx.clone());
        }
        double alpha = (1 - level) / 2;
        double lowQ = alpha;
        double highQ = 1 - alpha;
        if (method == Method.BCA) {
            int less = 0;
            int lessEq = 0;
            for (double v : reps) {
                less += v < theta ? 1 : 0;
                lessEq += v <= theta ? 1 : 0;
            }
            double z0 = Normal.quantile((less + lessEq) / (2.0 * rounds));
            double[] jack = new double[n];
            int[] loo = new int[n - 1];
            for (int i = 0; i < n; i++) {
                for (int j = 0, k = 0; j < n; j++) {
                    if (j != i) {
                        loo[k++] = j;
                    }
                }
                jack[i] = statistic.applyAsDouble(loo.clone());
            }
            double dot = Arrays2.mean(jack);
            double num = 0;
            double den = 0;
            for (double t : jack) {
                double d = dot - t;
                num += d * d * d;
                den += d * d;
            }
            double a = den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
            double zl = Normal.quantile(alpha);
            double zh = -zl;
            lowQ = Normal.cdf(z0 + (z0 + zl) / (1 - a * (z0 + zl)));
            highQ = Normal.cdf(z0 + (z0 + zh) / (1 - a * (z0 + zh)));
        }
        double[] sorted = reps.clone();
        Arrays.sort(sorted);
        double se = 0;
        double m = Arrays2.mean(reps);
        for (double v : reps) {
            se += (v - m) * (v - m);
        }
        se = Math.sqrt(se / (rounds - 1));
        return new ConfidenceInterval(theta, quantile(sorted, lowQ), quantile(sorted, highQ), level, method, se,
                rounds);
    }

    /**
     * A confidence interval for a metric of fixed predictions (resampling the test examples).
     *
     * @param scorer the metric
     * @param yTrue  true labels or targets
     * @param yPred  predictions
     * @param rounds bootstrap replicates
     * @param level  confidence level
     * @param method percentile or BCa
     * @param seed   seed
     * @return the interval
     */
    public static ConfidenceInterval metricInterval(Scorer scorer, Tensor yTrue, Tensor yPred, int rounds,
                                                    double level, Method method, long seed) {
        boolean cls = Arrays2.isClassification(yTrue);
        double[] t = Arrays2.values(yTrue);
        double[] p = Arrays2.values(yPred);
        return confidenceInterval(t.length, idx -> {
            double[] ts = new double[idx.length];
            double[] ps = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                ts[i] = t[idx[i]];
                ps[i] = p[idx[i]];
            }
            Tensor tt = cls ? Arrays2.labelTensor(toInts(ts)) : Arrays2.doubleTensor(ts);
            Tensor pt = cls ? Arrays2.labelTensor(toInts(ps)) : Arrays2.doubleTensor(ps);
            return scorer.score(tt, pt);
        }, rounds, level, method, seed);
    }

    /**
     * A confidence interval for the mean of values.
     *
     * @param values the data
     * @param rounds replicates
     * @param level  confidence level
     * @param method percentile or BCa
     * @param seed   seed
     * @return the interval
     */
    public static ConfidenceInterval meanInterval(double[] values, int rounds, double level, Method method,
                                                  long seed) {
        double[] v = values.clone();
        return confidenceInterval(v.length, idx -> {
            double s = 0;
            for (int i : idx) {
                s += v[i];
            }
            return s / idx.length;
        }, rounds, level, method, seed);
    }

    /** Quantile of sorted values with linear interpolation (NumPy's default {@code percentile}). */
    static double quantile(double[] sorted, double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        double pos = Math.max(0, Math.min(1, q)) * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int[] toInts(double[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (int) v[i];
        }
        return o;
    }

    // ------------------------------------------------------------------ .632 and .632+

    /** A loss per example, for the .632 estimates. */
    @FunctionalInterface
    public interface PointLoss {
        /** 1 when the predicted label differs, else 0. */
        PointLoss ZERO_ONE = (y, p) -> y == p ? 0 : 1;
        /** (y - p)². */
        PointLoss SQUARED = (y, p) -> (y - p) * (y - p);

        /**
         * @param y    true label or target
         * @param yHat prediction
         * @return the loss
         */
        double loss(double y, double yHat);
    }

    /**
     * Efron's bootstrap error estimates (Efron and Tibshirani 1997).
     *
     * @param trainingError  ērr: resubstitution error of a learner fitted on all the data
     * @param outOfBagError  Err⁽¹⁾: leave-one-out bootstrap error (each example scored only by the
     *                       rounds that left it out)
     * @param noInformation  γ: error when inputs and labels are independent (all pairs i, j)
     * @param relativeOverfitting R in [0, 1]
     * @param err632         0.368 ērr + 0.632 Err⁽¹⁾
     * @param err632plus     (1 - w) ērr + w Err⁽¹⁾' with w = 0.632 / (1 - 0.368 R)
     * @param rounds         bootstrap rounds
     */
    public record Estimate632(double trainingError, double outOfBagError, double noInformation,
                              double relativeOverfitting, double err632, double err632plus, int rounds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "train err %.4f, OOB err %.4f, no-information %.4f, R %.3f -> .632: %.4f, .632+: %.4f",
                    trainingError, outOfBagError, noInformation, relativeOverfitting, err632, err632plus);
        }
    }

    /**
     * The .632 and .632+ error estimates of a learner factory (rounds run in parallel).
     *
     * @param factory returns fresh learners
     * @param x       features
     * @param y       labels or targets
     * @param loss    per-example loss
     * @param rounds  bootstrap rounds (50-200 is typical)
     * @param seed    seed
     * @return the estimates
     */
    public static Estimate632 point632(Supplier<? extends Learner> factory, Tensor x, Tensor y, PointLoss loss,
                                       int rounds, long seed) {
        int n = y.dim(0);
        double[] yv = Arrays2.values(y);
        List<double[]> oob = Parallel.map(rounds + 1, Parallel.defaultParallelism(), seed, r -> {
            Learner l = factory.get();
            if (r == rounds) {
                l.fit(x, y, null);
                return Arrays2.values(l.predict(x));
            }
            Sample s = sample(n, SeedStreams.derive(seed, r));
            l.fit(Arrays2.rows(x, s.inBag()), Arrays2.rows(y, s.inBag()), null);
            double[] lossAt = new double[n];
            Arrays.fill(lossAt, Double.NaN);
            if (s.outOfBag().length > 0) {
                double[] p = Arrays2.values(l.predict(Arrays2.rows(x, s.outOfBag())));
                for (int j = 0; j < p.length; j++) {
                    int i = s.outOfBag()[j];
                    lossAt[i] = loss.loss(yv[i], p[j]);
                }
            }
            return lossAt;
        });
        return estimate632(yv, oob.get(rounds), oob, loss, rounds);
    }

    /**
     * The .632 and .632+ arithmetic (Efron and Tibshirani 1997) from per-sample losses: {@code full}
     * holds the predictions of the model fitted on all data, {@code oob.get(r)[i]} the out-of-bag loss
     * of sample i in round r (NaN when i was in the bag). Shared by the local and the Spark bootstrap,
     * so both give the same doubles.
     */
    public static Estimate632 estimate632(double[] yv, double[] full, List<double[]> oob, PointLoss loss, int rounds) {
        int n = yv.length;
        double err = 0;
        for (int i = 0; i < n; i++) {
            err += loss.loss(yv[i], full[i]);
        }
        err /= n;
        double err1 = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int c = 0;
            for (int r = 0; r < rounds; r++) {
                double v = oob.get(r)[i];
                if (!Double.isNaN(v)) {
                    s += v;
                    c++;
                }
            }
            if (c > 0) {
                err1 += s / c;
                counted++;
            }
        }
        err1 = counted == 0 ? err : err1 / counted;
        double gamma = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gamma += loss.loss(yv[i], full[j]);
            }
        }
        gamma /= (double) n * n;
        double err1p = Math.min(err1, gamma);
        double r = (err1p > err && gamma > err) ? (err1p - err) / (gamma - err) : 0;
        r = Math.max(0, Math.min(1, r));
        double w = 0.632 / (1 - 0.368 * r);
        double e632 = 0.368 * err + 0.632 * err1;
        double e632p = (1 - w) * err + w * err1p;
        return new Estimate632(err, err1, gamma, r, e632, e632p, rounds);
    }
}
