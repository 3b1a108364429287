package dev.airfoil.layers.pooling;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;

/**
 * Fused max and average pooling primitives with their own backward rules, on channels-last
 * tensors of 1 to 3 spatial axes, driven by an index map of windows: a {@link ConvGeometry}'s
 * (strided windows) or {@link AdaptiveWindows}' (Keras's adaptive bins). Max pooling keeps
 * the position of each maximum (the first on ties) and routes the gradient there; average
 * pooling divides by the number of taps inside the input, so padding is excluded as in Keras.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /**
     * Max pooling of {@code x (N, *g.in(), C)} to {@code (N, *g.out(), C)}. A NaN in a window makes
     * its maximum NaN. The backward pass routes each output gradient to the first tap of its window
     * that holds the maximum (found again from the input and the output, so the forward pass keeps
     * no index array and runs as plain vectorisable maxima).
     */
    public static Tensor maxPool(Tensor x, ConvGeometry g) {
        return maxPool(x, PoolWindows.of(g));
    }

    /** Max pooling over any table of windows (see {@link #maxPool(Tensor, ConvGeometry)}). */
    static Tensor maxPool(Tensor x, PoolWindows g) {
        int[] xs = x.shape();
        int n = xs[0];
        int c = xs[xs.length - 1];
        int outs = g.outSize();
        if (x.dtype() == DType.FLOAT32) {
            return maxPoolFloat(x, g, n, c, outs);
        }
        // float64 (gradient checks): the same algorithm as the float32 path, in plain loops.
        double[] y = new double[n * outs * c];
        double[] xd = x.doubleData();
        forEachWindowTap(n, g, c, () -> (row, base, first) -> {
            if (first) {
                System.arraycopy(xd, base, y, row, c);
            } else {
                maxInto(y, row, xd, base, c);
            }
        });
        Tensor out = Tensor.wrap(y, outShape(xs, g));
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "max_pool", new Tensor[] {x}, gy -> {
            double[] dx = new double[x.size()];
            double[] gd = gy.doubleData();
            forEachWindowTap(n, g, c, () -> {
                double[] pending = new double[c];
                return (row, base, first) -> {
                    if (first) {
                        System.arraycopy(gd, row, pending, 0, c);
                    }
                    for (int j = 0; j < c; j++) {
                        double m = y[row + j];
                        double v = xd[base + j];
                        if (v == m || (m != m && v != v)) {
                            dx[base + j] += pending[j];
                            pending[j] = 0;
                        }
                    }
                };
            });
            return new Tensor[] {Tensor.wrap(dx, xs)};
        });
    }

    /**
     * The float32 max pooling: typed arrays throughout (an {@code Object}-typed {@code arraycopy} or
     * element access costs a type check per call), maxima by {@link Kernels#maxInto}, and a
     * backward that walks each window's taps in order over all channels at once with
     * {@link Kernels#maxPoolRoute}, so each channel's gradient reaches the first tap equal to its
     * maximum (NaN matching NaN) without a data-dependent branch per element.
     */
    private static Tensor maxPoolFloat(Tensor x, PoolWindows g, int n, int c, int outs) {
        int[] xs = x.shape();
        float[] y = new float[n * outs * c];
        float[] xd = x.floatData();
        Kernels k = Kernels.get();
        forEachWindowTap(n, g, c, () -> (row, base, first) -> {
            if (first) {
                System.arraycopy(xd, base, y, row, c);
            } else {
                k.maxInto(y, row, xd, base, c);
            }
        });
        Tensor out = Tensor.wrap(y, outShape(xs, g));
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "max_pool", new Tensor[] {x}, gy -> {
            float[] dx = new float[x.size()];
            float[] gd = gy.floatData();
            forEachWindowTap(n, g, c, () -> {
                float[] pending = new float[c];
                return (row, base, first) -> {
                    if (first) {
                        System.arraycopy(gd, row, pending, 0, c);
                    }
                    k.maxPoolRoute(xd, base, y, row, pending, dx, c);
                };
            });
            return new Tensor[] {Tensor.wrap(dx, xs)};
        });
    }

    /** What {@link #forEachWindowTap} does at one tap: {@code row} is the window's output offset, {@code base} the tap's input offset. */
    @FunctionalInterface
    private interface WindowTap {
        void at(int row, int base, boolean first);
    }

    /**
     * Visits the taps inside the input of every pooling window, in order, samples in parallel (they
     * own disjoint outputs and inputs); {@code perSample} makes the visitor for one sample, so it may
     * hold per-sample scratch.
     */
    private static void forEachWindowTap(int n, PoolWindows g, int c, java.util.function.Supplier<WindowTap> perSample) {
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        ConvOps.forEachSample(n, (long) outs * kk * c, s -> {
            WindowTap tap = perSample.get();
            for (int o = 0; o < outs; o++) {
                int row = (s * outs + o) * c;
                boolean first = true;
                for (int t = 0; t < kk; t++) {
                    int p = map[o * kk + t];
                    if (p >= 0) {
                        tap.at(row, (s * ins + p) * c, first);
                        first = false;
                    }
                }
            }
        });
    }

    private static void maxInto(double[] y, int row, double[] x, int base, int c) {
        for (int j = 0; j < c; j++) {
            y[row + j] = Math.max(y[row + j], x[base + j]);
        }
    }

    /** Average pooling (padding excluded from the count) of {@code x (N, *g.in(), C)} to {@code (N, *g.out(), C)}. */
    public static Tensor avgPool(Tensor x, ConvGeometry g) {
        return avgPool(x, PoolWindows.of(g));
    }

    /** Average pooling over any table of windows: each window's mean over its taps inside the input. */
    static Tensor avgPool(Tensor x, PoolWindows g) {
        int[] xs = x.shape();
        int n = xs[0];
        int c = xs[xs.length - 1];
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        double[] inv = new double[outs];
        for (int o = 0; o < outs; o++) {
            int cnt = 0;
            for (int k = 0; k < kk; k++) {
                cnt += map[o * kk + k] >= 0 ? 1 : 0;
            }
            inv[o] = 1.0 / Math.max(cnt, 1);
        }
        boolean isFloat = x.dtype() == DType.FLOAT32;
        Tensor out = wrap(window(isFloat ? x.floatData() : x.doubleData(), isFloat, n, g, c, inv, false),
                isFloat, outShape(xs, g));
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "avg_pool", new Tensor[] {x}, gy -> new Tensor[] {
                wrap(window(isFloat ? gy.floatData() : gy.doubleData(), isFloat, n, g, c, inv, true), isFloat, xs)});
    }

    /** The scaled window sum (forward) or its adjoint (backward, scattering onto the input positions). */
    private static Object window(Object src, boolean isFloat, int n, PoolWindows g, int c, double[] inv, boolean adjoint) {
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        int size = n * (adjoint ? ins : outs) * c;
        Object dst = isFloat ? new float[size] : new double[size];
        ConvOps.forEachSample(n, (long) outs * kk * c, s -> {
            for (int o = 0; o < outs; o++) {
                int row = (s * outs + o) * c;
                for (int k = 0; k < kk; k++) {
                    int p = map[o * kk + k];
                    if (p < 0) {
                        continue;
                    }
                    int base = (s * ins + p) * c;
                    int from = adjoint ? row : base;
                    int to = adjoint ? base : row;
                    if (isFloat) {
                        float[] a = (float[]) src;
                        float[] b = (float[]) dst;
                        float w = (float) inv[o];
                        for (int j = 0; j < c; j++) {
                            b[to + j] += a[from + j] * w;
                        }
                    } else {
                        double[] a = (double[]) src;
                        double[] b = (double[]) dst;
                        double w = inv[o];
                        for (int j = 0; j < c; j++) {
                            b[to + j] += a[from + j] * w;
                        }
                    }
                }
            }
        });
        return dst;
    }

    private static int[] outShape(int[] xs, PoolWindows g) {
        int[] s = xs.clone();
        int[] o = g.out();
        System.arraycopy(o, 0, s, 1, o.length);
        return s;
    }

    private static Tensor wrap(Object data, boolean isFloat, int[] shape) {
        return isFloat ? Tensor.wrap((float[]) data, shape) : Tensor.wrap((double[]) data, shape);
    }
}
