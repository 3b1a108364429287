package dev.airfoil.tensor;

import java.util.Arrays;

/**
 * Shape utilities: element counts, row-major strides, axis normalisation and NumPy broadcasting.
 * Shapes are plain {@code int[]} so that they read like Keras tuples: {@code new int[] {32, 28, 28}}.
 */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a shape (1 for a scalar). Throws on negative dimensions or overflow. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + str(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Shape " + str(shape)
                        + " has more elements than a Java array can hold (2^31 - 9)");
            }
        }
        return (int) n;
    }

    /** Row-major (C order) strides in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalises a possibly negative axis against a rank, with a clear error when it is out of range. */
    public static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank "
                    + rank + "; use an axis in [" + (-rank) + ", " + (rank - 1) + "]");
        }
        return a;
    }

    /** The broadcast shape of two shapes under NumPy rules. */
    public static int[] broadcast(int[] a, int[] b, String op) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together (dimension " + i + ": " + da + " vs " + db
                        + "); each trailing dimension must be equal or 1 — reshape one operand to make them compatible");
            }
            out[i] = Math.max(da, db);
            if (da == 0 || db == 0) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** Formats a shape as a Python tuple: {@code (32, 10)}, {@code (5,)}, {@code ()}. */
    public static String str(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
        }
        return sb.append(')').toString();
    }

    /** Formats a Keras shape where {@code -1} means an unknown dimension: {@code (None, 28, 300)}. */
    public static String keras(int[] shape) {
        return str(shape);
    }

    /** Whether two shapes are equal. */
    public static boolean equal(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
