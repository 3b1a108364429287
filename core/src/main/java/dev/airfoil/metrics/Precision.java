package dev.airfoil.metrics;

/**
 * The fraction of predicted positives that are real: {@code true_positives / (true_positives + false_positives)}.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code thresholds} (default null = 0.5): a number or a list; a prediction is positive when strictly
 *       above the threshold. With a list, {@link #result()} has one value per threshold.</li>
 *   <li>{@code top_k} (default null): only the {@code k} highest predictions of each row count as positive
 *       (the threshold then defaults to {@code -1e10}).</li>
 *   <li>{@code class_id} (default null): restrict to one class (column) of multi-class data.</li>
 * </ul>
 * Labels are positive when non-zero; sample weights weigh each prediction.
 */
public class Precision extends TruePositiveRatio {
    /** Threshold 0.5. */
    public Precision() {
        this(null, null, null, null);
    }

    /**
     * @param thresholds null, a {@code Number}, a {@code double[]} or a {@code List} of numbers in [0, 1]
     * @param topK       null or the number of top predictions per row that count
     * @param classId    null or the class to restrict to
     * @param name       the metric name (null for {@code "precision"})
     */
    public Precision(Object thresholds, Integer topK, Integer classId, String name) {
        super(thresholds, topK, classId, name, "precision");
    }

    @Override
    double[] other() {
        return cm.fp;
    }

    @Override
    String otherName() {
        return "false_positives";
    }
}
