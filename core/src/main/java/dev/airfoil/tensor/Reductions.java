package dev.airfoil.tensor;

import dev.airfoil.autodiff.Autograd;

import java.util.Arrays;

/** Package-private: reductions over sets of axes, softmax, and their backward rules. */
final class Reductions {
    private Reductions() {
    }

    /** Normalised, sorted, distinct axes; null or empty means all axes. */
    static boolean[] reducedMask(int rank, int[] axes, String op) {
        boolean[] mask = new boolean[rank];
        if (axes == null || axes.length == 0) {
            Arrays.fill(mask, true);
            return mask;
        }
        for (int a : axes) {
            int ax = Shape.axis(a, rank, op);
            if (mask[ax]) {
                throw new IllegalArgumentException(op + ": axis " + a + " is given twice");
            }
            mask[ax] = true;
        }
        return mask;
    }

    static int[] keptShape(int[] shape, boolean[] mask, boolean keepDims) {
        int[] out = new int[keepDims ? shape.length : countFalse(mask)];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!mask[i]) {
                out[j++] = shape[i];
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return out;
    }

    private static int countFalse(boolean[] m) {
        int c = 0;
        for (boolean b : m) {
            if (!b) {
                c++;
            }
        }
        return c;
    }

    /** The keep-dims shape (reduced axes set to 1). */
    static int[] keepShape(int[] shape, boolean[] mask) {
        return keptShape(shape, mask, true);
    }

    @FunctionalInterface
    private interface Accumulator {
        double combine(double acc, double v);
    }

    /** Generic reduction in double precision, written in the input's floating dtype. */
    private static Tensor reduce(Tensor x, boolean[] mask, boolean keepDims, double init, Accumulator acc, DType outType) {
        int[] keep = keepShape(x.shape, mask);
        int outSize = Shape.size(keep);
        double[] buf = new double[outSize];
        Arrays.fill(buf, init);
        int[] outStrides = Broadcast.stridesFor(keep, x.shape);
        int rank = x.shape.length;
        int n = x.size();
        if (rank == 0) {
            buf[0] = acc.combine(init, Buffers.get(x.data(), x.dtype, 0));
        } else if (n > 0) {
            int[] counter = new int[rank];
            int o = 0;
            boolean fastF = x.dtype == DType.FLOAT32;
            Object xd = x.data();
            float[] fx = fastF ? (float[]) xd : null;
            for (int i = 0; i < n; i++) {
                double v = fastF ? fx[i] : Buffers.get(xd, x.dtype, i);
                buf[o] = acc.combine(buf[o], v);
                for (int d = rank - 1; d >= 0; d--) {
                    counter[d]++;
                    o += outStrides[d];
                    if (counter[d] < x.shape[d]) {
                        break;
                    }
                    o -= outStrides[d] * x.shape[d];
                    counter[d] = 0;
                }
            }
        }
        Tensor out = Tensor.zeros(outType, keepDims ? keep : keptShape(x.shape, mask, false));
        Object od = out.data();
        for (int i = 0; i < outSize; i++) {
            Buffers.set(od, outType, i, buf[i]);
        }
        return out;
    }

    static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        boolean[] mask = reducedMask(x.rank(), axes, "sum");
        DType outType = x.dtype == DType.BOOL ? DType.INT64 : (x.dtype == DType.INT32 ? DType.INT32 : x.dtype);
        Tensor out;
        if (x.dtype == DType.FLOAT32 && x.rank() >= 1 && onlyLeading(mask)) {
            out = sumLeadingFloat(x, mask, keepDims);
        } else {
            out = reduce(x, mask, keepDims, 0, Double::sum, outType);
        }
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int[] keep = keepShape(x.shape, mask);
        return Autograd.record(out, "sum", new Tensor[] {x}, g -> new Tensor[] {g.reshape(keep).broadcastTo(x.shape)});
    }

    /** Whether the reduced axes are exactly a non-empty prefix (e.g. summing a bias gradient over the batch). */
    private static boolean onlyLeading(boolean[] mask) {
        int i = 0;
        while (i < mask.length && mask[i]) {
            i++;
        }
        for (int j = i; j < mask.length; j++) {
            if (mask[j]) {
                return false;
            }
        }
        return i > 0 && i < mask.length;
    }

    private static Tensor sumLeadingFloat(Tensor x, boolean[] mask, boolean keepDims) {
        int[] kept = keptShape(x.shape, mask, keepDims);
        Tensor out = Tensor.zeros(DType.FLOAT32, kept);
        float[] o = (float[]) out.data();
        float[] in = (float[]) x.data();
        int inner = o.length;
        int outer = inner == 0 ? 0 : in.length / inner;
        for (int r = 0; r < outer; r++) {
            int base = r * inner;
            for (int j = 0; j < inner; j++) {
                o[j] += in[base + j];
            }
        }
        return out;
    }

    static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        boolean[] mask = reducedMask(x.rank(), axes, "mean");
        int count = 1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                count *= x.shape[i];
            }
        }
        Tensor xf = x.dtype.isFloating() ? x : x.cast(DType.FLOAT32);
        return sum(xf, axes, keepDims).div(count);
    }

    static Tensor extreme(Tensor x, int[] axes, boolean keepDims, boolean isMax) {
        String op = isMax ? "max" : "min";
        boolean[] mask = reducedMask(x.rank(), axes, op);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] && x.shape[i] == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over axis " + i + " of size 0 (shape "
                        + Shape.str(x.shape) + ")");
            }
        }
        Tensor out = reduce(x, mask, keepDims, isMax ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY,
                isMax ? (a, v) -> (v > a || v != v) ? v : a : (a, v) -> (v < a || v != v) ? v : a,
                x.dtype == DType.BOOL ? DType.BOOL : x.dtype);
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int[] keep = keepShape(x.shape, mask);
        return Autograd.record(out, op, new Tensor[] {x}, g -> {
            Tensor hit = x.eq(out.reshape(keep)).cast(x.dtype);
            Tensor count = hit.sum(axesOf(mask), true);
            return new Tensor[] {hit.div(count).mul(g.reshape(keep))};
        });
    }

    static int[] axesOf(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            if (b) {
                c++;
            }
        }
        int[] r = new int[c];
        int j = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                r[j++] = i;
            }
        }
        return r;
    }

    static Tensor argExtreme(Tensor x, int axis, boolean isMax) {
        int ax = Shape.axis(axis, x.rank(), isMax ? "argmax" : "argmin");
        int len = x.shape[ax];
        if (len == 0) {
            throw new IllegalArgumentException((isMax ? "argmax" : "argmin") + ": axis " + axis + " has size 0");
        }
        int inner = 1;
        for (int i = ax + 1; i < x.rank(); i++) {
            inner *= x.shape[i];
        }
        int outer = x.size() / (len * inner);
        int[] outShape = keptShape(x.shape, reducedMask(x.rank(), new int[] {ax}, "arg"), false);
        Tensor out = Tensor.zeros(DType.INT64, outShape);
        long[] o = (long[]) out.data();
        Object xd = x.data();
        for (int p = 0; p < outer; p++) {
            for (int q = 0; q < inner; q++) {
                int best = 0;
                double bv = Buffers.get(xd, x.dtype, p * len * inner + q);
                for (int k = 1; k < len; k++) {
                    double v = Buffers.get(xd, x.dtype, (p * len + k) * inner + q);
                    if (bv != bv) {
                        break;
                    }
                    if (isMax ? (v > bv || v != v) : (v < bv || v != v)) {
                        bv = v;
                        best = k;
                    }
                }
                o[p * inner + q] = best;
            }
        }
        return out;
    }

    static Tensor variance(Tensor x, int[] axes, boolean keepDims) {
        Tensor mu = mean(x, axes, true);
        Tensor dev = x.sub(mu);
        return mean(dev.square(), axes, keepDims);
    }

    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDims) {
        Tensor m = extreme(x.detach(), axes, true, true);
        Tensor finite = Tensor.where(m.eq(Tensor.scalar(m.dtype, Double.POSITIVE_INFINITY))
                .or(m.eq(Tensor.scalar(m.dtype, Double.NEGATIVE_INFINITY))), Tensor.zerosLike(m), m);
        Tensor r = x.sub(finite).exp().sum(axes, true).log().add(finite);
        if (!keepDims) {
            r = r.reshape(keptShape(x.shape, reducedMask(x.rank(), axes, "logsumexp"), false));
        }
        return r;
    }

    static Tensor norm(Tensor x, int[] axes, boolean keepDims) {
        return sum(x.square(), axes, keepDims).sqrt();
    }

    /** Softmax or log-softmax along one axis: a fused, stable primitive. */
    static Tensor softmax(Tensor x, int axis, boolean log) {
        if (!x.dtype.isFloating()) {
            x = x.cast(DType.FLOAT32);
        }
        Tensor xin = x;
        int ax = Shape.axis(axis, x.rank(), log ? "logSoftmax" : "softmax");
        int len = x.shape[ax];
        int inner = 1;
        for (int i = ax + 1; i < x.rank(); i++) {
            inner *= x.shape[i];
        }
        int outer = len == 0 ? 0 : x.size() / (len * inner);
        Tensor out = Tensor.zeros(x.dtype, x.shape);
        if (x.dtype == DType.FLOAT32 && inner == 1) {
            float[] in = (float[]) x.data();
            float[] o = (float[]) out.data();
            for (int p = 0; p < outer; p++) {
                int base = p * len;
                float m = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    m = Math.max(m, in[base + k]);
                }
                if (m == Float.NEGATIVE_INFINITY) {
                    m = 0;
                }
                double s = 0;
                for (int k = 0; k < len; k++) {
                    float e = (float) Math.exp(in[base + k] - m);
                    o[base + k] = e;
                    s += e;
                }
                if (log) {
                    float ls = (float) Math.log(s);
                    for (int k = 0; k < len; k++) {
                        o[base + k] = in[base + k] - m - ls;
                    }
                } else {
                    float inv = (float) (1.0 / s);
                    for (int k = 0; k < len; k++) {
                        o[base + k] *= inv;
                    }
                }
            }
        } else {
            Object xd = x.data();
            Object od = out.data();
            for (int p = 0; p < outer; p++) {
                for (int q = 0; q < inner; q++) {
                    int base = p * len * inner + q;
                    double m = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < len; k++) {
                        m = Math.max(m, Buffers.get(xd, x.dtype, base + k * inner));
                    }
                    if (m == Double.NEGATIVE_INFINITY) {
                        m = 0;
                    }
                    double s = 0;
                    for (int k = 0; k < len; k++) {
                        s += Math.exp(Buffers.get(xd, x.dtype, base + k * inner) - m);
                    }
                    double ls = Math.log(s);
                    for (int k = 0; k < len; k++) {
                        double v = Buffers.get(xd, x.dtype, base + k * inner) - m - ls;
                        Buffers.set(od, out.dtype, base + k * inner, log ? v : Math.exp(v));
                    }
                }
            }
        }
        if (!Autograd.needsGrad(xin)) {
            return out;
        }
        int a = ax;
        return Autograd.record(out, log ? "log_softmax" : "softmax", new Tensor[] {xin}, g -> {
            if (log) {
                // d/dx: g - softmax * sum(g)
                Tensor sm = out.exp();
                return new Tensor[] {g.sub(sm.mul(g.sum(new int[] {a}, true)))};
            }
            // d/dx: y * (g - sum(g * y))
            return new Tensor[] {out.mul(g.sub(g.mul(out).sum(new int[] {a}, true)))};
        });
    }
}
