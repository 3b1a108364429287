package dev.airfoil.evaluation;

import java.util.Locale;

/**
 * One metric over folds (or rounds): the values, their mean and standard deviation (population,
 * ddof 0).
 *
 * @param name   metric name
 * @param values one value per fold
 * @param mean   mean of the values
 * @param std    standard deviation of the values
 */
public record MetricSummary(String name, double[] values, double mean, double std) {
    /** Copies the values. */
    public MetricSummary {
        values = values.clone();
    }

    /**
     * Summarises values.
     *
     * @param name   metric name
     * @param values the values
     * @return the summary
     */
    public static MetricSummary of(String name, double[] values) {
        return new MetricSummary(name, values, Arrays2.mean(values), Arrays2.std(values));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %.4f ± %.4f", name, mean, std);
    }
}
