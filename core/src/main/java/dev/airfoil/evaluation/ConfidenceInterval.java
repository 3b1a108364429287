package dev.airfoil.evaluation;

import java.util.Locale;

/**
 * A bootstrap confidence interval.
 *
 * @param estimate   the statistic on the original data
 * @param low        lower bound
 * @param high       upper bound
 * @param level      confidence level, such as 0.95
 * @param method     how the bounds were computed
 * @param standardError standard deviation of the bootstrap replicates (ddof 1)
 * @param rounds     number of bootstrap replicates
 */
public record ConfidenceInterval(double estimate, double low, double high, double level, Bootstrap.Method method,
                                 double standardError, int rounds) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f] (%s %.0f%%, %d rounds)", estimate, low, high,
                method, level * 100, rounds);
    }
}
