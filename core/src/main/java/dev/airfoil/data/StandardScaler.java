package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standardizes features to zero mean and unit variance: {@code z = (x - mean) / scale}, with the
 * per-feature mean and population standard deviation ({@code ddof = 0}) of the training data,
 * like scikit-learn's {@code StandardScaler}. A constant feature gets scale 1 (it becomes 0 rather
 * than NaN).
 *
 * <p>Arguments: {@code withMean} (subtract the mean, default true), {@code withStd} (divide by the
 * standard deviation, default true).
 *
 * <p>Input shape: {@code (samples, ..., features)}; statistics are per feature over all other axes.
 * Output shape: the same.
 *
 * <p>Example:
 * <pre>{@code
 * StandardScaler s = new StandardScaler();
 * Tensor xTrainStd = s.fitTransform(xTrain);
 * Tensor xTestStd = s.transform(xTest);
 * Map<String, Object> saved = s.getState();   // {n_features_in, n_samples_seen, mean, var, scale}
 * }</pre>
 */
public final class StandardScaler implements Scaler {
    private static final String NAME = "StandardScaler";
    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] var;
    private double[] scale;
    private long samplesSeen;

    /** A scaler that centers and scales. */
    public StandardScaler() {
        this(true, true);
    }

    /**
     * A scaler with explicit options.
     *
     * @param withMean  subtract the per-feature mean
     * @param withStd   divide by the per-feature standard deviation
     */
    public StandardScaler(boolean withMean, boolean withStd) {
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /** Creates a scaler from {@link #getConfig()}'s map ({@code with_mean}, {@code with_std}; both default true). */
    public static StandardScaler fromConfig(Map<String, Object> config) {
        return new StandardScaler(flag(config, "with_mean"), flag(config, "with_std"));
    }

    private static boolean flag(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return true;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(NAME + ".fromConfig: '" + key + "' must be a boolean, got " + v);
        }
        return (Boolean) v;
    }

    @Override
    public StandardScaler fit(Tensor x) {
        int f = FeatureStats.checkFitInput(NAME, x);
        double[] v = FeatureStats.values(x);
        int rows = v.length / f;
        double[] m = new double[f];
        for (int i = 0; i < v.length; i++) {
            m[i % f] += v[i];
        }
        for (int j = 0; j < f; j++) {
            m[j] /= rows;
        }
        double[] s2 = new double[f];
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - m[i % f];
            s2[i % f] += d * d;
        }
        double[] sc = new double[f];
        for (int j = 0; j < f; j++) {
            s2[j] /= rows;
            double sd = Math.sqrt(s2[j]);
            sc[j] = sd < 10 * Math.ulp(1.0) * Math.max(1.0, Math.abs(m[j])) ? 1.0 : sd;
        }
        mean = m;
        var = s2;
        scale = sc;
        samplesSeen = rows;
        return this;
    }

    @Override
    public Tensor transform(Tensor x) {
        FeatureStats.checkTransformInput(NAME, "transform", x, featureCount());
        double[] m = mean;
        double[] sc = scale;
        return FeatureStats.map(x, (v, j) -> {
            double c = withMean ? v - m[j] : v;
            return withStd ? c / sc[j] : c;
        }, m.length);
    }

    @Override
    public Tensor inverseTransform(Tensor x) {
        FeatureStats.checkTransformInput(NAME, "inverseTransform", x, featureCount());
        double[] m = mean;
        double[] sc = scale;
        return FeatureStats.map(x, (v, j) -> {
            double c = withStd ? v * sc[j] : v;
            return withMean ? c + m[j] : c;
        }, m.length);
    }

    @Override
    public boolean isFitted() {
        return mean != null;
    }

    @Override
    public int featureCount() {
        return mean == null ? -1 : mean.length;
    }

    /** Whether the mean is subtracted. */
    public boolean withMean() {
        return withMean;
    }

    /** Whether values are divided by the standard deviation. */
    public boolean withStd() {
        return withStd;
    }

    /** The fitted per-feature means (a copy). */
    public double[] mean() {
        requireFitted();
        return mean.clone();
    }

    /** The fitted per-feature population variances (a copy). */
    public double[] variance() {
        requireFitted();
        return var.clone();
    }

    /** The per-feature divisors: standard deviations, with 1 for constant features (a copy). */
    public double[] scale() {
        requireFitted();
        return scale.clone();
    }

    private void requireFitted() {
        if (mean == null) {
            throw new IllegalStateException(NAME + " is not fitted yet; call fit(x) with the training data first");
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("with_mean", withMean);
        c.put("with_std", withStd);
        return c;
    }

    @Override
    public Map<String, Object> getState() {
        requireFitted();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n_features_in", mean.length);
        s.put("n_samples_seen", samplesSeen);
        s.put("mean", FeatureStats.list(mean));
        s.put("var", FeatureStats.list(var));
        s.put("scale", FeatureStats.list(scale));
        return s;
    }

    @Override
    public void setState(Map<String, Object> state) {
        int f = FeatureStats.count(NAME, state, "n_features_in");
        double[] m = FeatureStats.array(NAME, state, "mean", f);
        double[] v = FeatureStats.array(NAME, state, "var", f);
        double[] sc = FeatureStats.array(NAME, state, "scale", f);
        Object n = state.get("n_samples_seen");
        samplesSeen = n instanceof Number ? ((Number) n).longValue() : 0;
        mean = m;
        var = v;
        scale = sc;
    }

    @Override
    public String toString() {
        return NAME + "[withMean=" + withMean + ", withStd=" + withStd + ", features=" + featureCount() + "]";
    }
}
