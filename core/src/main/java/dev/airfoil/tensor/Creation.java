package dev.airfoil.tensor;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Package-private: tensor creation, random sampling and conversion to and from Java arrays. */
final class Creation {
    private Creation() {
    }

    static Tensor wrap(DType dtype, Object data, int length, int[] shape) {
        int[] s = shape.length == 0 && length != 1 ? new int[] {length} : shape.clone();
        if (Shape.size(s) != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values cannot fill shape " + Shape.str(s)
                    + " (" + Shape.size(s) + " elements); pass a shape whose product is " + length);
        }
        return new Tensor(dtype, s, data);
    }

    static Tensor full(DType dtype, double value, int[] shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        if (value != 0) {
            fill(t, value);
        }
        return t;
    }

    static void fill(Tensor t, double value) {
        switch (t.dtype) {
            case FLOAT32: Arrays.fill((float[]) t.data(), (float) value); break;
            case FLOAT64: Arrays.fill((double[]) t.data(), value); break;
            case INT32: Arrays.fill((int[]) t.data(), (int) value); break;
            case INT64: Arrays.fill((long[]) t.data(), (long) value); break;
            case BOOL: Arrays.fill((boolean[]) t.data(), value != 0); break;
            default: throw new AssertionError();
        }
    }

    static Tensor arange(DType dtype, double start, double stop, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must not be 0");
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        Tensor t = Tensor.zeros(dtype, n);
        Object d = t.data();
        for (int i = 0; i < n; i++) {
            Buffers.set(d, dtype, i, start + i * step);
        }
        return t;
    }

    static Tensor eye(DType dtype, int rows, int cols) {
        Tensor t = Tensor.zeros(dtype, rows, cols);
        for (int i = 0; i < Math.min(rows, cols); i++) {
            Buffers.set(t.data(), dtype, i * cols + i, 1);
        }
        return t;
    }

    static Tensor randomUniform(DType dtype, long seed, double min, double max, int[] shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = t.size();
        Object d = t.data();
        for (int i = 0; i < n; i++) {
            Buffers.set(d, dtype, i, min + (max - min) * rng.nextDouble());
        }
        return t;
    }

    static Tensor randomNormal(DType dtype, long seed, double mean, double stddev, boolean truncated, int[] shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = t.size();
        Object d = t.data();
        for (int i = 0; i < n; i++) {
            double z;
            do {
                z = gaussian(rng);
            } while (truncated && Math.abs(z) > 2.0);
            Buffers.set(d, dtype, i, mean + stddev * z);
        }
        return t;
    }

    /** A standard normal sample by the Box–Muller transform (one value per call, deterministic). */
    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    static Tensor oneHot(Tensor indices, int numClasses) {
        if (indices.dtype.isFloating()) {
            throw new IllegalArgumentException("oneHot: indices must be an integer tensor, got " + indices.dtype
                    + "; cast them with cast(DType.INT64)");
        }
        int n = indices.size();
        int[] shape = Arrays.copyOf(indices.shape, indices.shape.length + 1);
        shape[shape.length - 1] = numClasses;
        float[] out = new float[n * numClasses];
        Object id = indices.data();
        for (int i = 0; i < n; i++) {
            long c = Buffers.getLong(id, indices.dtype, i);
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + c + " at position " + i + " is outside [0, "
                        + numClasses + "); check the labels or the number of classes");
            }
            out[i * numClasses + (int) c] = 1f;
        }
        return new Tensor(DType.FLOAT32, shape, out);
    }

    static Tensor fromArray(Object array) {
        if (array instanceof Tensor) {
            return ((Tensor) array).copy();
        }
        if (array instanceof Number || array instanceof Boolean) {
            if (array instanceof Double) {
                return Tensor.of(new double[] {(Double) array});
            }
            if (array instanceof Float) {
                return Tensor.scalar(((Float) array));
            }
            if (array instanceof Long) {
                return Tensor.scalar(DType.INT64, (Long) array);
            }
            if (array instanceof Boolean) {
                return Tensor.scalar(DType.BOOL, (Boolean) array ? 1 : 0);
            }
            return Tensor.scalar(DType.INT32, ((Number) array).intValue());
        }
        if (array == null || !array.getClass().isArray()) {
            throw new IllegalArgumentException("Tensor.fromArray: expected a Java array such as float[][], got "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        List<Integer> dims = new ArrayList<>();
        Object cur = array;
        Class<?> type = array.getClass();
        while (type.isArray()) {
            int len = Array.getLength(cur);
            dims.add(len);
            type = type.getComponentType();
            if (type.isArray()) {
                if (len == 0) {
                    // shape of the empty inner arrays is unknown: treat as 0 along every remaining axis
                    while (type.isArray()) {
                        dims.add(0);
                        type = type.getComponentType();
                    }
                    break;
                }
                cur = Array.get(cur, 0);
            }
        }
        DType dtype;
        if (type == float.class) {
            dtype = DType.FLOAT32;
        } else if (type == double.class) {
            dtype = DType.FLOAT64;
        } else if (type == int.class || type == short.class || type == byte.class) {
            dtype = DType.INT32;
        } else if (type == long.class) {
            dtype = DType.INT64;
        } else if (type == boolean.class) {
            dtype = DType.BOOL;
        } else {
            throw new IllegalArgumentException("Tensor.fromArray: unsupported element type " + type.getSimpleName()
                    + "; use float, double, int, long or boolean arrays");
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Tensor t = Tensor.zeros(dtype, shape);
        int[] pos = {0};
        fill(array, 0, shape, t, pos);
        return t;
    }

    private static void fill(Object arr, int depth, int[] shape, Tensor t, int[] pos) {
        int len = Array.getLength(arr);
        if (len != shape[depth]) {
            throw new IllegalArgumentException("Tensor.fromArray: ragged array — axis " + depth + " has length " + len
                    + " here but " + shape[depth] + " in the first row; all rows must have equal length");
        }
        if (depth == shape.length - 1) {
            Class<?> c = arr.getClass().getComponentType();
            if (c == short.class || c == byte.class) {
                for (int i = 0; i < len; i++) {
                    Buffers.set(t.data(), t.dtype, pos[0]++, ((Number) Array.get(arr, i)).doubleValue());
                }
            } else {
                System.arraycopy(arr, 0, t.data(), pos[0], len);
                pos[0] += len;
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            fill(Array.get(arr, i), depth + 1, shape, t, pos);
        }
    }

    static Object toNestedArray(Tensor t) {
        if (t.shape.length == 0) {
            return Buffers.get(t.data(), t.dtype, 0);
        }
        Class<?> elem;
        switch (t.dtype) {
            case FLOAT32: elem = float.class; break;
            case FLOAT64: elem = double.class; break;
            case INT32: elem = int.class; break;
            case INT64: elem = long.class; break;
            default: elem = boolean.class;
        }
        Object out = Array.newInstance(elem, t.shape);
        int[] pos = {0};
        copyOut(out, 0, t, pos);
        return out;
    }

    private static void copyOut(Object arr, int depth, Tensor t, int[] pos) {
        int len = Array.getLength(arr);
        if (depth == t.shape.length - 1) {
            System.arraycopy(t.data(), pos[0], arr, 0, len);
            pos[0] += len;
            return;
        }
        for (int i = 0; i < len; i++) {
            copyOut(Array.get(arr, i), depth + 1, t, pos);
        }
    }
}
