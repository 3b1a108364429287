package dev.airfoil.metrics;

import dev.airfoil.losses.Loss;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metric registry: Keras class names, snake_case names and short aliases ({@code "acc"},
 * {@code "mse"}, {@code "mae"}, {@code "mape"}, {@code "msle"}, {@code "rmse"}, {@code "auc"},
 * {@code "precision"}, ...) resolve to new metric objects; serialized configs rebuild them.
 *
 * <pre>{@code
 * Metric auc = Metrics.get("auc");
 * Metric p = Metrics.get(Map.of("class_name", "Precision", "config", Map.of("thresholds", 0.7)));
 * Metric acc = Metrics.resolveAccuracy("accuracy", loss, yTrue.shape(), yPred.shape());
 * }</pre>
 *
 * <p>Note that {@code get("accuracy")} is Keras's exact-match {@link Accuracy}; a compiled model
 * resolves {@code "accuracy"} / {@code "acc"} with {@link #resolveAccuracy} instead.
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<>("metric");

    static {
        REGISTRY.register("Mean", c -> new Mean(name(c)), "mean");
        REGISTRY.register("Sum", c -> new Sum(name(c)), "sum");
        REGISTRY.register("Accuracy", c -> new Accuracy(name(c)), "accuracy", "acc");
        REGISTRY.register("BinaryAccuracy", c -> new BinaryAccuracy(c.getDouble("threshold", 0.5), name(c)),
                "binary_accuracy");
        REGISTRY.register("CategoricalAccuracy", c -> new CategoricalAccuracy(name(c)), "categorical_accuracy");
        REGISTRY.register("SparseCategoricalAccuracy", c -> new SparseCategoricalAccuracy(name(c)),
                "sparse_categorical_accuracy");
        REGISTRY.register("TopKCategoricalAccuracy", c -> new TopKCategoricalAccuracy(c.getInt("k", 5), name(c)),
                "top_k_categorical_accuracy");
        REGISTRY.register("SparseTopKCategoricalAccuracy",
                c -> new SparseTopKCategoricalAccuracy(c.getInt("k", 5), name(c)), "sparse_top_k_categorical_accuracy");
        REGISTRY.register("Precision", c -> new Precision(thresholds(c), c.getIntOrNull("top_k"),
                c.getIntOrNull("class_id"), name(c)), "precision");
        REGISTRY.register("Recall", c -> new Recall(thresholds(c), c.getIntOrNull("top_k"),
                c.getIntOrNull("class_id"), name(c)), "recall");
        REGISTRY.register("AUC", c -> {
            if (c.get("label_weights") != null || c.get("thresholds") != null) {
                throw new IllegalArgumentException("AUC: 'label_weights' and explicit 'thresholds' are not supported;"
                        + " use num_thresholds");
            }
            return new AUC(c.getInt("num_thresholds", 200), c.getString("curve", "ROC"),
                    c.getString("summation_method", "interpolation"), c.getBoolean("multi_label", false),
                    c.getBoolean("from_logits", false), name(c));
        }, "auc");
        REGISTRY.register("F1Score", c -> new F1Score(c.getString("average", null), c.getDoubleOrNull("threshold"),
                name(c)), "f1_score");
        REGISTRY.register("FBetaScore", c -> new FBetaScore(c.getString("average", null), c.getDouble("beta", 1.0),
                c.getDoubleOrNull("threshold"), name(c)), "fbeta_score");
        REGISTRY.register("TruePositives", c -> new TruePositives(thresholds(c), name(c)), "true_positives", "tp");
        REGISTRY.register("FalsePositives", c -> new FalsePositives(thresholds(c), name(c)), "false_positives", "fp");
        REGISTRY.register("TrueNegatives", c -> new TrueNegatives(thresholds(c), name(c)), "true_negatives", "tn");
        REGISTRY.register("FalseNegatives", c -> new FalseNegatives(thresholds(c), name(c)), "false_negatives", "fn");
        REGISTRY.register("MeanSquaredError", c -> new MeanSquaredError(name(c)), "mean_squared_error", "mse");
        REGISTRY.register("RootMeanSquaredError", c -> new RootMeanSquaredError(name(c)), "root_mean_squared_error",
                "rmse");
        REGISTRY.register("MeanAbsoluteError", c -> new MeanAbsoluteError(name(c)), "mean_absolute_error", "mae");
        REGISTRY.register("MeanAbsolutePercentageError", c -> new MeanAbsolutePercentageError(name(c)),
                "mean_absolute_percentage_error", "mape");
        REGISTRY.register("MeanSquaredLogarithmicError", c -> new MeanSquaredLogarithmicError(name(c)),
                "mean_squared_logarithmic_error", "msle");
        REGISTRY.register("R2Score", c -> new R2Score(c.asMap().containsKey("class_aggregation")
                ? c.getString("class_aggregation", null) : "uniform_average", c.getInt("num_regressors", 0), name(c)),
                "r2_score");
        REGISTRY.register("BinaryCrossentropy", c -> new BinaryCrossentropy(c.getBoolean("from_logits", false),
                c.getDouble("label_smoothing", 0.0), name(c)), "binary_crossentropy");
        REGISTRY.register("CategoricalCrossentropy", c -> new CategoricalCrossentropy(
                c.getBoolean("from_logits", false), c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1),
                name(c)), "categorical_crossentropy");
        REGISTRY.register("SparseCategoricalCrossentropy", c -> new SparseCategoricalCrossentropy(
                c.getBoolean("from_logits", false), c.getIntOrNull("ignore_class"), c.getInt("axis", -1), name(c)),
                "sparse_categorical_crossentropy");
    }

    private Metrics() {
    }

    private static String name(ConfigMap c) {
        return c.getString("name", null);
    }

    private static Object thresholds(ConfigMap c) {
        Object t = c.get("thresholds");
        if (t instanceof List) {
            return c.getDoubleArray("thresholds", null);
        }
        return t == null ? null : c.getDouble("thresholds", 0.5);
    }

    /** The registry, to register custom metrics or list names. */
    public static Registry<Metric> registry() {
        return REGISTRY;
    }

    /** Keras's {@code keras.metrics.get}: a name, a serialized map, or a {@link Metric} (returned as is). */
    public static Metric get(Object identifier) {
        if (identifier == null) {
            throw new IllegalArgumentException("Metrics.get: expected a metric name, config map or Metric, got null");
        }
        return REGISTRY.resolve(identifier, Metric.class);
    }

    /** Rebuilds a metric from its class name and {@link Metric#getConfig()}. */
    public static Metric fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /**
     * How Keras 3's {@code compile} turns {@code "accuracy"} / {@code "acc"} into a concrete metric
     * ({@code compile_utils.get_metric}): from the shapes of the first batch,
     * <ul>
     *   <li>{@link BinaryAccuracy} when {@code y_pred}'s last dimension is 1;</li>
     *   <li>else {@link SparseCategoricalAccuracy} when {@code y_true} has lower rank than {@code y_pred}, or its
     *       last dimension is 1 while {@code y_pred}'s is larger;</li>
     *   <li>else {@link CategoricalAccuracy}.</li>
     * </ul>
     * The metric keeps the requested name ({@code "accuracy"} or {@code "acc"}), so logs read
     * {@code accuracy} / {@code val_accuracy}. Any other name is looked up with {@link #get}.
     *
     * @param name        the metric string from {@code compile}
     * @param loss        the compiled loss; Keras 3 does not consult it (unlike tf.keras 2, which keyed
     *                    on the loss function), so neither does this method — it is accepted for callers and
     *                    future heuristics and may be null
     * @param yTrueShape  the shape of a batch of targets
     * @param yPredShape  the shape of a batch of predictions
     * @return a new metric
     */
    public static Metric resolveAccuracy(String name, Loss loss, int[] yTrueShape, int[] yPredShape) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("accuracy") && !lower.equals("acc")) {
            return get(name);
        }
        int tRank = yTrueShape.length;
        int pRank = yPredShape.length;
        int tLast = tRank == 0 ? 1 : yTrueShape[tRank - 1];
        int pLast = pRank == 0 ? 1 : yPredShape[pRank - 1];
        boolean binary = pLast == 1;
        boolean sparse = tRank < pRank || (tLast == 1 && pLast > 1);
        if (binary) {
            return new BinaryAccuracy(0.5, name);
        }
        if (sparse) {
            return new SparseCategoricalAccuracy(name);
        }
        return new CategoricalAccuracy(name);
    }
}
