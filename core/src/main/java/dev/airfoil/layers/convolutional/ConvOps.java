package dev.airfoil.layers.convolutional;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.Parallel;

import java.util.function.IntConsumer;

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
    /** Whether float32 convolutions take the chunked path ({@link ChunkedConv}); {@code airfoil.conv.chunked=false} selects the whole-batch reference. */
    static volatile boolean CHUNKED = !"false".equals(System.getProperty("airfoil.conv.chunked"));

    private ConvOps() {
    }

    /**
     * A grouped N-d convolution: {@code x (N, *g.in(), C)}, {@code w (*kernel, C / groups, F)} to
     * {@code (N, *g.out(), F)}, differentiable in both.
     */
    public static Tensor conv(Tensor x, Tensor w, ConvGeometry g, int groups) {
        return conv(x, w, null, g, groups, false);
    }

    /**
     * A grouped N-d convolution fused with its bias and, when {@code relu}, a ReLU:
     * {@code x (N, *g.in(), C)}, {@code w (*kernel, C / groups, F)}, {@code bias (F)} or null, to
     * {@code (N, *g.out(), F)}, differentiable in all three. The fusion saves two passes over the
     * output forward and backward.
     */
    public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int groups, boolean relu) {
        int[] outShape = checkConv(x, w, g, groups, "conv");
        int[] xs = x.shape();
        int[] ws = w.shape();
        int n = xs[0];
        int c = xs[xs.length - 1];
        int f = ws[ws.length - 1];
        boolean isFloat = x.dtype() == DType.FLOAT32;
        if (chunked(x, w, bias)) {
            return ChunkedConv.conv(x, w, bias, g, groups, relu, outShape);
        }
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
        if (bias != null || relu) {
            biasRelu(y, isFloat, bias == null ? null : data(bias), rows, f, relu);
        }
        Tensor out = wrap(y, isFloat, outShape);
        if (!Autograd.needsGrad(x, w, bias)) {
            return out;
        }
        return Autograd.record(out, relu ? "conv_bias_relu" : "conv", new Tensor[] {x, w, bias}, gyT -> {
            Object dy = relu ? reluMask(data(gyT), y, isFloat) : data(gyT);
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (bias != null && bias.requiresGrad()) {
                gb = wrap(columnSums(dy, isFloat, rows, f), isFloat, new int[] {f});
            }
            if (w.requiresGrad()) {
                Object dw = alloc(isFloat, w.size());
                for (int gr = 0; gr < groups; gr++) {
                    weightGrad(isFloat, kg, fg, rows, cols, gr * kg, kc, dy, gr * fg, f, dw, gr * fg);
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
            return new Tensor[] {gx, gw, gb};
        });
    }

    /** Checks that {@code x} and {@code w} fit a grouped convolution; returns its output shape {@code (N, *g.out(), F)}. */
    private static int[] checkConv(Tensor x, Tensor w, ConvGeometry g, int groups, String op) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int r = xs.length - 2;
        int c = xs[xs.length - 1];
        int f = ws[ws.length - 1];
        if (ws.length != r + 2 || c % groups != 0 || ws[ws.length - 2] * groups != c || f % groups != 0) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(xs) + " and kernel " + Shape.str(ws)
                    + " do not match for groups=" + groups + "; the kernel must be (*kernel_size, in_channels / groups, filters)");
        }
        int[] outShape = new int[r + 2];
        outShape[0] = xs[0];
        System.arraycopy(g.out(), 0, outShape, 1, r);
        outShape[r + 1] = f;
        return outShape;
    }

    /**
     * Whether {@link #convMaxPool} takes these operands: float32 input, kernel and bias (or no bias),
     * with the chunked convolution enabled ({@code airfoil.conv.chunked}).
     */
    public static boolean fusesMaxPool(Tensor x, Tensor w, Tensor bias) {
        return chunked(x, w, bias);
    }

    /** Whether a convolution of these operands takes the chunked float32 path ({@link ChunkedConv}). */
    private static boolean chunked(Tensor x, Tensor w, Tensor bias) {
        return CHUNKED && x.dtype() == DType.FLOAT32 && w.dtype() == DType.FLOAT32
                && (bias == null || bias.dtype() == DType.FLOAT32);
    }

    /**
     * {@link #conv(Tensor, Tensor, Tensor, ConvGeometry, int, boolean)} followed by max pooling over
     * {@code pool}, a geometry on the convolution's output (its {@code in()} is {@code g.out()}), to
     * {@code (N, *pool.out(), F)}: the same values and input gradient, bit for bit, as the two ops one
     * after the other, without ever holding the convolution's output (only the pooled one, and per pooled
     * element the tap of its maximum while gradients are recorded). Convolution outputs that no pooling
     * window reads (past the last window's reach) are not computed: the kernel and bias gradients are
     * the same sums without their zero terms, so they can round differently where a sum is split into
     * blocks, and a NaN or infinity in inputs that only those outputs read does not reach them (the
     * unfused pair multiplies it by a zero gradient). For float32 operands only ({@link #fusesMaxPool}).
     *
     * @throws IllegalArgumentException when the shapes do not match, the pooling geometry does not
     *     start from the convolution's output, or the operands are not float32
     */
    public static Tensor convMaxPool(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int groups, boolean relu,
                                     ConvGeometry pool) {
        int[] outShape = checkConv(x, w, g, groups, "convMaxPool");
        if (!java.util.Arrays.equals(pool.in(), g.out())) {
            throw new IllegalArgumentException("convMaxPool: the pooling geometry starts from "
                    + java.util.Arrays.toString(pool.in()) + " but the convolution produces "
                    + java.util.Arrays.toString(g.out()) + "; build it on the convolution's output");
        }
        if (!fusesMaxPool(x, w, bias)) {
            throw new IllegalArgumentException("convMaxPool: needs float32 input, kernel and bias (received "
                    + x.dtype() + ", " + w.dtype() + (bias == null ? "" : ", " + bias.dtype())
                    + ") and the chunked convolution; use conv followed by max pooling otherwise");
        }
        System.arraycopy(pool.out(), 0, outShape, 1, pool.out().length);
        return ChunkedConv.convMaxPool(x, w, bias, g, groups, relu, pool, outShape);
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
        if (isFloat) {
            forEachSample(n, (long) outs * kc, s -> gatherFloat((float[]) x, s, s + 1, g, c, groups, (float[]) cols, s * outs * kc));
            return cols;
        }
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
                        System.arraycopy(x, src + gr * cg, cols, row + gr * kk * cg + k * cg, cg);
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
        if (isFloat) {
            forEachSample(n, (long) outs * kc, s -> scatterFloat((float[]) cols, s * outs * kc, s, s + 1, g, c, groups, (float[]) x));
            return x;
        }
        double[] cd = (double[]) cols;
        double[] xd = (double[]) x;
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
                        for (int j = 0; j < cg; j++) {
                            xd[dst + j] += cd[src + j];
                        }
                    }
                }
            }
        });
        return x;
    }

    /**
     * float32 im2col of samples {@code [s0, s1)} into {@code cols} from row offset {@code colsOff}
     * (every element written, padding as zeros): one row per (sample, output position), columns
     * ordered (group, tap, channel in group).
     */
    static void gatherFloat(float[] x, int s0, int s1, ConvGeometry g, int c, int groups, float[] cols, int colsOff) {
        int[] map = g.map();
        int[] runs = g.runs();
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int cg = c / groups;
        int kg = kk * cg;
        int kc = kk * c;
        for (int s = s0; s < s1; s++) {
            for (int o = 0; o < outs; o++) {
                int row = colsOff + ((s - s0) * outs + o) * kc;
                int mo = o * kk;
                if (c == 1) {
                    // One channel (a first layer on grey images): element by element.
                    int sb = s * ins;
                    for (int t = 0; t < kk; t++) {
                        int p = map[mo + t];
                        cols[row + t] = p < 0 ? 0f : x[sb + p];
                    }
                    continue;
                }
                if (groups == 1) {
                    // Taps that read consecutive input positions (a kernel row at stride 1) are one copy.
                    for (int t = 0; t < kk; ) {
                        int p = map[mo + t];
                        int run = runs[mo + t];
                        int dst = row + t * c;
                        if (p < 0) {
                            java.util.Arrays.fill(cols, dst, dst + run * c, 0f);
                        } else {
                            copy(x, (s * ins + p) * c, cols, dst, run * c);
                        }
                        t += run;
                    }
                    continue;
                }
                for (int t = 0; t < kk; t++) {
                    int p = map[mo + t];
                    int src = (s * ins + p) * c;
                    for (int gr = 0; gr < groups; gr++) {
                        int dst = row + gr * kg + t * cg;
                        if (p < 0) {
                            java.util.Arrays.fill(cols, dst, dst + cg, 0f);
                        } else {
                            copy(x, src + gr * cg, cols, dst, cg);
                        }
                    }
                }
            }
        }
    }

    /** float32 col2im, the adjoint of {@link #gatherFloat}: adds every tap of {@code cols} (from {@code colsOff}) onto its input position in {@code dx}. */
    static void scatterFloat(float[] cols, int colsOff, int s0, int s1, ConvGeometry g, int c, int groups, float[] dx) {
        Kernels k = Kernels.get();
        int[] map = g.map();
        int[] runs = g.runs();
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int cg = c / groups;
        int kg = kk * cg;
        int kc = kk * c;
        for (int s = s0; s < s1; s++) {
            for (int o = 0; o < outs; o++) {
                int row = colsOff + ((s - s0) * outs + o) * kc;
                int mo = o * kk;
                // With one group, taps over consecutive input positions are one run; else one tap and group at a time.
                int width = groups == 1 ? c : cg;
                for (int t = 0; t < kk; ) {
                    int p = map[mo + t];
                    int run = groups == 1 ? runs[mo + t] : 1;
                    if (p >= 0) {
                        int len = run * width;
                        for (int gr = 0; gr < groups; gr++) {
                            int src = row + gr * kg + t * width;
                            int dst = (s * ins + p) * c + gr * cg;
                            if (len >= 8) {
                                k.addInto(dx, dst, cols, src, len);
                            } else {
                                // A few channels per group (depthwise): a call per tap would cost more than the adds.
                                for (int j = 0; j < len; j++) {
                                    dx[dst + j] += cols[src + j];
                                }
                            }
                        }
                    }
                    t += run;
                }
            }
        }
    }

    /** Copies {@code len} floats, with a plain loop for short runs (cheaper than {@code System.arraycopy} there). */
    static void copy(float[] src, int from, float[] dst, int to, int len) {
        if (len >= 16) {
            System.arraycopy(src, from, dst, to, len);
        } else {
            for (int j = 0; j < len; j++) {
                dst[to + j] = src[from + j];
            }
        }
    }

    /**
     * Runs {@code body} for every sample index in {@code [0, n)}, in parallel on the kernels'
     * threads ({@link Parallel}) when the work ({@code n * perSample} elements) is large enough;
     * each task takes a run of samples worth at least {@code MIN_PARALLEL_ELEMENTS / 4} elements.
     */
    public static void forEachSample(int n, long perSample, IntConsumer body) {
        if (n > 1 && n * perSample >= MIN_PARALLEL_ELEMENTS) {
            int grain = (int) Math.max(1, Math.min(n, (MIN_PARALLEL_ELEMENTS / 4) / Math.max(1, perSample)));
            Parallel.forRanges(n, grain, (lo, hi) -> {
                for (int s = lo; s < hi; s++) {
                    body.accept(s);
                }
            });
        } else {
            for (int s = 0; s < n; s++) {
                body.accept(s);
            }
        }
    }

    // ---------------------------------------------------------------- fused epilogue and weight gradient

    /** {@code y[row, :] += bias}, then {@code max(y, 0)} when {@code relu}, in place. */
    static void biasRelu(Object y, boolean isFloat, Object bias, int rows, int f, boolean relu) {
        forEachSample(rows, f, row -> {
            int o = row * f;
            if (isFloat) {
                float[] yf = (float[]) y;
                float[] bf = (float[]) bias;
                for (int j = 0; j < f; j++) {
                    float v = bf == null ? yf[o + j] : yf[o + j] + bf[j];
                    yf[o + j] = relu && v < 0 ? 0f : v;
                }
            } else {
                double[] yd = (double[]) y;
                double[] bd = (double[]) bias;
                for (int j = 0; j < f; j++) {
                    double v = bd == null ? yd[o + j] : yd[o + j] + bd[j];
                    yd[o + j] = relu && v < 0 ? 0.0 : v;
                }
            }
        });
    }

    /** The gradient through a ReLU whose output is {@code y}: {@code gy * (y > 0)}, as a new array. */
    static Object reluMask(Object gy, Object y, boolean isFloat) {
        if (isFloat) {
            float[] g = (float[]) gy;
            float[] yf = (float[]) y;
            float[] out = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                out[i] = yf[i] > 0 ? g[i] : 0f;
            }
            return out;
        }
        double[] g = (double[]) gy;
        double[] yd = (double[]) y;
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = yd[i] > 0 ? g[i] : 0.0;
        }
        return out;
    }

    /** Sums of the columns of a {@code rows x f} matrix. */
    static Object columnSums(Object m, boolean isFloat, int rows, int f) {
        if (isFloat) {
            float[] s = new float[f];
            Kernels.get().columnSums((float[]) m, 0, rows, f, s);
            return s;
        }
        double[] a = (double[]) m;
        double[] s = new double[f];
        for (int r = 0; r < rows; r++) {
            int o = r * f;
            for (int j = 0; j < f; j++) {
                s[j] += a[o + j];
            }
        }
        return s;
    }

    /**
     * {@code dw (m x n, ld ldc at cOff) = cols^T · dy} over {@code rows}. When the product is small and
     * the reduction long (a first convolution layer), the GEMM cannot be split over the output, so
     * the rows are split over threads and the partial products summed.
     */
    static void weightGrad(boolean isFloat, int m, int n, int rows, Object cols, int aOff, int lda, Object dy,
                           int bOff, int ldb, Object dw, int cOff) {
        int threads = Parallel.threads();
        int parts = (int) Math.min(threads, (long) rows * m * n / (1L << 21));
        if (parts <= 1 || (long) m * n > 1L << 16) {
            gemm(isFloat, true, false, m, n, rows, cols, aOff, lda, dy, bOff, ldb, 0, dw, cOff, ldb);
            return;
        }
        Object[] partial = new Object[parts];
        Parallel.forEach(parts, p -> {
            int r0 = (int) ((long) rows * p / parts);
            int r1 = (int) ((long) rows * (p + 1) / parts);
            Object acc = alloc(isFloat, m * n);
            gemm(isFloat, true, false, m, n, r1 - r0, cols, aOff + r0 * lda, lda, dy, bOff + r0 * ldb, ldb, 0, acc, 0, n);
            partial[p] = acc;
        });
        for (Object acc : partial) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int d = cOff + i * ldb + j;
                    if (isFloat) {
                        ((float[]) dw)[d] += ((float[]) acc)[i * n + j];
                    } else {
                        ((double[]) dw)[d] += ((double[]) acc)[i * n + j];
                    }
                }
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
