package dev.airfoil.layers.convolutional;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Fused convolution primitives with their own backward rules, on channels-last tensors of 1 to 3
 * spatial axes: im2col through a {@link ConvGeometry} index map followed by the packed GEMM of
 * {@link Kernels}, and col2im (the scatter-add through the same map) for input gradients.
 *
 * <p>Layouts are Keras's: a convolution kernel is {@code (*kernel_size, in_channels / groups, filters)},
 * a transposed convolution kernel {@code (*kernel_size, filters, in_channels)}. The im2col matrix has
 * one row per (sample, output position) and its columns ordered (group, tap, channel in group), so
 * each group is one contiguous block and one GEMM. The gathers and scatters run in parallel over
 * the batch; the GEMMs use the kernels' own threads.
 */
public final class ConvOps {
    private static final int MIN_PARALLEL_ELEMENTS = 1 << 15;

    private ConvOps() {
    }

    /**
     * A grouped N-d convolution: {@code x (N, *g.in(), C)}, {@code w (*kernel, C / groups, F)} to
     * {@code (N, *g.out(), F)}, differentiable in both.
     */
    public static Tensor conv(Tensor x, Tensor w, ConvGeometry g, int groups) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int r = xs.length - 2;
        int n = xs[0];
        int c = xs[xs.length - 1];
        int f = ws[ws.length - 1];
        if (ws.length != r + 2 || c % groups != 0 || ws[ws.length - 2] * groups != c || f % groups != 0) {
            throw new IllegalArgumentException("conv: input " + Shape.str(xs) + " and kernel " + Shape.str(ws)
                    + " do not match for groups=" + groups + "; the kernel must be (*kernel_size, in_channels / groups, filters)");
        }
        boolean isFloat = x.dtype() == DType.FLOAT32;
        int rows = n * g.outSize();
        int kc = g.kernelSize() * c;
        Object cols = g.isPointwise() ? data(x) : gather(data(x), isFloat, n, g, c, groups);
        int cg = c / groups;
        int fg = f / groups;
        int kg = g.kernelSize() * cg;
        Object y = alloc(isFloat, rows * f);
        Object wd = data(w);
        for (int gr = 0; gr < groups; gr++) {
            gemm(isFloat, false, false, rows, fg, kg, cols, gr * kg, kc, wd, gr * fg, f, 0, y, gr * fg, f);
        }
        int[] outShape = new int[r + 2];
        outShape[0] = n;
        System.arraycopy(g.out(), 0, outShape, 1, r);
        outShape[r + 1] = f;
        Tensor out = wrap(y, isFloat, outShape);
        if (!Autograd.needsGrad(x, w)) {
            return out;
        }
        return Autograd.record(out, "conv", new Tensor[] {x, w}, gy -> {
            Object dy = data(gy);
            Tensor gx = null;
            Tensor gw = null;
            if (w.requiresGrad()) {
                Object dw = alloc(isFloat, w.size());
                for (int gr = 0; gr < groups; gr++) {
                    gemm(isFloat, true, false, kg, fg, rows, cols, gr * kg, kc, dy, gr * fg, f, 0, dw, gr * fg, f);
                }
                gw = wrap(dw, isFloat, ws);
            }
            if (x.requiresGrad()) {
                Object dcols = alloc(isFloat, rows * kc);
                for (int gr = 0; gr < groups; gr++) {
                    gemm(isFloat, false, true, rows, kg, fg, dy, gr * fg, f, wd, gr * fg, f, 0, dcols, gr * kg, kc);
                }
                gx = wrap(g.isPointwise() ? dcols : scatter(dcols, isFloat, n, g, c, groups), isFloat, xs);
            }
            return new Tensor[] {gx, gw};
        });
    }

    /**
     * A transposed convolution (the gradient of {@link #conv} with respect to its input):
     * {@code x (N, *g.out(), Cin)}, {@code w (*kernel, F, Cin)} to {@code (N, *g.in(), F)}.
     */
    public static Tensor convTranspose(Tensor x, Tensor w, ConvGeometry g) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int r = xs.length - 2;
        int n = xs[0];
        int cin = xs[xs.length - 1];
        int f = ws[ws.length - 2];
        if (ws.length != r + 2 || ws[ws.length - 1] != cin) {
            throw new IllegalArgumentException("conv_transpose: input " + Shape.str(xs) + " and kernel " + Shape.str(ws)
                    + " do not match; the kernel must be (*kernel_size, filters, in_channels)");
        }
        boolean isFloat = x.dtype() == DType.FLOAT32;
        int rows = n * g.outSize();
        int kf = g.kernelSize() * f;
        Object xd = data(x);
        Object wd = data(w);
        Object cols = alloc(isFloat, rows * kf);
        gemm(isFloat, false, true, rows, kf, cin, xd, 0, cin, wd, 0, cin, 0, cols, 0, kf);
        int[] outShape = new int[r + 2];
        outShape[0] = n;
        System.arraycopy(g.in(), 0, outShape, 1, r);
        outShape[r + 1] = f;
        Tensor out = wrap(scatter(cols, isFloat, n, g, f, 1), isFloat, outShape);
        if (!Autograd.needsGrad(x, w)) {
            return out;
        }
        return Autograd.record(out, "conv_transpose", new Tensor[] {x, w}, gy -> {
            Object dcols = gather(data(gy), isFloat, n, g, f, 1);
            Tensor gx = null;
            Tensor gw = null;
            if (x.requiresGrad()) {
                Object dx = alloc(isFloat, x.size());
                gemm(isFloat, false, false, rows, cin, kf, dcols, 0, kf, wd, 0, cin, 0, dx, 0, cin);
                gx = wrap(dx, isFloat, xs);
            }
            if (w.requiresGrad()) {
                Object dw = alloc(isFloat, w.size());
                gemm(isFloat, true, false, kf, cin, rows, dcols, 0, kf, xd, 0, cin, 0, dw, 0, cin);
                gw = wrap(dw, isFloat, ws);
            }
            return new Tensor[] {gx, gw};
        });
    }

    // ---------------------------------------------------------------- im2col / col2im

    /** im2col: {@code (N * outSize, groups * kernelSize * (C / groups))} from {@code (N, inSize, C)}. */
    static Object gather(Object x, boolean isFloat, int n, ConvGeometry g, int c, int groups) {
        int[] map = g.map();
        int outs = g.outSize();
        int kk = g.kernelSize();
        int ins = g.inSize();
        int cg = c / groups;
        int kc = kk * c;
        Object cols = alloc(isFloat, n * outs * kc);
        forEachSample(n, (long) outs * kc, s -> {
            for (int o = 0; o < outs; o++) {
                int row = (s * outs + o) * kc;
                for (int k = 0; k < kk; k++) {
                    int p = map[o * kk + k];
                    if (p < 0) {
                        continue;
                    }
                    int src = (s * ins + p) * c;
                    for (int gr = 0; gr < groups; gr++) {
                        int dst = row + gr * kk * cg + k * cg;
                        if (isFloat) {
                            copy((float[]) x, src + gr * cg, (float[]) cols, dst, cg);
                        } else {
                            System.arraycopy(x, src + gr * cg, cols, dst, cg);
                        }
                    }
                }
            }
        });
        return cols;
    }

    /** col2im: the adjoint of {@link #gather}, summing every tap back onto its input position. */
    static Object scatter(Object cols, boolean isFloat, int n, ConvGeometry g, int c, int groups) {
        int[] map = g.map();
        int outs = g.outSize();
        int kk = g.kernelSize();
        int ins = g.inSize();
        int cg = c / groups;
        int kc = kk * c;
        Object x = alloc(isFloat, n * ins * c);
        forEachSample(n, (long) outs * kc, s -> {
            for (int o = 0; o < outs; o++) {
                int row = (s * outs + o) * kc;
                for (int k = 0; k < kk; k++) {
                    int p = map[o * kk + k];
                    if (p < 0) {
                        continue;
                    }
                    int dstBase = (s * ins + p) * c;
                    for (int gr = 0; gr < groups; gr++) {
                        int src = row + gr * kk * cg + k * cg;
                        int dst = dstBase + gr * cg;
                        if (isFloat) {
                            float[] cf = (float[]) cols;
                            float[] xf = (float[]) x;
                            for (int j = 0; j < cg; j++) {
                                xf[dst + j] += cf[src + j];
                            }
                        } else {
                            double[] cd = (double[]) cols;
                            double[] xd = (double[]) x;
                            for (int j = 0; j < cg; j++) {
                                xd[dst + j] += cd[src + j];
                            }
                        }
                    }
                }
            }
        });
        return x;
    }

    private static void copy(float[] src, int from, float[] dst, int to, int len) {
        if (len >= 16) {
            System.arraycopy(src, from, dst, to, len);
        } else {
            for (int j = 0; j < len; j++) {
                dst[to + j] = src[from + j];
            }
        }
    }

    /**
     * Runs {@code body} for every sample index in {@code [0, n)}, in parallel on the common
     * fork-join pool when the work ({@code n * perSample} elements) is large enough.
     */
    public static void forEachSample(int n, long perSample, IntConsumer body) {
        if (n > 1 && n * perSample >= MIN_PARALLEL_ELEMENTS && ForkJoinPool.getCommonPoolParallelism() > 1) {
            IntStream.range(0, n).parallel().forEach(body);
        } else {
            for (int s = 0; s < n; s++) {
                body.accept(s);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static Object data(Tensor t) {
        return t.dtype() == DType.FLOAT32 ? t.floatData() : t.doubleData();
    }

    static Object alloc(boolean isFloat, int size) {
        return isFloat ? new float[size] : new double[size];
    }

    static Tensor wrap(Object data, boolean isFloat, int[] shape) {
        return isFloat ? Tensor.wrap((float[]) data, shape) : Tensor.wrap((double[]) data, shape);
    }

    static void gemm(boolean isFloat, boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, int lda,
                     Object b, int bOff, int ldb, double beta, Object c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (isFloat) {
            Kernels.get().sgemm(ta, tb, m, n, k, 1f, (float[]) a, aOff, lda, (float[]) b, bOff, ldb, (float) beta,
                    (float[]) c, cOff, ldc);
        } else {
            Kernels.get().dgemm(ta, tb, m, n, k, 1.0, (double[]) a, aOff, lda, (double[]) b, bOff, ldb, beta,
                    (double[]) c, cOff, ldc);
        }
    }
}
