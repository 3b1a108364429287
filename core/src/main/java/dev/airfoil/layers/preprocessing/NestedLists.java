package dev.airfoil.layers.preprocessing;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Arrays in a Keras config as NumPy's {@code tolist()} writes them: a number for a scalar, nested
 * lists otherwise (Normalization's {@code mean} and {@code variance}).
 */
final class NestedLists {
    private static final int MAX_RANK = 16;

    private NestedLists() {
    }

    /** A tensor as a number or nested lists of numbers; null for null. */
    static Object of(Tensor t) {
        if (t == null) {
            return null;
        }
        double[] d = t.cast(DType.FLOAT64).toDoubleArray();
        if (t.rank() == 0) {
            return d[0];
        }
        return nest(d, t.shape(), 0, new int[] {0});
    }

    private static List<Object> nest(double[] d, int[] shape, int axis, int[] pos) {
        List<Object> out = new ArrayList<>(shape[axis]);
        for (int i = 0; i < shape[axis]; i++) {
            out.add(axis == shape.length - 1 ? (Object) d[pos[0]++] : nest(d, shape, axis + 1, pos));
        }
        return out;
    }

    /**
     * A number or rectangular nested lists of numbers as a float64 tensor; null for null.
     *
     * @throws IllegalArgumentException for ragged lists or anything but numbers, naming {@code what}
     */
    static Tensor toTensor(Object o, String what) {
        if (o == null) {
            return null;
        }
        List<Integer> shape = new ArrayList<>();
        for (Object level = o; level instanceof List<?> l; level = l.isEmpty() ? null : l.get(0)) {
            shape.add(l.size());
            if (shape.size() > MAX_RANK) {
                throw new IllegalArgumentException(what + ": nested deeper than " + MAX_RANK + " levels");
            }
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        List<Double> flat = new ArrayList<>();
        flatten(o, s, 0, flat, what);
        double[] d = flat.stream().mapToDouble(Double::doubleValue).toArray();
        return Tensor.of(d, s);
    }

    private static void flatten(Object o, int[] shape, int axis, List<Double> out, String what) {
        if (axis == shape.length) {
            if (!(o instanceof Number n)) {
                throw new IllegalArgumentException(what + ": expected a number or rectangular nested lists of numbers,"
                        + " found " + o);
            }
            out.add(n.doubleValue());
            return;
        }
        if (!(o instanceof List<?> l) || l.size() != shape[axis]) {
            throw new IllegalArgumentException(what + ": the nested lists are not rectangular (expected " + shape[axis]
                    + " entries at depth " + axis + ", found " + o + ")");
        }
        for (Object e : l) {
            flatten(e, shape, axis + 1, out, what);
        }
    }
}
