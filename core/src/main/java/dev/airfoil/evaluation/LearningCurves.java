package dev.airfoil.evaluation;

import dev.airfoil.callbacks.History;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Learning curves: per epoch, from a training {@link History} ({@link #fromHistory}), and over
 * training-set size ({@link #overTrainingSize}), as scikit-learn's {@code learning_curve}.
 *
 * <pre>{@code
 * EpochCurves c = LearningCurves.fromHistory(history);
 * Diagnosis d = c.diagnose();
 *
 * SizeCurve s = LearningCurves.overTrainingSize(() -> new DecisionTreeClassifier().maxDepth(4), x, y,
 *         new double[] {0.1, 0.25, 0.5, 0.75, 1.0}, new StratifiedKFold(5), Scorer.ACCURACY, 42);
 * System.out.print(s.table());
 * }</pre>
 */
public final class LearningCurves {
    private LearningCurves() {
    }

    /**
     * The per-epoch curves of a history.
     *
     * @param history returned by {@code fit}
     * @return the curves
     */
    public static EpochCurves fromHistory(History history) {
        return fromHistory(history.history());
    }

    /**
     * The per-epoch curves of a history map.
     *
     * @param history name to per-epoch values
     * @return the curves
     */
    public static EpochCurves fromHistory(Map<String, ? extends List<? extends Number>> history) {
        Map<String, double[]> m = new LinkedHashMap<>();
        history.forEach((k, v) -> m.put(k, v.stream().mapToDouble(n -> n == null ? Double.NaN : n.doubleValue())
                .toArray()));
        return new EpochCurves(m);
    }

    /**
     * Scores a learner trained on growing subsets of each fold's training part. Subset sizes are
     * fractions of the smallest training part; the subset is a prefix of the fold's training indices
     * shuffled with the fold's seed, so small subsets still mix the classes. (fold, size) tasks run in
     * parallel.
     *
     * @param factory   fresh learners
     * @param x         features
     * @param y         labels or targets
     * @param fractions sizes as fractions in (0, 1], ascending
     * @param folds     the cross-validation scheme
     * @param scorer    the score
     * @param seed      seed
     * @return the curve
     */
    public static SizeCurve overTrainingSize(Supplier<? extends Learner> factory, Tensor x, Tensor y,
                                             double[] fractions, Splitter folds, Scorer scorer, long seed) {
        List<Fold> fs = folds.split(y);
        int minTrain = fs.stream().mapToInt(f -> f.train().length).min().orElseThrow();
        int[] sizes = new int[fractions.length];
        for (int i = 0; i < sizes.length; i++) {
            if (!(fractions[i] > 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("fractions must be in (0, 1], got " + fractions[i]);
            }
            sizes[i] = Math.max(2, (int) Math.floor(fractions[i] * minTrain));
        }
        int s = sizes.length;
        List<double[]> res = Parallel.map(fs.size() * s, Parallel.defaultParallelism(), seed, t -> {
            int f = t / s;
            int size = sizes[t % s];
            int[] train = fs.get(f).train().clone();
            SeedStreams.shuffle(train, new SplittableRandom(SeedStreams.derive(seed ^ 0x5EED, f)));
            int[] sub = Arrays.copyOf(train, size);
            Arrays.sort(sub);
            Learner l = factory.get();
            Tensor xs = Arrays2.rows(x, sub);
            Tensor ys = Arrays2.rows(y, sub);
            l.fit(xs, ys, null);
            int[] test = fs.get(f).test();
            double tr = scorer.score(ys, l.predict(xs));
            double va = scorer.score(Arrays2.rows(y, test), l.predict(Arrays2.rows(x, test)));
            return new double[] {tr, va};
        });
        double[] tm = new double[s];
        double[] ts = new double[s];
        double[] vm = new double[s];
        double[] vs = new double[s];
        for (int j = 0; j < s; j++) {
            double[] a = new double[fs.size()];
            double[] b = new double[fs.size()];
            for (int f = 0; f < fs.size(); f++) {
                a[f] = res.get(f * s + j)[0];
                b[f] = res.get(f * s + j)[1];
            }
            tm[j] = Arrays2.mean(a);
            ts[j] = Arrays2.std(a);
            vm[j] = Arrays2.mean(b);
            vs[j] = Arrays2.std(b);
        }
        return new SizeCurve(scorer.name(), sizes, tm, ts, vm, vs);
    }
}
