package dev.airfoil.callbacks;

import java.util.Set;

/**
 * Whether a Keras metric improves upwards or downwards, by its default name (Keras reads the
 * {@code _direction} of the compiled metric of that name; Airfoil reads the name).
 */
final class MetricDirection {
    private MetricDirection() {
    }

    private static final Set<String> UP = Set.of(
            "acc", "accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
            "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "precision", "recall",
            "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity",
            "specificity_at_sensitivity", "f1_score", "fbeta_score", "r2_score", "iou", "mean_iou", "binary_iou",
            "one_hot_iou", "one_hot_mean_iou", "cosine_similarity", "true_positives", "true_negatives",
            "pearson_correlation", "concordance_correlation");

    private static final Set<String> DOWN = Set.of(
            "loss", "mse", "mae", "mape", "msle", "mean_squared_error", "mean_absolute_error",
            "mean_absolute_percentage_error", "mean_squared_logarithmic_error", "root_mean_squared_error",
            "log_cosh_error", "logcosh", "binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "binary_focal_crossentropy", "categorical_focal_crossentropy",
            "kl_divergence", "kld", "poisson", "hinge", "squared_hinge", "categorical_hinge",
            "false_positives", "false_negatives", "huber", "log_cosh");

    /**
     * The direction a callback watches {@code monitor} in: +1 for mode {@code "max"}, -1 for {@code "min"},
     * otherwise by the metric's name ({@link #of}).
     *
     * @throws IllegalArgumentException naming the callback when the mode is auto and the name does not tell
     */
    static int resolve(String callback, String mode, String monitor) {
        if ("max".equals(mode)) {
            return 1;
        }
        if ("min".equals(mode)) {
            return -1;
        }
        int direction = of(monitor);
        if (direction == 0) {
            throw new IllegalArgumentException(callback + " callback received monitor=" + monitor
                    + ", but Airfoil isn't able to automatically determine whether that metric should be "
                    + "maximized or minimized. Pass mode(\"max\") in order to monitor based on the highest "
                    + "metric value, or pass mode(\"min\") in order to use the lowest value.");
        }
        return direction;
    }

    /** +1 when higher is better, -1 when lower is better, 0 when unknown. */
    static int of(String monitor) {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if (UP.contains(name)) {
            return 1;
        }
        if (DOWN.contains(name) || name.endsWith("_loss")) {
            return -1;
        }
        return 0;
    }
}
