package dev.airfoil.metrics;

import java.util.Map;

/**
 * The F1 score, the harmonic mean of precision and recall: {@link FBetaScore} with {@code beta = 1}.
 *
 * <p>Arguments: {@code average} (null, {@code "micro"}, {@code "macro"}, {@code "weighted"}) and
 * {@code threshold} (null: the row maximum is positive), as in {@link FBetaScore}.
 */
public class F1Score extends FBetaScore {
    /** No averaging, argmax threshold. */
    public F1Score() {
        this(null, null, null);
    }

    /**
     * @param average   null, {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @param threshold the decision threshold, or null for the row maximum
     * @param name      the metric name (null for {@code "f1_score"})
     */
    public F1Score(String average, Double threshold, String name) {
        super(average, 1.0, threshold, name, "f1_score");
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        super.addConfig(config);
        config.remove("beta");
    }
}
