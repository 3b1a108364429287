package dev.airfoil.losses;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.Map;

/**
 * The loss registry: Keras class names, their snake_case function names and Keras's short aliases
 * ({@code "mse"}, {@code "mae"}, {@code "mape"}, {@code "msle"}, {@code "kld"}, {@code "logcosh"}, ...)
 * resolve to loss objects, and serialized configs rebuild them.
 *
 * <pre>{@code
 * Loss a = Losses.get("sparse_categorical_crossentropy");
 * Loss b = Losses.get(Map.of("class_name", "Huber", "config", Map.of("delta", 0.5)));
 * Loss c = Losses.fromConfig("BinaryCrossentropy", new BinaryCrossentropy(true, 0.1, -1).getConfig());
 * }</pre>
 *
 * <p>Custom losses are added with {@code Losses.registry().register("MyLoss", cfg -> new MyLoss(...))}.
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<>("loss");

    static {
        REGISTRY.register("MeanSquaredError", c -> new MeanSquaredError(name(c), LossUtils.reduction(c)),
                "mean_squared_error", "mse");
        REGISTRY.register("MeanAbsoluteError", c -> new MeanAbsoluteError(name(c), LossUtils.reduction(c)),
                "mean_absolute_error", "mae");
        REGISTRY.register("MeanAbsolutePercentageError",
                c -> new MeanAbsolutePercentageError(name(c), LossUtils.reduction(c)),
                "mean_absolute_percentage_error", "mape");
        REGISTRY.register("MeanSquaredLogarithmicError",
                c -> new MeanSquaredLogarithmicError(name(c), LossUtils.reduction(c)),
                "mean_squared_logarithmic_error", "msle");
        REGISTRY.register("Huber", c -> new Huber(c.getDouble("delta", 1.0), name(c), LossUtils.reduction(c)),
                "huber", "huber_loss");
        REGISTRY.register("LogCosh", c -> new LogCosh(name(c), LossUtils.reduction(c)), "log_cosh", "logcosh");
        REGISTRY.register("BinaryCrossentropy", c -> new BinaryCrossentropy(c.getBoolean("from_logits", false),
                c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1), name(c), LossUtils.reduction(c)),
                "binary_crossentropy", "bce");
        REGISTRY.register("BinaryFocalCrossentropy", c -> new BinaryFocalCrossentropy(
                c.getBoolean("apply_class_balancing", false), c.getDouble("alpha", 0.25), c.getDouble("gamma", 2.0),
                c.getBoolean("from_logits", false), c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1),
                name(c), LossUtils.reduction(c)), "binary_focal_crossentropy");
        REGISTRY.register("CategoricalCrossentropy", c -> new CategoricalCrossentropy(
                c.getBoolean("from_logits", false), c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1),
                name(c), LossUtils.reduction(c)), "categorical_crossentropy", "cce");
        REGISTRY.register("CategoricalFocalCrossentropy", c -> new CategoricalFocalCrossentropy(
                c.get("alpha") instanceof java.util.List ? c.getDoubleArray("alpha", null)
                        : new double[] {c.getDouble("alpha", 0.25)},
                c.getDouble("gamma", 2.0), c.getBoolean("from_logits", false), c.getDouble("label_smoothing", 0.0),
                c.getInt("axis", -1), name(c), LossUtils.reduction(c)), "categorical_focal_crossentropy");
        REGISTRY.register("SparseCategoricalCrossentropy", c -> new SparseCategoricalCrossentropy(
                c.getBoolean("from_logits", false), c.getIntOrNull("ignore_class"), c.getInt("axis", -1),
                name(c), LossUtils.reduction(c)), "sparse_categorical_crossentropy", "scce");
        REGISTRY.register("KLDivergence", c -> new KLDivergence(name(c), LossUtils.reduction(c)),
                "kl_divergence", "kld", "kullback_leibler_divergence");
        REGISTRY.register("Poisson", c -> new Poisson(name(c), LossUtils.reduction(c)), "poisson");
        REGISTRY.register("CosineSimilarity", c -> new CosineSimilarity(c.getInt("axis", -1), name(c),
                LossUtils.reduction(c)), "cosine_similarity");
        REGISTRY.register("Hinge", c -> new Hinge(name(c), LossUtils.reduction(c)), "hinge");
        REGISTRY.register("SquaredHinge", c -> new SquaredHinge(name(c), LossUtils.reduction(c)), "squared_hinge");
        REGISTRY.register("CategoricalHinge", c -> new CategoricalHinge(name(c), LossUtils.reduction(c)),
                "categorical_hinge");
        REGISTRY.register("Dice", c -> new Dice(LossUtils.axes(c, "axis", null), name(c), LossUtils.reduction(c)),
                "dice");
        REGISTRY.register("Tversky", c -> new Tversky(c.getDouble("alpha", 0.5), c.getDouble("beta", 0.5),
                LossUtils.axes(c, "axis", null), name(c), LossUtils.reduction(c)), "tversky");
        REGISTRY.register("CategoricalGeneralizedCrossEntropy", c -> new CategoricalGeneralizedCrossEntropy(
                c.getDouble("q", 0.5), name(c), LossUtils.reduction(c)), "categorical_generalized_cross_entropy");
        REGISTRY.register("GaussianNLL", c -> new GaussianNLL(c.getString("parameterization", GaussianNLL.VARIANCE),
                c.getBoolean("full", false), c.getDouble("epsilon", 1e-6), name(c), LossUtils.reduction(c)),
                "gaussian_nll");
        REGISTRY.register("CategoricalNLL", c -> new CategoricalNLL(c.getString("input", CategoricalNLL.PROBABILITIES),
                name(c), LossUtils.reduction(c)), "categorical_nll");
        REGISTRY.register("BernoulliNLL", c -> new BernoulliNLL(c.getBoolean("from_logits", false), name(c),
                LossUtils.reduction(c)), "bernoulli_nll");
    }

    private Losses() {
    }

    private static String name(ConfigMap c) {
        return c.getString("name", null);
    }

    /** The registry, to register custom losses or list the names. */
    public static Registry<Loss> registry() {
        return REGISTRY;
    }

    /**
     * Keras's {@code keras.losses.get}: a name ({@code "mse"}, {@code "CategoricalCrossentropy"}), a
     * serialized map ({@code {"class_name": ..., "config": {...}}}) or a {@link Loss} (returned as is).
     */
    public static Loss get(Object identifier) {
        if (identifier == null) {
            throw new IllegalArgumentException("Losses.get: expected a loss name, config map or Loss, got null");
        }
        return REGISTRY.resolve(identifier, Loss.class);
    }

    /** Rebuilds a loss from its class name and {@link Loss#getConfig()}. */
    public static Loss fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /** Serializes a loss as Keras does ({@code module}, {@code class_name}, {@code config}). */
    public static Map<String, Object> serialize(Loss loss) {
        return loss.serialize();
    }
}
