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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
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
 * Model evaluation on Spark: Keras's {@code evaluate} of one model over distributed data
 * ({@link #evaluate}, any number of inputs and outputs), and one Spark task per model to train for
 * cross-validation folds, bootstrap rounds, bagging members and hyperparameter grids. Each of those
 * tasks trains its own fresh learner, so the work spreads over any number of executors; they take
 * one feature tensor {@code x} and one target {@code y} (the {@code Learner} API of
 * {@code dev.airfoil.evaluation}), so a network with several inputs or outputs is refused there with
 * a message pointing to {@link DataParallelTrainer} and {@link #evaluate}.
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

    /**
     * What a fold task sends back: test predictions and the learner's own figures (a plain class: task
     * results go through {@code spark.serializer}, and Spark's Kryo cannot rebuild a record's fields).
     */
    static final class FoldOutput implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TensorData testPred;
        private final LinkedHashMap<String, Double> evaluated;

        FoldOutput(TensorData testPred, LinkedHashMap<String, Double> evaluated) {
            this.testPred = testPred;
            this.evaluated = evaluated;
        }

        TensorData testPred() {
            return testPred;
        }

        LinkedHashMap<String, Double> evaluated() {
            return evaluated;
        }
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
                fitOrRefuse(learner, Arrays2.rows(xa, train[i]), Arrays2.rows(ya, train[i]), "cross-validation");
                Tensor xTe = Arrays2.rows(xa, test[i]);
                TensorData pred = TensorData.of(learner.predict(xTe));
                LinkedHashMap<String, Double> ev = new LinkedHashMap<>(learner.evaluate(xTe, Arrays2.rows(ya, test[i])));
                return new FoldOutput(pred, ev);
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
                    fitOrRefuse(l, xa, ya, "bootstrap632");
                    return Arrays2.values(l.predict(xa));
                }
                Bootstrap.Sample s = Bootstrap.sample(n, SeedStreams.derive(seed, r));
                fitOrRefuse(l, Arrays2.rows(xa, s.inBag()), Arrays2.rows(ya, s.inBag()), "bootstrap632");
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
                fitOrRefuse(l, Arrays2.rows(xa, idx), Arrays2.rows(ya, idx), "bagging");
                return ModelBytes.toBytes(l.model());
            }).collect();
        } finally {
            bx.destroy();
            by.destroy();
        }
        List<Model> models = members.stream().map(ModelBytes::fromBytes).toList();
        return new BaggedNetworks(models, classifier, k);
    }

    /**
     * Fits a learner on one task; a {@link ModelLearner} whose model has several inputs or outputs
     * fails with an error that says why and what to use instead.
     */
    static void fitOrRefuse(Learner learner, Tensor x, Tensor y, String op) {
        try {
            learner.fit(x, y, null);
        } catch (RuntimeException e) {
            if (learner instanceof ModelLearner ml && ml.model() != null) {
                MultiDataSpec.requireOneInputOneOutput(ml.model(), "SparkEvaluation." + op, "the Learner API of "
                        + "cross-validation, grids, the bootstrap and bagging takes one tensor x and one y; for several "
                        + "inputs or outputs train with DataParallelTrainer (MultiExample, MultiDataSpec) and score with "
                        + "SparkEvaluation.evaluate", e);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ evaluate

    /**
     * Keras's {@code model.evaluate} over an RDD of single-input examples, one Spark task per
     * partition; see {@link #evaluate(Model, JavaRDD, MultiDataSpec, int)}.
     *
     * @param model     a compiled, built model with one input and one output
     * @param data      the examples
     * @param spec      the shapes and target type of one example
     * @param batchSize the rows per test step on the executors
     * @return the loss and metrics, named as {@code model.evaluate} names them
     */
    public Map<String, Double> evaluate(Model model, JavaRDD<Example> data, DataSpec spec, int batchSize) {
        Objects.requireNonNull(spec, "spec");
        MultiDataSpec.requireOneInputOneOutput(model, "SparkEvaluation.evaluate(model, JavaRDD<Example>, DataSpec, int)",
                "use evaluate(model, JavaRDD<MultiExample>, MultiDataSpec, int) with one ArraySpec per input and output", null);
        return evaluate(model, data.map(e -> {
            spec.check(e);
            return MultiExample.of(e);
        }), MultiDataSpec.of(spec), batchSize);
    }

    /**
     * Keras's {@code model.evaluate} over an RDD of examples with one array per model input and per
     * output, one Spark task per partition: each task runs the compiled test step over its batches,
     * and the driver adds up the tasks' losses (weighted by their example counts, as the loss tracker
     * weights batches) and metric states. Equals {@code model.evaluate(xs, ys, batchSize)} on the
     * same examples up to float rounding (batches are cut per partition; the losses are per-example
     * means). The model is broadcast once; the data never reach the driver.
     *
     * @param model     a compiled, built model
     * @param data      the examples
     * @param spec      one array spec per model input and per model output, in the model's order
     * @param batchSize the rows per test step on the executors
     * @return {@code loss}, {@code <output>_loss} per output with several outputs, and the metrics
     * @throws IllegalArgumentException if the model is not compiled, the spec does not fit it, the
     *                                  data are empty, or a compiled metric is not a mean (AUC,
     *                                  precision, R², ...: their state cannot be merged yet)
     */
    public Map<String, Double> evaluate(Model model, JavaRDD<MultiExample> data, MultiDataSpec spec, int batchSize) {
        Objects.requireNonNull(model, "model");
        if (model.compiled() == null) {
            throw new IllegalArgumentException("SparkEvaluation.evaluate: model '" + model.name() + "' is not compiled;"
                    + " call model.compile(...) first");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("SparkEvaluation.evaluate: batchSize must be >= 1, but was " + batchSize);
        }
        spec.checkModel(model, "SparkEvaluation.evaluate");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("SparkEvaluation.evaluate: cannot evaluate on an empty data set");
        }
        byte[] bytes = ModelBytes.toBytes(model);
        Model merger = ModelBytes.fromBytes(bytes);
        MultiExample probe = data.first();
        spec.check(probe);
        merger.testStep(spec.inputTensors(probe.inputs(), 1), spec.targetTensors(probe.targets(), 1), null);
        List<String> refused = LogSums.unmergeable(merger);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("SparkEvaluation.evaluate: model '" + model.name() + "' is compiled with "
                    + refused + ", whose state cannot be merged over partitions (only mean metrics can: accuracy,"
                    + " mae, crossentropy, ...); evaluate those locally, or compile a copy without them");
        }
        Broadcast<byte[]> b = jsc.broadcast(bytes);
        try {
            List<double[]> parts = data.mapPartitions(testSteps(b, spec, batchSize)).collect();
            double[] sums = new double[parts.get(0).length];
            for (double[] p : parts) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += p[i];
                }
            }
            return LogSums.merged(merger, sums);
        } finally {
            b.destroy();
        }
    }

    /**
     * {@link #evaluate(Model, JavaRDD, MultiDataSpec, int)} over a DataFrame with one column per
     * model input ({@code array<float>} or {@code array<double>}) and one per target.
     *
     * @param model      a compiled, built model
     * @param data       the examples
     * @param inputCols  one column per model input, in the model's order
     * @param targetCols one column per model output, in the model's order
     * @param spec       one array spec per input and per output
     * @param batchSize  the rows per test step on the executors
     * @return the loss and metrics, named as {@code model.evaluate} names them
     */
    public Map<String, Double> evaluate(Model model, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> data,
                                        List<String> inputCols, List<String> targetCols, MultiDataSpec spec,
                                        int batchSize) {
        return evaluate(model, SparkData.multiExamples(data, inputCols, targetCols), spec, batchSize);
    }

    /** The executor side of {@link #evaluate}: a partition's test steps and its log sums (none when empty). */
    private static FlatMapFunction<java.util.Iterator<MultiExample>, double[]> testSteps(Broadcast<byte[]> model,
                                                                                       MultiDataSpec spec, int batchSize) {
        return rows -> {
            Model m = ModelBytes.fromBytes(model.value());
            m.compiled().resetState();
            long seen = 0;
            List<MultiExample> batch = new ArrayList<>(batchSize);
            while (rows.hasNext() || !batch.isEmpty()) {
                if (rows.hasNext()) {
                    MultiExample e = rows.next();
                    spec.check(e);
                    batch.add(e);
                }
                if (batch.size() == batchSize || !rows.hasNext() && !batch.isEmpty()) {
                    float[][][] flat = spec.stack(batch);
                    m.testStep(spec.inputTensors(flat[0], batch.size()), spec.targetTensors(flat[1], batch.size()), null);
                    seen += batch.size();
                    batch.clear();
                }
            }
            return seen == 0 ? java.util.Collections.emptyIterator() : List.of(LogSums.of(m, seen)).iterator();
        };
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
