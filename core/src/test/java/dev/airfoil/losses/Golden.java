package dev.airfoil.losses;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the Keras golden files under {@code src/test/resources/golden/training/} (written by
 * {@code tools/golden_training/gen_*.py}) as plain maps and lists, and converts nested number lists to
 * tensors. Shared by the loss and metric tests.
 */
public final class Golden {
    private Golden() {
    }

    /** The parsed JSON file {@code golden/training/<name>}. */
    public static Map<String, Object> load(String name) {
        return dev.airfoil.testing.Golden.readMap("/golden/training/" + name);
    }

    /** A JSON number or "NaN"/"Infinity"/"-Infinity" string as a double. */
    public static double num(Object o) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        switch (String.valueOf(o)) {
            case "NaN": return Double.NaN;
            case "Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": return Double.NEGATIVE_INFINITY;
            default: throw new IllegalArgumentException("not a number: " + o);
        }
    }

    /** The shape of a nested list (empty for a scalar). */
    public static int[] shape(Object nested) {
        return dev.airfoil.testing.Golden.nestedShape(nested);
    }

    /** The elements of a nested list, row-major. */
    public static double[] flat(Object nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = out.get(i);
        }
        return d;
    }

    private static void flatten(Object o, List<Double> out) {
        if (o instanceof List) {
            for (Object e : (List<?>) o) {
                flatten(e, out);
            }
        } else {
            out.add(num(o));
        }
    }

    /** A nested list as a tensor of the given dtype. */
    public static Tensor tensor(Object nested, DType dtype) {
        return Tensor.of(flat(nested), shape(nested)).cast(dtype);
    }

    /** A flat array as a list (for {@link #compare}). */
    public static List<Double> flatList(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) {
            l.add(d);
        }
        return l;
    }

    /** Whether every element is an integer (JSON integers are parsed as Integer/Long). */
    public static boolean allIntegers(Object nested) {
        if (nested instanceof List) {
            for (Object e : (List<?>) nested) {
                if (!allIntegers(e)) {
                    return false;
                }
            }
            return true;
        }
        return nested instanceof Integer || nested instanceof Long;
    }

    /**
     * Compares element-wise with {@code |a - e| <= atol + rtol * |e|}; NaN expected matches NaN.
     *
     * @return null when close, otherwise a message naming the first mismatch
     */
    public static String compare(double[] actual, int[] actualShape, Object expected, double rtol, double atol) {
        double[] e = flat(expected);
        int[] es = shape(expected);
        if (!java.util.Arrays.equals(actualShape, es)) {
            return "shape " + java.util.Arrays.toString(actualShape) + " != expected " + java.util.Arrays.toString(es);
        }
        for (int i = 0; i < e.length; i++) {
            double a = actual[i];
            if (a == e[i]) {
                continue;
            }
            if (Double.isNaN(e[i]) ? !Double.isNaN(a) : !(Math.abs(a - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                return "element " + i + ": " + a + " vs Keras " + e[i] + " (actual " + java.util.Arrays.toString(actual)
                        + ", expected " + java.util.Arrays.toString(e) + ")";
            }
        }
        return null;
    }
}
