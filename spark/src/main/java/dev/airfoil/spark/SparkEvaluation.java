package dev.airfoil.spark;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Bootstrap;
import dev.airfoil.evaluation.CvResult;
import dev.airfoil.evaluation.Fold;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.MetricSummary;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.evaluation.Splitter;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Model evaluation with one Spark task per model to train: cross-validation folds, bootstrap
 * rounds, bagging members and hyperparameter grids. Each task trains its own fresh learner, so the
 * work spreads over any number of executors.
 *
 * <p>Same seeds, same figures as the single-machine toolkit ({@code dev.airfoil.evaluation}): the
 * folds and resamples are drawn on the driver with the toolkit's own generators, and task
 * {@code i} restarts its thread's seed sequence at {@code SeedStreams.derive(seed, i)} before it
 * builds its learner, exactly as {@code Parallel.map} does on one machine. Predictions come back to
 * the driver and are scored there by the same scorers, so scorers need not be serializable; the
 * learner factories must be ({@link SerializableSupplier}).
 *
 * <pre>{@code
 * SparkEvaluation ev = SparkEvaluation.on(jsc);
 * CvResult cv = ev.crossValidate(() -> ModelLearner.of(Nets::mlp, b -> b.epochs(5).verbose(0)),
 *         x, y, new StratifiedKFold(5), 42, Scorer.ACCURACY);
 * }</pre>
 *
 * <p>The data {@code x}, {@code y} are broadcast once per call; they must fit in each executor's
 * memory (this distributes the models, not the data; see {@link DataParallelTrainer} for data
 * larger than one machine).
 */
public final class SparkEvaluation {
    private final JavaSparkContext jsc;

    private SparkEvaluation(JavaSparkContext jsc) {
        this.jsc = Objects.requireNonNull(jsc, "jsc");
    }

    /**
     * Evaluation on a Spark context.
     *
     * @param jsc the context
     * @return the evaluator
     */
    public static SparkEvaluation on(JavaSparkContext jsc) {
        return new SparkEvaluation(jsc);
    }

    // ------------------------------------------------------------------ cross-validation

    /**
     * Cross-validation with one task per fold; equals
     * {@code CrossValidation.of(factory).folds(folds).scorers(scorers).seed(seed).run(x, y)}.
     *
     * @param factory returns a fresh, untrained learner
     * @param x       features {@code (samples, ...)}
     * @param y       labels or targets {@code (samples,)}
     * @param folds   the splitter
     * @param seed    the base seed of the folds
     * @param scorers the scorers (none: the default scorer of the targets)
     * @return per-fold and mean ± std figures (fitted learners are not kept)
     */
    public CvResult crossValidate(SerializableSupplier<? extends Learner> factory, Tensor x, Tensor y, Splitter folds,
                                  long seed, Scorer... scorers) {
        checkRows(x, y);
        List<Fold> fs = folds.split(y);
        SerializableFunction<Map<String, Object>, Learner> f = params -> factory.get();
        return gridSearch(f, List.of(Map.of()), x, y, fs, seed, scorers).results().get(0);
    }

    // ------------------------------------------------------------------ grids

    /**
     * Cross-validates every combination of a hyperparameter grid, one task per (combination,
     * fold); the result of each combination equals a local cross-validation of
     * {@code () -> factory.apply(combination)} with the same splitter and seed.
     *
     * @param factory a fresh learner for one combination ({@code name -> value})
     * @param grid    each hyperparameter's candidate values (serializable: numbers, strings);
     *                a {@link LinkedHashMap} keeps the order
     * @param x       features
     * @param y       labels or targets
     * @param folds   the splitter
     * @param seed    the base seed of the folds
     * @param scorers the scorers; the first ranks the combinations (none: the default scorer)
     * @return every combination's cross-validation and the best one
     */
    public GridResult gridSearch(SerializableFunction<Map<String, Object>, ? extends Learner> factory,
                                 Map<String, ? extends List<?>> grid, Tensor x, Tensor y, Splitter folds, long seed,
                                 Scorer... scorers) {
        checkRows(x, y);
        return gridSearch(factory, combinations(grid), x, y, folds.split(y), seed, scorers);
    }

    /**
     * The combinations of a grid, the first key varying slowest.
     *
     * @param grid each name's candidate values
     * @return every combination
     */
    public static List<Map<String, Object>> combinations(Map<String, ? extends List<?>> grid) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' has no candidate values");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : e.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** What a fold task sends back: test predictions, the learner's own figures, train predictions. */
    private record FoldOutput(int combo, int fold, TensorData testPred, LinkedHashMap<String, Double> evaluated,
                              TensorData trainPred) implements Serializable {
    }

    private GridResult gridSearch(SerializableFunction<Map<String, Object>, ? extends Learner> factory,
                                  List<Map<String, Object>> combos, Tensor x, Tensor y, List<Fold> fs, long seed,
                                  Scorer... scorers) {
        List<Scorer> sc = scorers.length == 0 ? List.of(Scorer.defaultFor(y)) : List.of(scorers);
        Broadcast<TensorData> bx = jsc.broadcast(TensorData.of(x));
        Broadcast<TensorData> by = jsc.broadcast(TensorData.of(y));
        int[][] train = fs.stream().map(Fold::train).toArray(int[][]::new);
        int[][] test = fs.stream().map(Fold::test).toArray(int[][]::new);
        List<HashMap<String, Object>> params = combos.stream().map(HashMap::new).toList();
        List<Integer> tasks = IntStream.range(0, combos.size() * fs.size()).boxed().toList();
        int nf = fs.size();
        try {
            List<FoldOutput> outs = jsc.parallelize(tasks, Math.max(1, tasks.size())).map((Function<Integer, FoldOutput>) t -> {
                int c = t / nf;
                int i = t % nf;
                Seeds.setGlobalSeed(SeedStreams.derive(seed, i));
                Tensor xa = bx.value().toTensor();
                Tensor ya = by.value().toTensor();
                Learner learner = factory.apply(new LinkedHashMap<>(params.get(c)));
                learner.fit(Arrays2.rows(xa, train[i]), Arrays2.rows(ya, train[i]), null);
                Tensor xTe = Arrays2.rows(xa, test[i]);
                TensorData pred = TensorData.of(learner.predict(xTe));
                LinkedHashMap<String, Double> ev = new LinkedHashMap<>(learner.evaluate(xTe, Arrays2.rows(ya, test[i])));
                return new FoldOutput(c, i, pred, ev, null);
            }).collect();
            List<CvResult> results = new ArrayList<>();
            int best = 0;
            for (int c = 0; c < combos.size(); c++) {
                List<Map<String, Double>> perFold = new ArrayList<>();
                for (int i = 0; i < nf; i++) {
                    FoldOutput o = outs.get(c * nf + i);
                    Tensor yTe = Arrays2.rows(y, test[i]);
                    Tensor pred = o.testPred().toTensor();
                    Map<String, Double> m = new LinkedHashMap<>();
                    for (Scorer s : sc) {
                        m.put(s.name(), s.score(yTe, pred));
                    }
                    for (Map.Entry<String, Double> e : o.evaluated().entrySet()) {
                        m.putIfAbsent(e.getKey(), e.getValue());
                    }
                    perFold.add(m);
                }
                results.add(new CvResult(fs, perFold, summarise(perFold), List.of()));
                Scorer rank = sc.get(0);
                double score = results.get(c).mean(rank.name());
                double bestScore = results.get(best).mean(rank.name());
                if (rank.greaterIsBetter() ? score > bestScore : score < bestScore) {
                    best = c;
                }
            }
            return new GridResult(combos, results, sc.get(0).name(), best);
        } finally {
            bx.destroy();
            by.destroy();
        }
    }

    static Map<String, MetricSummary> summarise(List<Map<String, Double>> perFold) {
        Map<String, MetricSummary> out = new LinkedHashMap<>();
        if (perFold.isEmpty()) {
            return out;
        }
        for (String key : perFold.get(0).keySet()) {
            double[] v = perFold.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).toArray();
            out.put(key, MetricSummary.of(key, v));
        }
        return out;
    }

    // ------------------------------------------------------------------ bootstrap

    /**
     * The .632 and .632+ bootstrap error estimates with one task per round (plus one for the fit on
     * all data); equals {@code Bootstrap.point632(factory, x, y, loss, rounds, seed)}.
     *
     * @param factory returns fresh learners
     * @param x       features
     * @param y       labels or targets
     * @param loss    per-example loss, evaluated on the driver
     * @param rounds  bootstrap rounds
     * @param seed    the seed
     * @return the estimates
     */
    public Bootstrap.Estimate632 bootstrap632(SerializableSupplier<? extends Learner> factory, Tensor x, Tensor y,
                                              Bootstrap.PointLoss loss, int rounds, long seed) {
        checkRows(x, y);
        int n = y.dim(0);
        Broadcast<TensorData> bx = jsc.broadcast(TensorData.of(x));
        Broadcast<TensorData> by = jsc.broadcast(TensorData.of(y));
        List<Integer> tasks = IntStream.rangeClosed(0, rounds).boxed().toList();
        List<double[]> preds;
        try {
            preds = jsc.parallelize(tasks, tasks.size()).map((Function<Integer, double[]>) r -> {
                Seeds.setGlobalSeed(SeedStreams.derive(seed, r));
                Tensor xa = bx.value().toTensor();
                Tensor ya = by.value().toTensor();
                Learner l = factory.get();
                if (r == rounds) {
                    l.fit(xa, ya, null);
                    return Arrays2.values(l.predict(xa));
                }
                Bootstrap.Sample s = Bootstrap.sample(n, SeedStreams.derive(seed, r));
                l.fit(Arrays2.rows(xa, s.inBag()), Arrays2.rows(ya, s.inBag()), null);
                return s.outOfBag().length == 0 ? new double[0] : Arrays2.values(l.predict(Arrays2.rows(xa, s.outOfBag())));
            }).collect();
        } finally {
            bx.destroy();
            by.destroy();
        }
        double[] yv = Arrays2.values(y);
        List<double[]> oob = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Bootstrap.Sample s = Bootstrap.sample(n, SeedStreams.derive(seed, r));
            double[] lossAt = new double[n];
            Arrays.fill(lossAt, Double.NaN);
            double[] p = preds.get(r);
            for (int j = 0; j < p.length; j++) {
                int i = s.outOfBag()[j];
                lossAt[i] = loss.loss(yv[i], p[j]);
            }
            oob.add(lossAt);
        }
        return Bootstrap.estimate632(yv, preds.get(rounds), oob, loss, rounds);
    }

    // ------------------------------------------------------------------ bagging

    /**
     * Bagging of neural networks with one task per member; predicts exactly as
     * {@code Bagging.of(factory).estimators(estimators).maxSamples(maxSamples).seed(seed)} (soft
     * voting, bootstrap samples, all features).
     *
     * @param factory    returns a fresh {@link ModelLearner}
     * @param x          features
     * @param y          labels or targets
     * @param estimators number of members
     * @param maxSamples the fraction of rows drawn for each member
     * @param seed       the seed
     * @return the trained ensemble
     */
    public BaggedNetworks bagging(SerializableSupplier<ModelLearner> factory, Tensor x, Tensor y, int estimators,
                                  double maxSamples, long seed) {
        checkRows(x, y);
        int n = x.dim(0);
        int rows = Math.max(1, (int) (maxSamples * n));
        boolean classifier = Arrays2.isClassification(y);
        int k = classifier ? Arrays2.numClasses(Arrays2.labels(y)) : 1;
        Broadcast<TensorData> bx = jsc.broadcast(TensorData.of(x));
        Broadcast<TensorData> by = jsc.broadcast(TensorData.of(y));
        List<Integer> tasks = IntStream.range(0, estimators).boxed().toList();
        List<byte[]> members;
        try {
            members = jsc.parallelize(tasks, Math.max(1, estimators)).map((Function<Integer, byte[]>) i -> {
                Seeds.setGlobalSeed(SeedStreams.derive(seed, i));
                SplittableRandom rng = new SplittableRandom(SeedStreams.derive(seed, i));
                int[] idx = Bootstrap.sample(n, rows, rng.nextLong()).inBag();
                Tensor xa = bx.value().toTensor();
                Tensor ya = by.value().toTensor();
                ModelLearner l = factory.get();
                l.fit(Arrays2.rows(xa, idx), Arrays2.rows(ya, idx), null);
                return ModelBytes.toBytes(l.model());
            }).collect();
        } finally {
            bx.destroy();
            by.destroy();
        }
        List<Model> models = members.stream().map(ModelBytes::fromBytes).toList();
        return new BaggedNetworks(models, classifier, k);
    }

    private static void checkRows(Tensor x, Tensor y) {
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
    }
}
