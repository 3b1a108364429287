package dev.airfoil.initializers;

import java.util.Arrays;

/** Summary statistics of one draw (population standard deviation, as NumPy's default). */
record Stats(double mean, double std, double min, double max, double absMean, double[] sorted) {
    static Stats of(double[] v) {
        double sum = 0;
        double abs = 0;
        for (double x : v) {
            sum += x;
            abs += Math.abs(x);
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return new Stats(mean, Math.sqrt(ss / v.length), sorted[0], sorted[sorted.length - 1], abs / v.length, sorted);
    }

    /** NumPy's default (linear) quantile. */
    double quantile(double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
