package dev.airfoil.spark;

import dev.airfoil.evaluation.CvResult;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link SparkEvaluation#gridSearch}: one cross-validation per combination of
 * hyperparameters, and the best combination by the first scorer.
 *
 * @param params  the combinations, in grid order (the first key varies slowest)
 * @param results the cross-validation of each combination
 * @param metric  the metric that ranks them
 * @param best    the index of the best combination
 */
public record GridResult(List<Map<String, Object>> params, List<CvResult> results, String metric, int best) {
    /** Copies the lists. */
    public GridResult {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** The best combination. */
    public Map<String, Object> bestParams() {
        return params.get(best);
    }

    /** The mean score of the best combination. */
    public double bestScore() {
        return results.get(best).mean(metric);
    }
}
