package dev.airfoil.evaluation;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/**
 * Small helpers shared by the evaluation package: taking rows, converting labels, means and
 * standard deviations. Public because the ensemble and tree packages use them.
 */
public final class Arrays2 {
    private Arrays2() {
    }

    /** The rows {@code indices} of {@code t} (axis 0), as a new tensor. */
    public static Tensor rows(Tensor t, int[] indices) {
        return t.take(Tensor.ofInts(indices, indices.length), 0);
    }

    /** Integer class labels of a label tensor (any dtype; floats are truncated). */
    public static int[] labels(Tensor y) {
        return y.reshape(y.size()).toIntArray();
    }

    /** The values of a tensor as doubles, row-major. */
    public static double[] values(Tensor t) {
        return t.copy().toDoubleArray();
    }

    /** Whether a target tensor holds class labels (an integer dtype). */
    public static boolean isClassification(Tensor y) {
        return y.dtype().isInteger();
    }

    /** Number of classes: the largest label plus one. */
    public static int numClasses(int[] labels) {
        int max = -1;
        for (int v : labels) {
            if (v < 0) {
                throw new IllegalArgumentException("class labels must be 0, 1, 2, ...; found " + v);
            }
            max = Math.max(max, v);
        }
        return max + 1;
    }

    /** An int64 label tensor. */
    public static Tensor labelTensor(int[] labels) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return Tensor.ofLongs(l, l.length);
    }

    /** A float32 vector. */
    public static Tensor floatTensor(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.of(f, f.length);
    }

    /** A float64 vector. */
    public static Tensor doubleTensor(double[] v) {
        return Tensor.of(v.clone(), v.length);
    }

    /** The arithmetic mean (NaN for none). */
    public static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** The population standard deviation (ddof 0, as NumPy's {@code std} and scikit-learn's reports). */
    public static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return v.length == 0 ? Double.NaN : Math.sqrt(s / v.length);
    }

    /** The features as one row-major double array with {@code x.dim(0)} rows. */
    public static double[] features(Tensor x) {
        return x.copy().cast(DType.FLOAT64).toDoubleArray();
    }

    /** Features per sample: the product of all dimensions but the first. */
    public static int rowWidth(Tensor x) {
        return x.dim(0) == 0 ? 0 : x.size() / x.dim(0);
    }
}
