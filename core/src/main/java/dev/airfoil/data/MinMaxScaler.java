package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rescales each feature linearly so that the training data's minimum and maximum map to a feature
 * range (default {@code [0, 1]}), like scikit-learn's {@code MinMaxScaler}:
 * {@code x' = x * scale + min}, with {@code scale = (hi - lo) / (dataMax - dataMin)} and
 * {@code min = lo - dataMin * scale}. A constant feature uses a data range of 1. Values outside the
 * training range map outside the feature range (no clipping).
 *
 * <p>Input shape: {@code (samples, ..., features)}; statistics are per feature over all other axes.
 * Output shape: the same.
 *
 * <p>Example:
 * <pre>{@code
 * MinMaxScaler s = new MinMaxScaler(-1, 1);
 * Tensor xTrainScaled = s.fitTransform(xTrain);
 * Tensor back = s.inverseTransform(xTrainScaled);
 * }</pre>
 */
public final class MinMaxScaler implements Scaler {
    private static final String NAME = "MinMaxScaler";
    private final double lo;
    private final double hi;
    private double[] dataMin;
    private double[] dataMax;
    private double[] scale;
    private double[] min;

    /** A scaler to {@code [0, 1]}. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /**
     * A scaler to {@code [lo, hi]}.
     *
     * @throws IllegalArgumentException unless {@code lo < hi} and both are finite
     */
    public MinMaxScaler(double lo, double hi) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException(NAME + ": feature range must satisfy min < max with finite values, got ["
                    + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
    }

    /** Creates a scaler from {@link #getConfig()}'s map ({@code feature_range}, default {@code [0, 1]}). */
    public static MinMaxScaler fromConfig(Map<String, Object> config) {
        Object r = config.get("feature_range");
        if (r == null) {
            return new MinMaxScaler();
        }
        if (!(r instanceof List) || ((List<?>) r).size() != 2 || !(((List<?>) r).get(0) instanceof Number)
                || !(((List<?>) r).get(1) instanceof Number)) {
            throw new IllegalArgumentException(NAME + ".fromConfig: 'feature_range' must be a list of two numbers, got "
                    + r);
        }
        List<?> l = (List<?>) r;
        return new MinMaxScaler(((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue());
    }

    @Override
    public MinMaxScaler fit(Tensor x) {
        int f = FeatureStats.checkFitInput(NAME, x);
        double[] v = FeatureStats.values(x);
        double[] mn = new double[f];
        double[] mx = new double[f];
        java.util.Arrays.fill(mn, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < v.length; i++) {
            int j = i % f;
            mn[j] = Math.min(mn[j], v[i]);
            mx[j] = Math.max(mx[j], v[i]);
        }
        double[] sc = new double[f];
        double[] m = new double[f];
        for (int j = 0; j < f; j++) {
            double range = mx[j] - mn[j];
            if (range == 0) {
                range = 1;
            }
            sc[j] = (hi - lo) / range;
            m[j] = lo - mn[j] * sc[j];
        }
        dataMin = mn;
        dataMax = mx;
        scale = sc;
        min = m;
        return this;
    }

    @Override
    public Tensor transform(Tensor x) {
        FeatureStats.checkTransformInput(NAME, "transform", x, featureCount());
        double[] sc = scale;
        double[] m = min;
        return FeatureStats.map(x, (v, j) -> v * sc[j] + m[j], sc.length);
    }

    @Override
    public Tensor inverseTransform(Tensor x) {
        FeatureStats.checkTransformInput(NAME, "inverseTransform", x, featureCount());
        double[] sc = scale;
        double[] m = min;
        return FeatureStats.map(x, (v, j) -> (v - m[j]) / sc[j], sc.length);
    }

    @Override
    public boolean isFitted() {
        return scale != null;
    }

    @Override
    public int featureCount() {
        return scale == null ? -1 : scale.length;
    }

    /** The lower end of the feature range. */
    public double rangeMin() {
        return lo;
    }

    /** The upper end of the feature range. */
    public double rangeMax() {
        return hi;
    }

    /** The per-feature minima of the training data (a copy). */
    public double[] dataMin() {
        requireFitted();
        return dataMin.clone();
    }

    /** The per-feature maxima of the training data (a copy). */
    public double[] dataMax() {
        requireFitted();
        return dataMax.clone();
    }

    private void requireFitted() {
        if (scale == null) {
            throw new IllegalStateException(NAME + " is not fitted yet; call fit(x) with the training data first");
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("feature_range", List.of(lo, hi));
        return c;
    }

    @Override
    public Map<String, Object> getState() {
        requireFitted();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n_features_in", scale.length);
        s.put("data_min", FeatureStats.list(dataMin));
        s.put("data_max", FeatureStats.list(dataMax));
        s.put("scale", FeatureStats.list(scale));
        s.put("min", FeatureStats.list(min));
        return s;
    }

    @Override
    public void setState(Map<String, Object> state) {
        int f = FeatureStats.count(NAME, state, "n_features_in");
        double[] mn = FeatureStats.array(NAME, state, "data_min", f);
        double[] mx = FeatureStats.array(NAME, state, "data_max", f);
        double[] sc = FeatureStats.array(NAME, state, "scale", f);
        double[] m = FeatureStats.array(NAME, state, "min", f);
        dataMin = mn;
        dataMax = mx;
        scale = sc;
        min = m;
    }

    @Override
    public String toString() {
        return NAME + "[featureRange=[" + lo + ", " + hi + "], features=" + featureCount() + "]";
    }
}
