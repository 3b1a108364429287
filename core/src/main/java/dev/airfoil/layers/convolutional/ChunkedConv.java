package dev.airfoil.layers.convolutional;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.Parallel;

/**
 * Package-private: the float32 convolution of {@link ConvOps#conv}, computed over chunks of a few
 * samples (about 1 MB of im2col rows and outputs, {@link #CHUNK_FLOATS}) so that each chunk's im2col
 * matrix is still cached while its GEMM reads it, and no batch-sized im2col matrix is ever built.
 *
 * <p>Forward, every chunk gathers its im2col rows into a per-thread buffer, multiplies them by the
 * kernel and adds the bias (and the ReLU) to its rows of the output while they are still cached;
 * chunks run in parallel ({@link Parallel}), each GEMM on its own thread. Nothing of the size of
 * the im2col matrix is kept for the backward pass: it gathers each chunk again. The weight and
 * bias gradients are summed per fixed group of chunks and the groups added in order, so the
 * result does not depend on the thread count or on scheduling.
 *
 * <p>A one-channel input (a first layer on grey images) skips im2col: {@link Kernels#convOneChannel}
 * computes each chunk's rows from the input itself (or from a zero-padded copy of the chunk when the
 * windows reach into the padding), and {@link Kernels#convOneChannelKernelGrad} its kernel gradient.
 *
 * <p>A 3×3, stride-1, 2-D convolution of 8 or more channels over enough tiles runs as Winograd
 * F(2×2, 3×3) instead ({@link Winograd}): each chunk transforms its input tiles, multiplies them in
 * 16 products and transforms them back, forward and backward.
 *
 * <p>{@link #convMaxPool} is the same convolution with a max pooling over each chunk's rows while
 * they are cached (the layer pair Conv + MaxPooling run as one by {@code ConvPoolFusion}).
 *
 * <p>The float64 path of {@link ConvOps} (whole-batch im2col) is the reference this one is tested against.
 */
final class ChunkedConv {
    /**
     * im2col and output floats per chunk to aim for (the chunk holds at least one sample). 256K
     * rather than an L2-sized 64K: the MNIST convnet's second layer then multiplies 6 samples' rows
     * per GEMM instead of 1, and batch-1000 inference ran 15 % faster (10.0K → 11.5K samples/s, alternating runs).
     */
    static final int CHUNK_FLOATS = Integer.getInteger("airfoil.conv.chunkFloats", 256 * 1024);
    /**
     * Whether a one-channel input is convolved directly ({@link Kernels#convOneChannel}) instead of
     * through im2col and a GEMM with k = taps ({@code airfoil.conv.direct=false} turns it off).
     */
    static final boolean DIRECT = !"false".equals(System.getProperty("airfoil.conv.direct"));
    /**
     * Whether {@link #convMaxPool} leaves out the convolution outputs that no pooling window reads
     * ({@code airfoil.conv.cropUnpooled=false} computes them as the unfused pair does).
     */
    static final boolean CROP = !"false".equals(System.getProperty("airfoil.conv.cropUnpooled"));
    /** Gradient partial sums: at most this many, so memory stays bounded and the sum order fixed. */
    static final int REDUCTION_GROUPS = 8;

    private static final ThreadScratch SCRATCH = new ThreadScratch(5);
    private static final ThreadLocal<int[]> INT_SCRATCH = ThreadLocal.withInitial(() -> new int[0]);

    private final int n;
    private final int outs;
    private final int kk;
    private final int c;
    private final int f;
    private final int groups;
    private final int cg;
    private final int fg;
    private final int kg;
    private final int kc;
    private final int perChunk;
    /** For a one-channel input (the direct path): the taps' offsets from each window's first tap, else null. */
    private final int[] directTaps;
    /** With {@link #directTaps}: the input position of each output's first tap. */
    private final int[] firstTap;
    /** With {@link #directTaps}, when the windows reach into the padding: the geometry over the zero-padded copy of each chunk's input, else null. */
    private final ConvGeometry padded;
    private final int chunks;
    private final ConvGeometry g;
    /** For a 3×3 stride-1 convolution of enough channels: its Winograd form, else null. */
    private final Winograd winograd;
    /** With {@link #winograd} and a kernel: the transformed kernel, for the forward and the backward pass. */
    private final float[] winogradKernel;

    /** How many chunks a batch of {@code n} is cut into (for tests). */
    static int chunks(int n, ConvGeometry g, int c, int f, int groups) {
        return new ChunkedConv(n, g, c, f, groups, null).chunks;
    }

    /** The chunking for {@code n} samples; with kernel data {@code wd} (or null, for the tests' queries) its Winograd form too. */
    private ChunkedConv(int n, ConvGeometry g, int c, int f, int groups, float[] wd) {
        this.n = n;
        this.g = g;
        this.outs = g.outSize();
        this.kk = g.kernelSize();
        this.c = c;
        this.f = f;
        this.groups = groups;
        this.cg = c / groups;
        this.fg = f / groups;
        this.kg = kk * cg;
        this.kc = kk * c;
        ConvGeometry direct = null;
        if (DIRECT && c == 1 && groups == 1 && !g.isPointwise()) {
            direct = g.tapOffsets() != null ? g : g.withPaddingInInput();
        }
        this.winograd = direct == null && Winograd.applies(n, g, c, groups) ? new Winograd(g, c, f) : null;
        this.winogradKernel = winograd != null && wd != null ? winograd.transformKernel(wd) : null;
        long perSample = Math.max(1L, winograd != null ? (long) outs * f + winograd.scratchPerSample() : (long) outs * (kc + f));
        this.perChunk = (int) Math.max(1, Math.min(n, CHUNK_FLOATS / perSample));
        this.chunks = (n + perChunk - 1) / perChunk;
        this.padded = direct == g ? null : direct;
        this.directTaps = direct == null ? null : direct.tapOffsets();
        this.firstTap = direct == null ? null : new int[outs];
        if (direct != null) {
            int[] map = direct.map();
            for (int o = 0; o < outs; o++) {
                firstTap[o] = map[o * kk];
            }
        }
    }

    /** Whether a convolution of {@code n} samples over {@code g} of {@code c} channels in {@code groups} groups runs in its Winograd form (for tests). */
    static boolean winograd(int n, ConvGeometry g, int c, int groups) {
        return new ChunkedConv(n, g, c, 1, groups, null).winograd != null;
    }

    /** The chunking of {@code x (N, *g.in(), C)} convolved with {@code w (*kernel, C / groups, F)}. */
    private static ChunkedConv of(Tensor x, Tensor w, ConvGeometry g, int groups) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        return new ChunkedConv(xs[0], g, xs[xs.length - 1], ws[ws.length - 1], groups, w.floatData());
    }

    /**
     * {@code x (N, *g.in(), C)} convolved with {@code w (*kernel, C / groups, F)}, plus {@code bias}
     * (or null) and a ReLU when {@code relu}; shapes were checked by the caller.
     */
    static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int groups, boolean relu, int[] outShape) {
        ChunkedConv p = of(x, w, g, groups);
        float[] xd = x.floatData();
        float[] wd = w.floatData();
        float[] bd = bias == null ? null : bias.floatData();
        float[] y = new float[p.n * p.outs * p.f];
        Parallel.forEach(p.chunks, ch -> p.forwardChunk(ch, xd, wd, bd, relu, y, p.first(ch) * p.outs * p.f));
        Tensor out = Tensor.wrap(y, outShape);
        if (!Autograd.needsGrad(x, w, bias)) {
            return out;
        }
        return Autograd.record(out, relu ? "conv_bias_relu" : "conv", new Tensor[] {x, w, bias},
                gy -> {
                    float[] gyd = gy.floatData();
                    return p.backward(x, w, bias, gyd, (s0, s1, dy) -> {
                        int off = s0 * p.outs * p.f;
                        if (!relu) {
                            return off;
                        }
                        Kernels.get().reluBackward(gyd, off, y, off, dy, 0, (s1 - s0) * p.outs * p.f);
                        return -1;
                    });
                });
    }

    /**
     * {@link #conv} followed by max pooling over {@code pool} (a geometry on the convolution's output),
     * as one primitive: each chunk's convolution rows stay in a per-thread buffer and only the pooled
     * output is written, so nothing of the convolution output's size is allocated, forward or backward.
     * For the backward pass it records, per pooled element, which tap held the maximum (the first on
     * ties, NaN matching NaN, as {@code PoolOps.maxPool} routes), with the ReLU's mask folded in
     * (an output that is not positive routes nothing). Outputs no pooling window reads are left out
     * (the convolution runs on {@link ConvGeometry#croppedOutput}); see {@link ConvOps#convMaxPool} for
     * what that means for the gradients.
     */
    static Tensor convMaxPool(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int groups, boolean relu,
                              ConvGeometry pool, int[] outShape) {
        // Outputs past the last window's reach (an 11×11 map's last row and column under 2×2 windows)
        // are never pooled: they are not computed, forward or backward.
        int[] read = pool.readExtent();
        boolean crop = CROP && !java.util.Arrays.equals(read, g.out());
        ConvGeometry pg = crop ? pool.croppedInput(read) : pool;
        ChunkedConv p = of(x, w, crop ? g.croppedOutput(read) : g, groups);
        float[] xd = x.floatData();
        float[] wd = w.floatData();
        float[] bd = bias == null ? null : bias.floatData();
        int pooledPerSample = pg.outSize() * p.f;
        boolean grad = Autograd.needsGrad(x, w, bias);
        // every element is written (poolChunk zeroes windows without taps), so inference may reuse an array
        float[] pooled = dev.airfoil.tensor.BatchBuffers.floats(p.n * pooledPerSample);
        float[] maxTap = grad ? new float[pooled.length] : null;
        Parallel.forEach(p.chunks, ch -> {
            float[] yc = scratch(3, (p.first(ch + 1) - p.first(ch)) * p.outs * p.f);
            p.forwardChunk(ch, xd, wd, bd, relu, yc, 0);
            p.poolChunk(ch, yc, pg, pooled, maxTap, relu);
        });
        Tensor out = Tensor.wrap(pooled, outShape);
        if (!grad) {
            return out;
        }
        return Autograd.record(out, relu ? "conv_bias_relu_max_pool" : "conv_max_pool", new Tensor[] {x, w, bias},
                gp -> {
                    float[] gpd = gp.floatData();
                    int[] uncovered = p.uncoveredPositions(pg);
                    return p.backward(x, w, bias, null, (s0, s1, dy) -> {
                        p.unpool(s0, s1, pg, uncovered, maxTap, gpd, dy);
                        return -1;
                    });
                });
    }

    /**
     * Max pooling of chunk {@code ch}'s convolution rows {@code yc} into {@code pooled}; unless
     * {@code maxTap} is null, per pooled element the 1-based tap holding its maximum, or 0 where the
     * ReLU (when {@code relu}) passes no gradient, into {@code maxTap}.
     */
    private void poolChunk(int ch, float[] yc, ConvGeometry pool, float[] pooled, float[] maxTap, boolean relu) {
        Kernels k = Kernels.get();
        int s0 = first(ch);
        int s1 = first(ch + 1);
        int pouts = pool.outSize();
        int pkk = pool.kernelSize();
        int[] map = pool.map();
        int[] offsets = new int[pkk];
        for (int s = s0; s < s1; s++) {
            for (int o = 0; o < pouts; o++) {
                int row = (s * pouts + o) * f;
                int count = tapOffsets(map, pkk, o, (s - s0) * outs, offsets);
                if (count > 0) {
                    k.maxPoolWindow(yc, offsets, count, pooled, row, maxTap, f);
                } else {
                    // a window entirely in the padding (not a geometry Keras builds) gives 0, as in PoolOps
                    java.util.Arrays.fill(pooled, row, row + f, 0f);
                    if (maxTap != null) {
                        java.util.Arrays.fill(maxTap, row, row + f, 0f);
                    }
                }
            }
        }
        if (maxTap != null && relu) {
            // The ReLU's backward mask, folded in: an output that is not positive routes nothing.
            int off = s0 * pouts * f;
            k.reluBackward(maxTap, off, pooled, off, maxTap, off, (s1 - s0) * pouts * f);
        }
    }

    /**
     * The gradient of samples {@code [s0, s1)}'s convolution rows from the pooled gradient {@code gp} and
     * {@link #poolChunk}'s {@code maxTap}, into {@code dy}. With {@code uncovered} (windows that share
     * no position, see {@link #uncoveredPositions}) each window's taps are written once and only the
     * positions no window reads are zeroed; else {@code dy} is zeroed and the windows add into it.
     */
    private void unpool(int s0, int s1, ConvGeometry pool, int[] uncovered, float[] maxTap, float[] gp, float[] dy) {
        Kernels k = Kernels.get();
        int pouts = pool.outSize();
        int pkk = pool.kernelSize();
        int[] map = pool.map();
        int[] offsets = new int[pkk];
        boolean accumulate = uncovered == null;
        if (accumulate) {
            java.util.Arrays.fill(dy, 0, (s1 - s0) * outs * f, 0f);
        } else {
            for (int s = s0; s < s1; s++) {
                for (int q : uncovered) {
                    int row = ((s - s0) * outs + q) * f;
                    java.util.Arrays.fill(dy, row, row + f, 0f);
                }
            }
        }
        for (int s = s0; s < s1; s++) {
            for (int o = 0; o < pouts; o++) {
                int count = tapOffsets(map, pkk, o, (s - s0) * outs, offsets);
                k.maxPoolWindowBackward(maxTap, gp, (s * pouts + o) * f, offsets, count, dy, f, accumulate);
            }
        }
    }

    /**
     * The convolution output positions that no pooling window reads (the last row of an 11×11 map under
     * 2×2 windows), or null when two windows share a position and their gradients must be summed
     * (overlapping windows). Zeroing only these spares {@link #unpool} a pass over the chunk's rows.
     */
    private int[] uncoveredPositions(ConvGeometry pool) {
        boolean[] read = new boolean[outs];
        int count = 0;
        for (int q : pool.map()) {
            if (q >= 0) {
                if (read[q]) {
                    return null;
                }
                read[q] = true;
                count++;
            }
        }
        int[] uncovered = new int[outs - count];
        for (int q = 0, u = 0; q < outs; q++) {
            if (!read[q]) {
                uncovered[u++] = q;
            }
        }
        return uncovered;
    }

    /**
     * The offsets in a chunk's convolution rows of pooling window {@code o}'s taps inside the input
     * ({@code map} is the pooling geometry's map, {@code pkk} its taps per window), in tap order, for a
     * sample whose rows start at row {@code base}; returns how many there are.
     */
    private int tapOffsets(int[] map, int pkk, int o, int base, int[] offsets) {
        int count = 0;
        for (int t = 0; t < pkk; t++) {
            int q = map[o * pkk + t];
            if (q >= 0) {
                offsets[count++] = (base + q) * f;
            }
        }
        return count;
    }

    private int first(int chunk) {
        return Math.min(n, chunk * perChunk);
    }

    /** The convolution rows of chunk {@code ch} (bias and ReLU applied) into {@code y} from {@code yOff}. */
    private void forwardChunk(int ch, float[] xd, float[] wd, float[] bd, boolean relu, float[] y, int yOff) {
        int s0 = first(ch);
        int s1 = first(ch + 1);
        int rows = (s1 - s0) * outs;
        Kernels k = Kernels.get();
        if (directTaps != null) {
            k.convOneChannel(directInput(xd, s0, s1), rowBases(s0, s1), rows, directTaps, wd, f, bd, relu, y, yOff);
            return;
        }
        if (winograd != null) {
            winograd.forward(xd, s0, s1, winogradKernel, y, yOff);
            k.biasRelu(y, yOff, rows, f, bd, relu);
            return;
        }
        float[] a;
        int aOff;
        if (g.isPointwise()) {
            a = xd;
            aOff = s0 * outs * c;
        } else {
            a = scratch(0, rows * kc);
            aOff = 0;
            ConvOps.gatherFloat(xd, s0, s1, g, c, groups, a, 0);
        }
        for (int gr = 0; gr < groups; gr++) {
            k.sgemm(false, false, rows, fg, kg, 1f, a, aOff + gr * kg, kc, wd, gr * fg, f, 0f, y, yOff + gr * fg, f);
        }
        k.biasRelu(y, yOff, rows, f, bd, relu);
    }

    /**
     * For the direct path: the position in {@link #directInput} of each row's first tap, samples
     * {@code [s0, s1)} (a per-thread buffer).
     */
    private int[] rowBases(int s0, int s1) {
        int rows = (s1 - s0) * outs;
        int[] rowBase = INT_SCRATCH.get();
        if (rowBase.length < rows) {
            rowBase = new int[rows];
            INT_SCRATCH.set(rowBase);
        }
        int sampleSize = padded == null ? g.inSize() : padded.inSize();
        int first = padded == null ? s0 : 0;
        for (int s = first, r = 0; s < first + s1 - s0; s++) {
            for (int o = 0; o < outs; o++) {
                rowBase[r++] = s * sampleSize + firstTap[o];
            }
        }
        return rowBase;
    }

    /**
     * For the direct path: the input itself, or, when the windows reach into the padding, samples
     * {@code [s0, s1)} copied into a zeroed per-thread buffer laid out as {@link #padded}'s input.
     */
    private float[] directInput(float[] xd, int s0, int s1) {
        if (padded == null) {
            return xd;
        }
        int[] in = g.in();
        int[] pin = padded.in();
        int[] before = g.padBefore();
        int r = in.length;
        int rowLen = in[r - 1];
        int rowsPerSample = g.inSize() / rowLen;
        float[] buf = scratch(4, (s1 - s0) * padded.inSize());
        java.util.Arrays.fill(buf, 0, (s1 - s0) * padded.inSize(), 0f);
        int[] idx = new int[r];
        for (int row = 0; row < rowsPerSample; row++) {
            // the row's index along the leading axes, then its start in the padded layout
            for (int d = r - 2, rest = row; d >= 0; d--) {
                idx[d] = rest % in[d];
                rest /= in[d];
            }
            int at = 0;
            for (int d = 0; d < r - 1; d++) {
                at = at * pin[d] + idx[d] + before[d];
            }
            at = at * pin[r - 1] + before[r - 1];
            for (int s = s0; s < s1; s++) {
                System.arraycopy(xd, s * g.inSize() + row * rowLen, buf, (s - s0) * padded.inSize() + at, rowLen);
            }
        }
        return buf;
    }

    /** Where the backward pass gets the gradient with respect to the convolution's output (after its ReLU, if any). */
    @FunctionalInterface
    private interface OutputGradient {
        /**
         * Samples {@code [s0, s1)}'s rows of the gradient: either writes them into {@code scratch} (from
         * offset 0) and returns -1, or returns their offset in the output gradient array itself.
         */
        int rows(int s0, int s1, float[] scratch);
    }

    private Tensor[] backward(Tensor x, Tensor w, Tensor bias, float[] gy, OutputGradient dyOf) {
        boolean needX = x.requiresGrad();
        boolean needW = w.requiresGrad();
        boolean needB = bias != null && bias.requiresGrad();
        float[] xd = x.floatData();
        float[] wd = w.floatData();
        int parts = Math.min(chunks, REDUCTION_GROUPS);
        float[][] dwPart = new float[parts][];
        float[][] dbPart = new float[parts][];
        float[] dx = needX ? new float[x.size()] : null;
        int dwSize = winograd != null ? Winograd.XI * c * f : w.size();
        Parallel.forEach(parts, part -> {
            float[] dw = needW ? new float[dwSize] : null;
            float[] db = needB ? new float[f] : null;
            int c0 = (int) ((long) chunks * part / parts);
            int c1 = (int) ((long) chunks * (part + 1) / parts);
            for (int ch = c0; ch < c1; ch++) {
                int s0 = first(ch);
                int s1 = first(ch + 1);
                float[] dy = scratch(1, (s1 - s0) * outs * f);
                int dyOff = dyOf.rows(s0, s1, dy);
                if (dyOff >= 0) {
                    dy = gy;
                } else {
                    dyOff = 0;
                }
                backwardChunk(s0, s1, dy, dyOff, xd, wd, dx, dw, db);
            }
            dwPart[part] = dw;
            dbPart[part] = db;
        });
        return new Tensor[] {
            dx == null ? null : Tensor.freshGradient(dx, x.shape()),
            needW ? Tensor.freshGradient(kernelGradient(sum(dwPart), w.size()), w.shape()) : null,
            needB ? Tensor.freshGradient(sum(dbPart), f) : null};
    }

    /** The input, kernel and bias gradients of samples {@code [s0, s1)} from their output gradient rows {@code dy}. */
    private void backwardChunk(int s0, int s1, float[] dy, int dyOff, float[] xd, float[] wd,
                               float[] dx, float[] dw, float[] db) {
        int rows = (s1 - s0) * outs;
        Kernels k = Kernels.get();
        if (db != null) {
            k.columnSums(dy, dyOff, rows, f, db);
        }
        if (winograd != null) {
            winograd.backward(xd, s0, s1, dy, dyOff, winogradKernel, dx, dw);
            return;
        }
        boolean pointwise = g.isPointwise();
        if (dw != null && directTaps != null) {
            k.convOneChannelKernelGrad(directInput(xd, s0, s1), rowBases(s0, s1), rows, directTaps, dy, dyOff, f, dw);
        } else if (dw != null) {
            float[] a;
            int aOff;
            if (pointwise) {
                a = xd;
                aOff = s0 * outs * c;
            } else {
                a = scratch(0, rows * kc);
                aOff = 0;
                ConvOps.gatherFloat(xd, s0, s1, g, c, groups, a, 0);
            }
            for (int gr = 0; gr < groups; gr++) {
                k.sgemm(true, false, kg, fg, rows, 1f, a, aOff + gr * kg, kc, dy, dyOff + gr * fg, f, 1f, dw, gr * fg, f);
            }
        }
        if (dx != null) {
            float[] dcols = pointwise ? dx : scratch(2, rows * kc);
            int dOff = pointwise ? s0 * outs * c : 0;
            for (int gr = 0; gr < groups; gr++) {
                k.sgemm(false, true, rows, kg, fg, 1f, dy, dyOff + gr * fg, f, wd, gr * fg, f, 0f, dcols, dOff + gr * kg, kc);
            }
            if (!pointwise) {
                ConvOps.scatterFloat(dcols, 0, s0, s1, g, c, groups, dx);
            }
        }
    }

    /** The kernel gradient from the summed partials: themselves, or with the Winograd form its transformed one's. */
    private float[] kernelGradient(float[] summed, int size) {
        if (winograd == null) {
            return summed;
        }
        float[] dw = new float[size];
        winograd.kernelGradient(summed, dw);
        return dw;
    }

    /** The element-wise sum of the partials, added in index order. */
    private static float[] sum(float[][] parts) {
        float[] s = parts[0];
        for (int i = 1; i < parts.length; i++) {
            float[] p = parts[i];
            for (int j = 0; j < s.length; j++) {
                s[j] += p[j];
            }
        }
        return s;
    }

    /** This thread's scratch buffer {@code slot}, at least {@code size} long (contents undefined). */
    private static float[] scratch(int slot, int size) {
        return SCRATCH.get(slot, size);
    }
}
