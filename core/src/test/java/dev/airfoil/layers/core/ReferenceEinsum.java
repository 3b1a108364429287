package dev.airfoil.layers.core;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A per-element einsum of two operands in float64 (every label combination visited, products summed), the
 * reference {@link EinsumDense}'s matrix-product paths are checked against; {@code ...} stands for the
 * input's axes the letters leave over, plus a bias added with NumPy broadcasting.
 */
final class ReferenceEinsum {
    private ReferenceEinsum() {
    }

    static Tensor of(String equation, Tensor x, Tensor w, Tensor bias) {
        String[] io = equation.split("->");
        String[] ops = io[0].split(",");
        int elided = x.rank() - ops[0].replace("...", "").length();
        String ell = "0123456789".substring(0, Math.max(0, elided));
        String in = ops[0].replace("...", ell);
        String ws = ops[1];
        String out = io[1].replace("...", ell);
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < in.length(); i++) {
            sizes.put(in.charAt(i), x.dim(i));
        }
        for (int i = 0; i < ws.length(); i++) {
            sizes.put(ws.charAt(i), w.dim(i));
        }
        int[] outShape = out.chars().map(c -> sizes.get((char) c)).toArray();
        Character[] labels = sizes.keySet().toArray(new Character[0]);
        int[] idx = new int[labels.length];
        double[] xd = x.cast(DType.FLOAT64).toDoubleArray();
        double[] wd = w.cast(DType.FLOAT64).toDoubleArray();
        int outSize = 1;
        for (int d : outShape) {
            outSize *= d;
        }
        double[] y = new double[outSize];
        while (true) {
            y[flat(out, labels, idx, sizes)] += xd[flat(in, labels, idx, sizes)] * wd[flat(ws, labels, idx, sizes)];
            int k = labels.length - 1;
            while (k >= 0 && ++idx[k] == sizes.get(labels[k])) {
                idx[k--] = 0;
            }
            if (k < 0) {
                break;
            }
        }
        Tensor t = Tensor.of(y, outShape);
        return bias == null ? t : t.add(bias.cast(DType.FLOAT64));
    }

    private static int flat(String spec, Character[] labels, int[] idx, Map<Character, Integer> sizes) {
        int f = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            int p = 0;
            while (labels[p] != c) {
                p++;
            }
            f = f * sizes.get(c) + idx[p];
        }
        return f;
    }
}
