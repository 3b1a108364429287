package dev.airfoil.evaluation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of a {@link CrossValidation}: the folds, every metric per fold, the mean ± standard
 * deviation of each, and the fitted learners when they were kept.
 *
 * @param folds   the folds, in order
 * @param perFold metric name to value, one map per fold
 * @param metrics metric name to its summary over folds
 * @param models  the fitted learner of every fold (empty unless {@code keepModels(true)})
 */
public record CvResult(List<Fold> folds, List<Map<String, Double>> perFold, Map<String, MetricSummary> metrics,
                       List<Learner> models) {
    /** Copies the lists. */
    public CvResult {
        folds = List.copyOf(folds);
        perFold = perFold.stream().map(m -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m)))
                .collect(Collectors.toUnmodifiableList());
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        models = List.copyOf(models);
    }

    /** The mean of a metric over folds. */
    public double mean(String metric) {
        return get(metric).mean();
    }

    /** The standard deviation of a metric over folds. */
    public double std(String metric) {
        return get(metric).std();
    }

    /** The summary of one metric. */
    public MetricSummary get(String metric) {
        MetricSummary s = metrics.get(metric);
        if (s == null) {
            throw new IllegalArgumentException("no metric '" + metric + "'; the result has " + metrics.keySet());
        }
        return s;
    }

    /** One line per metric: {@code name: mean ± std}. */
    public String summary() {
        return metrics.values().stream().map(MetricSummary::toString).collect(Collectors.joining("\n"));
    }
}
