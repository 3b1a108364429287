package dev.airfoil.evaluation;

import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cross-validation of any learner factory: each fold trains a fresh learner on its training part
 * and scores it on its held-out part; the result holds every metric per fold with mean ± standard
 * deviation, and the fitted fold learners on request.
 *
 * <p>Folds run in parallel (one thread per core by default). Fold {@code i} restarts its thread's
 * seed sequence at {@code SeedStreams.derive(seed, i)} before building its model, so a parallel run
 * gives exactly the figures of a serial one ({@code parallelism(1)}).
 *
 * <pre>{@code
 * CvResult r = CrossValidation.crossValidate(factory, x, y, new StratifiedKFold(5),
 *         FitOptions.builder().epochs(20).verbose(0).build(), Scorer.ACCURACY);
 * System.out.println(r.summary());       // accuracy: 0.9533 ± 0.0340 ...
 *
 * CvResult t = CrossValidation.of(() -> new DecisionTreeClassifier().maxDepth(3))
 *         .folds(new KFold(10)).scorers(Scorer.ACCURACY).trainScores(true).run(x, y);
 * }</pre>
 */
public final class CrossValidation {
    private final Supplier<? extends Learner> factory;
    private Splitter folds = new KFold(5);
    private List<Scorer> scorers = List.of();
    private long seed = 42;
    private int parallelism = Parallel.defaultParallelism();
    private boolean keepModels;
    private boolean trainScores;

    private CrossValidation(Supplier<? extends Learner> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A cross-validation of a learner factory (defaults: 5 unshuffled folds, the default scorer for
     * the targets, seed 42, one thread per core).
     *
     * @param factory returns a fresh, untrained learner on every call
     * @return the configurable run
     */
    public static CrossValidation of(Supplier<? extends Learner> factory) {
        return new CrossValidation(factory);
    }

    /**
     * Cross-validates a neural network factory: Keras-style {@code cross_validate}.
     *
     * @param factory    returns a fresh compiled model on every call
     * @param x          features
     * @param y          labels or targets
     * @param folds      the splitter
     * @param fitOptions options of every fit (use {@code verbose(0)})
     * @param metrics    scorers; the model's own loss and compiled metrics are reported as well
     * @return per-fold and mean ± std figures
     */
    public static CvResult crossValidate(Supplier<? extends Model> factory, Tensor x, Tensor y, Splitter folds,
                                         FitOptions fitOptions, Scorer... metrics) {
        return of(() -> ModelLearner.of(factory, fitOptions)).folds(folds).scorers(metrics).run(x, y);
    }

    /** Sets the splitter. */
    public CrossValidation folds(Splitter splitter) {
        this.folds = Objects.requireNonNull(splitter);
        return this;
    }

    /** Sets the scorers (none: the default scorer of the targets). */
    public CrossValidation scorers(Scorer... scorers) {
        this.scorers = List.of(scorers);
        return this;
    }

    /** Sets the base seed of the folds. */
    public CrossValidation seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Sets the number of threads (1 for serial). */
    public CrossValidation parallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, but was " + threads);
        }
        this.parallelism = threads;
        return this;
    }

    /** Keeps the fitted learner of every fold in the result. */
    public CrossValidation keepModels(boolean keep) {
        this.keepModels = keep;
        return this;
    }

    /** Also scores each fold's learner on its own training part ({@code train_<name>} entries). */
    public CrossValidation trainScores(boolean train) {
        this.trainScores = train;
        return this;
    }

    /**
     * Runs the cross-validation.
     *
     * @param x features {@code (samples, ...)}
     * @param y labels or targets {@code (samples,)}
     * @return the result
     */
    public CvResult run(Tensor x, Tensor y) {
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        }
        List<Scorer> sc = scorers.isEmpty() ? List.of(Scorer.defaultFor(y)) : scorers;
        List<Fold> fs = folds.split(y);
        record One(Map<String, Double> figures, Learner learner) {
        }
        List<One> results = Parallel.map(fs.size(), parallelism, seed, i -> {
            Fold f = fs.get(i);
            Tensor xTr = Arrays2.rows(x, f.train());
            Tensor yTr = Arrays2.rows(y, f.train());
            Tensor xTe = Arrays2.rows(x, f.test());
            Tensor yTe = Arrays2.rows(y, f.test());
            Learner learner = factory.get();
            learner.fit(xTr, yTr, null);
            Map<String, Double> m = new LinkedHashMap<>();
            Tensor pred = learner.predict(xTe);
            for (Scorer s : sc) {
                m.put(s.name(), s.score(yTe, pred));
            }
            for (Map.Entry<String, Double> e : learner.evaluate(xTe, yTe).entrySet()) {
                m.putIfAbsent(e.getKey(), e.getValue());
            }
            if (trainScores) {
                Tensor pt = learner.predict(xTr);
                for (Scorer s : sc) {
                    m.put("train_" + s.name(), s.score(yTr, pt));
                }
            }
            return new One(m, keepModels ? learner : null);
        });
        List<Map<String, Double>> perFold = new ArrayList<>();
        List<Learner> models = new ArrayList<>();
        for (One o : results) {
            perFold.add(o.figures());
            if (keepModels) {
                models.add(o.learner());
            }
        }
        return new CvResult(fs, perFold, summarise(perFold), models);
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

    /** Debug view of a fold layout: test sizes. */
    static String sizes(List<Fold> folds) {
        return Arrays.toString(folds.stream().mapToInt(f -> f.test().length).toArray());
    }
}
