package dev.airfoil.training;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what users pass as x or y — a tensor, a Java array, a list (by position) or a map (by input
 * or output name) — into one tensor per model input or output, in model order, and checks that
 * they agree on the number of samples.
 */
final class DataAdapter {
    private DataAdapter() {
    }

    /** One tensor per name, in {@code names} order. */
    static List<Tensor> toList(Object data, List<String> names, String what) {
        if (data == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>();
        if (data instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) data;
            for (String n : names) {
                Object v = m.get(n);
                if (v == null) {
                    throw new IllegalArgumentException(what + ": no data for '" + n + "'; the map has keys " + m.keySet()
                            + " but the model expects " + names);
                }
                out.add(toTensor(v, what + "['" + n + "']"));
            }
            for (Object k : m.keySet()) {
                if (!names.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(what + ": unknown key '" + k + "'; the model expects " + names);
                }
            }
            return out;
        }
        if (data instanceof List) {
            for (Object v : (List<?>) data) {
                out.add(toTensor(v, what));
            }
            return out;
        }
        out.add(toTensor(data, what));
        return out;
    }

    static Tensor toTensor(Object v, String what) {
        if (v instanceof Tensor) {
            return (Tensor) v;
        }
        try {
            return Tensor.fromArray(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** The common number of samples, with a clear error when the arrays disagree or are empty. */
    static int numSamples(List<Tensor> xs, List<Tensor> ys, String op) {
        if (xs == null) {
            throw new IllegalArgumentException(op + ": x is missing; pass the features (one array per model input)");
        }
        int n = -1;
        List<Tensor> all = new ArrayList<>(xs);
        if (ys != null) {
            all.addAll(ys);
        }
        for (Tensor t : all) {
            if (t.rank() == 0) {
                throw new IllegalArgumentException(op + ": every array needs a sample axis first, got a scalar");
            }
            int m = t.shape()[0];
            if (n >= 0 && m != n) {
                throw new IllegalArgumentException(op + ": x and y have different numbers of samples ("
                        + xs.stream().map(x -> Shape.str(x.shape())).toList() + " vs "
                        + (ys == null ? "[]" : ys.stream().map(y -> Shape.str(y.shape())).toList())
                        + "); every array must have the same length on axis 0");
            }
            n = m;
        }
        if (n <= 0) {
            throw new IllegalArgumentException(op + ": the data is empty (0 samples); pass at least one sample");
        }
        return n;
    }

    /** Rows {@code [start, stop)} of every tensor, as row views (the data stays unchanged while a batch runs). */
    static List<Tensor> rows(List<Tensor> ts, int start, int stop) {
        if (ts == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(start == 0 && stop == t.shape()[0] ? t : t.rowsView(start, stop));
        }
        return out;
    }

    /** The given rows of every tensor. */
    static List<Tensor> take(List<Tensor> ts, Tensor indices) {
        if (ts == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(t.take(indices, 0));
        }
        return out;
    }

    /** Sample weights given as an {@code (n, 1)} column (Keras accepts them) as the {@code (n,)} vector; others as they are. */
    static Tensor perSample(Tensor sampleWeight) {
        return sampleWeight != null && sampleWeight.rank() == 2 && sampleWeight.shape()[1] == 1
                ? sampleWeight.reshape(sampleWeight.shape()[0]) : sampleWeight;
    }

    /** Per-sample weights from a class-weight map and labels (sparse, or one-hot / probabilities by argmax). */
    static Tensor classWeights(Map<Integer, Double> classWeight, Tensor y) {
        Tensor labels = y.rank() >= 2 && y.shape()[y.rank() - 1] > 1 ? y.argmax(-1)
                : (y.rank() >= 2 ? y.reshape(y.shape()[0]) : y);
        int n = labels.shape()[0];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            // as Keras (NumPy): labels round half to even, and a class without an entry weighs 1
            int c = (int) Math.rint(labels.getFlat(i));
            w[i] = classWeight.getOrDefault(c, 1.0).floatValue();
        }
        return Tensor.wrap(w, n).cast(DType.FLOAT32);
    }
}
