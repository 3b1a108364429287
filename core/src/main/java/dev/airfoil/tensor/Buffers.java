package dev.airfoil.tensor;

/** Package-private helpers over the primitive arrays that back tensors. */
final class Buffers {
    private Buffers() {
    }

    static Object alloc(DType dtype, int n) {
        switch (dtype) {
            case FLOAT32: return new float[n];
            case FLOAT64: return new double[n];
            case INT32: return new int[n];
            case INT64: return new long[n];
            case BOOL: return new boolean[n];
            default: throw new AssertionError(dtype);
        }
    }

    static double get(Object data, DType dtype, int i) {
        switch (dtype) {
            case FLOAT32: return ((float[]) data)[i];
            case FLOAT64: return ((double[]) data)[i];
            case INT32: return ((int[]) data)[i];
            case INT64: return ((long[]) data)[i];
            case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
            default: throw new AssertionError(dtype);
        }
    }

    static long getLong(Object data, DType dtype, int i) {
        switch (dtype) {
            case INT32: return ((int[]) data)[i];
            case INT64: return ((long[]) data)[i];
            case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
            default: return (long) get(data, dtype, i);
        }
    }

    static void set(Object data, DType dtype, int i, double v) {
        switch (dtype) {
            case FLOAT32: ((float[]) data)[i] = (float) v; break;
            case FLOAT64: ((double[]) data)[i] = v; break;
            case INT32: ((int[]) data)[i] = (int) v; break;
            case INT64: ((long[]) data)[i] = (long) v; break;
            case BOOL: ((boolean[]) data)[i] = v != 0; break;
            default: throw new AssertionError(dtype);
        }
    }

    static void setLong(Object data, DType dtype, int i, long v) {
        switch (dtype) {
            case INT32: ((int[]) data)[i] = (int) v; break;
            case INT64: ((long[]) data)[i] = v; break;
            case BOOL: ((boolean[]) data)[i] = v != 0; break;
            default: set(data, dtype, i, v);
        }
    }

    /** Copies {@code n} elements between arrays of the same dtype. */
    static void copy(Object src, int srcPos, Object dst, int dstPos, int n) {
        System.arraycopy(src, srcPos, dst, dstPos, n);
    }

    /** Converts a whole array to another dtype (a copy, even for the same dtype). */
    static Object convert(Object data, DType from, DType to, int n) {
        Object out = alloc(to, n);
        if (from == to) {
            System.arraycopy(data, 0, out, 0, n);
            return out;
        }
        if (to == DType.FLOAT32 && from == DType.FLOAT64) {
            double[] s = (double[]) data;
            float[] d = (float[]) out;
            for (int i = 0; i < n; i++) {
                d[i] = (float) s[i];
            }
        } else if (to == DType.FLOAT64 && from == DType.FLOAT32) {
            float[] s = (float[]) data;
            double[] d = (double[]) out;
            for (int i = 0; i < n; i++) {
                d[i] = s[i];
            }
        } else if (to.isInteger() && !from.isFloating()) {
            for (int i = 0; i < n; i++) {
                setLong(out, to, i, getLong(data, from, i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                set(out, to, i, get(data, from, i));
            }
        }
        return out;
    }
}
