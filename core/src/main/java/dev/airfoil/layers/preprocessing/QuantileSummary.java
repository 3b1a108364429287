package dev.airfoil.layers.preprocessing;

import java.util.Arrays;

/**
 * The approximate quantile summary of Keras's {@code Discretization.adapt}: a list of (value, weight)
 * pairs. Each batch is sorted and every {@code step}-th value kept with weight {@code step}
 * ({@code step = max(n * epsilon, 1)}); summaries merge by a sort on the values and are compressed by
 * interpolating the cumulative weights at the percentages {@code epsilon, 2 epsilon, ...}; the bin
 * boundaries are a final compression at {@code 1 / num_bins} without its last value. Arithmetic follows
 * Keras's NumPy code: values and weights in float32 (cumulative sums too), interpolation in float64.
 */
final class QuantileSummary {
    private float[] values = new float[0];
    private float[] weights = new float[0];

    /** Adds one batch of values (already flattened). */
    void add(float[] batch, double epsilon) {
        float[] sorted = batch.clone();
        Arrays.sort(sorted);
        double numBuckets = 1.0 / epsilon;
        double increment = sorted.length / numBuckets;
        double step = Math.max(increment, 1);
        int start = (int) (step - 1);
        int stride = (int) step;
        int n = start >= sorted.length ? 0 : (sorted.length - 1 - start) / stride + 1;
        float[] v = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = sorted[start + i * stride];
            w[i] = (float) step;
        }
        merge(v, w, epsilon);
    }

    private void merge(float[] v, float[] w, double epsilon) {
        int n = values.length + v.length;
        Integer[] order = new Integer[n];
        float[] allV = new float[n];
        float[] allW = new float[n];
        System.arraycopy(v, 0, allV, 0, v.length);
        System.arraycopy(values, 0, allV, v.length, values.length);
        System.arraycopy(w, 0, allW, 0, w.length);
        System.arraycopy(weights, 0, allW, w.length, weights.length);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(allV[a], allV[b]));
        values = new float[n];
        weights = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = allV[order[i]];
            weights[i] = allW[order[i]];
        }
        compress(epsilon);
    }

    /** Keras's {@code compress_summary}: a summary with fewer than {@code 1 / epsilon} entries is kept. */
    private void compress(double epsilon) {
        int n = values.length;
        if (n * epsilon < 1) {
            return;
        }
        double[] percents = new double[(int) Math.ceil(1.0 / epsilon)]; // np.arange(0.0, 1.0, epsilon)
        for (int i = 0; i < percents.length; i++) {
            percents[i] = epsilon + i * epsilon;
        }
        float[] cum = new float[n];
        float acc = 0f;
        for (int i = 0; i < n; i++) {
            acc += weights[i];
            cum[i] = acc;
        }
        double[] cumPercents = new double[n];
        double[] cumD = new double[n];
        double[] valuesD = new double[n];
        for (int i = 0; i < n; i++) {
            cumPercents[i] = cum[i] / cum[n - 1]; // float32, as NumPy divides the float32 sums
            cumD[i] = cum[i];
            valuesD[i] = values[i];
        }
        float[] newValues = new float[percents.length];
        float[] newWeights = new float[percents.length];
        double previous = 0;
        for (int i = 0; i < percents.length; i++) {
            newValues[i] = (float) interp(percents[i], cumPercents, valuesD);
            double c = interp(percents[i], cumPercents, cumD);
            newWeights[i] = (float) (c - previous);
            previous = c;
        }
        values = newValues;
        weights = newWeights;
    }

    /** The bin boundaries for {@code numBins} bins (Keras's {@code get_bin_boundaries}). */
    double[] binBoundaries(int numBins) {
        QuantileSummary copy = new QuantileSummary();
        copy.values = values.clone();
        copy.weights = weights.clone();
        copy.compress(1.0 / numBins);
        double[] out = new double[Math.max(copy.values.length - 1, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = copy.values[i];
        }
        return out;
    }

    /** NumPy's {@code interp} for increasing {@code xp}: clamped at both ends, linear in between. */
    static double interp(double x, double[] xp, double[] fp) {
        int n = xp.length;
        if (x > xp[n - 1]) {
            return fp[n - 1];
        }
        if (x < xp[0]) {
            return fp[0];
        }
        int j = Arrays.binarySearch(xp, x);
        if (j < 0) {
            j = -j - 2;
        } else {
            while (j + 1 < n && xp[j + 1] == x) {
                j++;
            }
        }
        if (j == n - 1 || xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double y = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(y)) {
            y = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(y) && fp[j] == fp[j + 1]) {
                y = fp[j];
            }
        }
        return y;
    }
}
