package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shared plumbing for the scalers: feature-axis iteration, dtype handling, state conversion. */
final class FeatureStats {
    /** An element-wise function of a value and its feature index. */
    @FunctionalInterface
    interface FeatureOp {
        double apply(double value, int feature);
    }

    private FeatureStats() {
    }

    static int checkFitInput(String owner, Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(owner + ".fit expects input of shape (samples, ..., features) with rank"
                    + " at least 2, got shape " + Arrays.toString(x.shape()) + "; reshape a single feature to (N, 1)");
        }
        int f = x.shape()[x.rank() - 1];
        if (f == 0 || x.size() == 0) {
            throw new IllegalArgumentException(owner + ".fit needs at least one sample and one feature, got shape "
                    + Arrays.toString(x.shape()));
        }
        return f;
    }

    static void checkTransformInput(String owner, String op, Tensor x, int features) {
        if (features < 0) {
            throw new IllegalStateException(owner + " is not fitted yet; call fit(x) with the training data before "
                    + op + "()");
        }
        if (x.rank() < 1 || x.shape()[x.rank() - 1] != features) {
            throw new IllegalArgumentException(owner + "." + op + ": expected input with " + features
                    + " features on the last axis (as in fit), got shape " + Arrays.toString(x.shape()));
        }
    }

    static double[] values(Tensor x) {
        return x.dtype() == DType.FLOAT64 ? x.doubleData() : x.toDoubleArray();
    }

    /** Applies {@code op} to every element; float64 input gives float64, anything else float32. */
    static Tensor map(Tensor x, FeatureOp op, int features) {
        int n = x.size();
        if (x.dtype() == DType.FLOAT64) {
            double[] src = x.doubleData();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = op.apply(src[i], i % features);
            }
            return Tensor.wrap(out, x.shape());
        }
        float[] src = x.dtype() == DType.FLOAT32 ? x.floatData() : x.toFloatArray();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(src[i], i % features);
        }
        return Tensor.wrap(out, x.shape());
    }

    static List<Double> list(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    static double[] array(String owner, Map<String, Object> state, String key, int expectedLength) {
        Object v = state.get(key);
        if (!(v instanceof List)) {
            if (v instanceof double[]) {
                return check(owner, key, ((double[]) v).clone(), expectedLength);
            }
            throw new IllegalArgumentException(owner + ".setState: missing list of numbers '" + key + "', got " + v);
        }
        List<?> l = (List<?>) v;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            if (!(l.get(i) instanceof Number)) {
                throw new IllegalArgumentException(owner + ".setState: '" + key + "' must hold numbers, element " + i
                        + " is " + l.get(i));
            }
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return check(owner, key, a, expectedLength);
    }

    private static double[] check(String owner, String key, double[] a, int expectedLength) {
        if (expectedLength >= 0 && a.length != expectedLength) {
            throw new IllegalArgumentException(owner + ".setState: '" + key + "' has " + a.length + " values, expected "
                    + expectedLength + " (n_features_in)");
        }
        return a;
    }

    static int count(String owner, Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number) || ((Number) v).doubleValue() < 1
                || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new IllegalArgumentException(owner + ".setState: '" + key + "' must be a positive integer, got " + v);
        }
        return ((Number) v).intValue();
    }
}
