package dev.airfoil.layers.convolutional;

import dev.airfoil.tensor.kernels.Kernels;

/**
 * Package-private: a two-dimensional 3×3 convolution at stride and dilation 1 ({@code channels_last},
 * float32, one group) by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, "Fast Algorithms
 * for Convolutional Neural Networks", 2016), for {@link ChunkedConv}.
 *
 * <p>The output is cut into 2×2 tiles, each computed from a 4×4 patch of the input {@code d} as
 * {@code Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A}: after the kernel transform {@code U = G g Gᵀ} and the input
 * transform {@code V = Bᵀ d B}, the sum over channels of the 16 element-wise products is 16 matrix
 * products ({@code M[ξ] = V[ξ] · U[ξ]}, tiles × channels times channels × filters): 16 multiply-adds
 * per tile, channel and filter where im2col needs 4 outputs × 9 taps = 36, 2.25 times fewer. The
 * output transform {@code Aᵀ M A} then gives the tile's four outputs. With
 *
 * <pre>
 *   Bᵀ = | 1  0 -1  0 |    G = | 1    0    0  |    Aᵀ = | 1  1  1  0 |
 *        | 0  1  1  0 |        | 1/2  1/2  1/2 |         | 0  1 -1 -1 |
 *        | 0 -1  1  0 |        | 1/2 -1/2  1/2 |
 *        | 0  1  0 -1 |        | 0    0    1  |
 * </pre>
 *
 * <p>the backward pass is the exact transpose of that linear map: the output gradient's tiles go
 * through {@code A dY Aᵀ}, then {@code dV[ξ] = dM[ξ] · U[ξ]ᵀ} and {@code dU[ξ] = V[ξ]ᵀ · dM[ξ]}; the input
 * gradient is {@code B dV Bᵀ} added over the overlapping patches, the kernel gradient {@code Gᵀ dU G}.
 * Only the rounding differs from im2col: the transforms add and halve, and each product sums over
 * the channels only (on the MNIST convnet's second layer the largest difference from the float64 path
 * was 2e-7 of the largest output, im2col's 7e-7). Windows reaching into the padding read zeros; tiles
 * past the output's last row or column compute values nobody reads.
 *
 * <p>The tile transforms are {@link Kernels#winogradInputTile} and its kin (vectors across channels or
 * filters); the products go through {@link Kernels#sgemm}. Switch: {@code -Dairfoil.conv.winograd=false}.
 */
final class Winograd {
    /** Whether eligible convolutions take this path ({@code airfoil.conv.winograd=false} turns it off). */
    static final boolean ENABLED = !"false".equals(System.getProperty("airfoil.conv.winograd"));
    /**
     * Fewest input channels for this path ({@code airfoil.conv.winogradMinChannels}): with few channels
     * the 16 products are too thin (a first layer on grey images has its own direct kernel).
     */
    static final int MIN_CHANNELS = Integer.getInteger("airfoil.conv.winogradMinChannels", 8);
    /**
     * Fewest output tiles per call for this path ({@code airfoil.conv.winogradMinTiles}): a few samples
     * make 16 thin products whose fixed costs outweigh the saved multiplies (the MNIST convnet's second
     * layer, isolated, inference: one sample 0.19 ms against im2col's 0.10, four 0.33 against 0.19,
     * eight 0.38 against 0.52, sixteen 0.58 against 0.60).
     */
    static final int MIN_TILES = Integer.getInteger("airfoil.conv.winogradMinTiles", 192);
    /** Elements of a transformed 4×4 tile. */
    static final int XI = 16;

    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private final int padTop;
    private final int padLeft;
    /** Tiles per sample. */
    final int tiles;
    private final int c;
    private final int f;

    private static final ThreadScratch SCRATCH = new ThreadScratch(5);

    Winograd(ConvGeometry g, int c, int f) {
        int[] in = g.in();
        int[] out = g.out();
        int[] pad = g.padBefore();
        this.h = in[0];
        this.w = in[1];
        this.oh = out[0];
        this.ow = out[1];
        this.padTop = pad[0];
        this.padLeft = pad[1];
        this.tiles = (oh + 1) / 2 * ((ow + 1) / 2);
        this.c = c;
        this.f = f;
    }

    /**
     * Whether a convolution of {@code n} samples over {@code g} with {@code c} input channels in
     * {@code groups} groups runs here: 2-D, 3×3, stride and dilation 1, one group, at least
     * {@link #MIN_CHANNELS} channels and {@link #MIN_TILES} tiles.
     */
    static boolean applies(int n, ConvGeometry g, int c, int groups) {
        if (!ENABLED || groups != 1 || c < MIN_CHANNELS || g.in().length != 2) {
            return false;
        }
        int[] k = g.kernel();
        int[] s = g.strides();
        int[] d = g.dilation();
        int[] out = g.out();
        long tiles = (long) n * ((out[0] + 1) / 2) * ((out[1] + 1) / 2);
        return k[0] == 3 && k[1] == 3 && s[0] == 1 && s[1] == 1 && d[0] == 1 && d[1] == 1 && tiles >= MIN_TILES;
    }

    /** Scratch floats per sample of a chunk: the transformed input, its gradient and the transformed output gradient. */
    long scratchPerSample() {
        return (long) tiles * XI * (2L * c + f);
    }

    /** The transformed kernel {@code U = G g Gᵀ}: 16 slabs of {@code C × F} from {@code wd (3, 3, C, F)}. */
    float[] transformKernel(float[] wd) {
        int cf = c * f;
        float[] u = new float[XI * cf];
        for (int i = 0; i < cf; i++) {
            float g00 = wd[i];
            float g01 = wd[cf + i];
            float g02 = wd[2 * cf + i];
            float g10 = wd[3 * cf + i];
            float g11 = wd[4 * cf + i];
            float g12 = wd[5 * cf + i];
            float g20 = wd[6 * cf + i];
            float g21 = wd[7 * cf + i];
            float g22 = wd[8 * cf + i];
            // G g: four rows of three
            float t10 = 0.5f * (g00 + g10 + g20);
            float t11 = 0.5f * (g01 + g11 + g21);
            float t12 = 0.5f * (g02 + g12 + g22);
            float t20 = 0.5f * (g00 - g10 + g20);
            float t21 = 0.5f * (g01 - g11 + g21);
            float t22 = 0.5f * (g02 - g12 + g22);
            kernelRow(u, 0, cf, i, g00, g01, g02);
            kernelRow(u, 4, cf, i, t10, t11, t12);
            kernelRow(u, 8, cf, i, t20, t21, t22);
            kernelRow(u, 12, cf, i, g20, g21, g22);
        }
        return u;
    }

    /** One row of {@code (G g) Gᵀ} into slabs {@code xi..xi+3}. */
    private static void kernelRow(float[] u, int xi, int cf, int i, float t0, float t1, float t2) {
        u[xi * cf + i] = t0;
        u[(xi + 1) * cf + i] = 0.5f * (t0 + t1 + t2);
        u[(xi + 2) * cf + i] = 0.5f * (t0 - t1 + t2);
        u[(xi + 3) * cf + i] = t2;
    }

    /**
     * The convolution rows of samples {@code [s0, s1)} (no bias) into {@code y} from {@code yOff}, laid
     * out as {@link ChunkedConv}'s: per sample {@code oh·ow} rows of {@code F}.
     */
    void forward(float[] x, int s0, int s1, float[] u, float[] y, int yOff) {
        int t = (s1 - s0) * tiles;
        float[] v = scratch(0, XI * t * c);
        float[] m = scratch(1, XI * t * f);
        inputTransform(x, s0, s1, v, t);
        Kernels k = Kernels.get();
        for (int xi = 0; xi < XI; xi++) {
            k.sgemm(false, false, t, f, c, 1f, v, xi * t * c, c, u, xi * c * f, f, 0f, m, xi * t * f, f);
        }
        float[] tile = scratch(2, 4 * f);
        for (int s = s0, ti = 0; s < s1; s++) {
            for (int r = 0; r < oh; r += 2) {
                for (int q = 0; q < ow; q += 2, ti++) {
                    boolean full = r + 1 < oh && q + 1 < ow;
                    int o00 = yOff + ((s - s0) * oh * ow + r * ow + q) * f;
                    if (full) {
                        k.winogradOutputTile(m, ti * f, t * f, y, o00, o00 + f, o00 + ow * f, o00 + (ow + 1) * f, f);
                    } else {
                        k.winogradOutputTile(m, ti * f, t * f, tile, 0, f, 2 * f, 3 * f, f);
                        for (int a = 0; a < 2 && r + a < oh; a++) {
                            for (int b = 0; b < 2 && q + b < ow; b++) {
                                System.arraycopy(tile, (2 * a + b) * f, y, o00 + (a * ow + b) * f, f);
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code V = Bᵀ d B} of every tile of samples {@code [s0, s1)}: 16 slabs of {@code t × C}. */
    private void inputTransform(float[] x, int s0, int s1, float[] v, int t) {
        float[] patch = scratch(3, XI * c);
        Kernels k = Kernels.get();
        int ti = 0;
        for (int s = s0; s < s1; s++) {
            for (int r = 0; r < oh; r += 2) {
                int r0 = r - padTop;
                for (int q = 0; q < ow; q += 2, ti++) {
                    int q0 = q - padLeft;
                    if (r0 >= 0 && r0 + 3 < h && q0 >= 0 && q0 + 3 < w) {
                        int base = ((s * h + r0) * w + q0) * c;
                        k.winogradInputTile(x, base, c, w * c, v, ti * c, t * c, c);
                    } else {
                        for (int a = 0; a < 4; a++) {
                            for (int b = 0; b < 4; b++) {
                                int pr = r0 + a;
                                int pq = q0 + b;
                                int dst = (4 * a + b) * c;
                                if (pr >= 0 && pr < h && pq >= 0 && pq < w) {
                                    System.arraycopy(x, ((s * h + pr) * w + pq) * c, patch, dst, c);
                                } else {
                                    java.util.Arrays.fill(patch, dst, dst + c, 0f);
                                }
                            }
                        }
                        k.winogradInputTile(patch, 0, c, 4 * c, v, ti * c, t * c, c);
                    }
                }
            }
        }
    }

    /**
     * The backward pass of samples {@code [s0, s1)} from their output gradient rows {@code dy} (from
     * {@code dyOff}, laid out as the forward's {@code y}): the input gradient added into {@code dx}
     * (when not null), the transformed kernel gradient {@code dU} added into {@code du} (16 slabs of
     * {@code C × F}, when not null; {@link #kernelGradient} turns it into the kernel's).
     */
    void backward(float[] x, int s0, int s1, float[] dy, int dyOff, float[] u, float[] dx, float[] du) {
        int t = (s1 - s0) * tiles;
        float[] dm = scratch(1, XI * t * f);
        outputGradientTransform(dy, dyOff, s0, s1, dm, t);
        Kernels k = Kernels.get();
        if (du != null) {
            float[] v = scratch(0, XI * t * c);
            inputTransform(x, s0, s1, v, t);
            for (int xi = 0; xi < XI; xi++) {
                k.sgemm(true, false, c, f, t, 1f, v, xi * t * c, c, dm, xi * t * f, f, 1f, du, xi * c * f, f);
            }
        }
        if (dx != null) {
            float[] dv = scratch(4, XI * t * c);
            for (int xi = 0; xi < XI; xi++) {
                k.sgemm(false, true, t, c, f, 1f, dm, xi * t * f, f, u, xi * c * f, f, 0f, dv, xi * t * c, c);
            }
            inputGradient(dv, t, s0, s1, dx);
        }
    }

    /** {@code dM = A dY Aᵀ} of every tile of samples {@code [s0, s1)} (outputs past the last row or column count as 0). */
    private void outputGradientTransform(float[] dy, int dyOff, int s0, int s1, float[] dm, int t) {
        float[] tile = scratch(2, 4 * f);
        Kernels k = Kernels.get();
        int slab = t * f;
        for (int s = s0, ti = 0; s < s1; s++) {
            for (int r = 0; r < oh; r += 2) {
                for (int q = 0; q < ow; q += 2, ti++) {
                    int o00 = dyOff + ((s - s0) * oh * ow + r * ow + q) * f;
                    float[] g = dy;
                    int g00 = o00;
                    int g01 = o00 + f;
                    int g10 = o00 + ow * f;
                    int g11 = g10 + f;
                    if (r + 1 >= oh || q + 1 >= ow) {
                        java.util.Arrays.fill(tile, 0, 4 * f, 0f);
                        for (int a = 0; a < 2 && r + a < oh; a++) {
                            for (int b = 0; b < 2 && q + b < ow; b++) {
                                System.arraycopy(dy, o00 + (a * ow + b) * f, tile, (2 * a + b) * f, f);
                            }
                        }
                        g = tile;
                        g00 = 0;
                        g01 = f;
                        g10 = 2 * f;
                        g11 = 3 * f;
                    }
                    k.winogradOutputGradientTile(g, g00, g01, g10, g11, dm, ti * f, slab, f);
                }
            }
        }
    }

    /** {@code B dV Bᵀ} of every tile, added into {@code dx} over each tile's patch (positions in the padding dropped). */
    private void inputGradient(float[] dv, int t, int s0, int s1, float[] dx) {
        float[] patch = scratch(3, XI * c);
        int slab = t * c;
        Kernels k = Kernels.get();
        int ti = 0;
        for (int s = s0; s < s1; s++) {
            for (int r = 0; r < oh; r += 2) {
                int r0 = r - padTop;
                for (int q = 0; q < ow; q += 2, ti++) {
                    int q0 = q - padLeft;
                    k.winogradInputGradientTile(dv, ti * c, slab, patch, 0, c, c);
                    for (int a = 0; a < 4; a++) {
                        int pr = r0 + a;
                        if (pr < 0 || pr >= h) {
                            continue;
                        }
                        int b0 = Math.max(0, -q0);
                        int b1 = Math.min(4, w - q0);
                        if (b1 > b0) {
                            // the row's positions inside the input are contiguous in dx
                            k.addInto(dx, ((s * h + pr) * w + q0 + b0) * c, patch, (4 * a + b0) * c, (b1 - b0) * c);
                        }
                    }
                }
            }
        }
    }

    /** The kernel gradient {@code Gᵀ dU G} of the transformed one, added into {@code dw (3, 3, C, F)}. */
    void kernelGradient(float[] du, float[] dw) {
        int cf = c * f;
        for (int i = 0; i < cf; i++) {
            float u00 = du[i];
            float u01 = du[cf + i];
            float u02 = du[2 * cf + i];
            float u03 = du[3 * cf + i];
            float u10 = du[4 * cf + i];
            float u11 = du[5 * cf + i];
            float u12 = du[6 * cf + i];
            float u13 = du[7 * cf + i];
            float u20 = du[8 * cf + i];
            float u21 = du[9 * cf + i];
            float u22 = du[10 * cf + i];
            float u23 = du[11 * cf + i];
            float u30 = du[12 * cf + i];
            float u31 = du[13 * cf + i];
            float u32 = du[14 * cf + i];
            float u33 = du[15 * cf + i];
            // Gᵀ dU: rows u0 + (u1 + u2)/2, (u1 - u2)/2, (u1 + u2)/2 + u3
            float t00 = u00 + 0.5f * (u10 + u20);
            float t01 = u01 + 0.5f * (u11 + u21);
            float t02 = u02 + 0.5f * (u12 + u22);
            float t03 = u03 + 0.5f * (u13 + u23);
            float t10 = 0.5f * (u10 - u20);
            float t11 = 0.5f * (u11 - u21);
            float t12 = 0.5f * (u12 - u22);
            float t13 = 0.5f * (u13 - u23);
            float t20 = 0.5f * (u10 + u20) + u30;
            float t21 = 0.5f * (u11 + u21) + u31;
            float t22 = 0.5f * (u12 + u22) + u32;
            float t23 = 0.5f * (u13 + u23) + u33;
            kernelGradientRow(dw, 0, cf, i, t00, t01, t02, t03);
            kernelGradientRow(dw, 3, cf, i, t10, t11, t12, t13);
            kernelGradientRow(dw, 6, cf, i, t20, t21, t22, t23);
        }
    }

    /** One row of {@code (Gᵀ dU) G} added into taps {@code tap..tap+2} of {@code dw}. */
    private static void kernelGradientRow(float[] dw, int tap, int cf, int i, float t0, float t1, float t2, float t3) {
        dw[tap * cf + i] += t0 + 0.5f * (t1 + t2);
        dw[(tap + 1) * cf + i] += 0.5f * (t1 - t2);
        dw[(tap + 2) * cf + i] += 0.5f * (t1 + t2) + t3;
    }

    /** This thread's scratch buffer {@code slot}, at least {@code size} long (contents undefined). */
    private static float[] scratch(int slot, int size) {
        return SCRATCH.get(slot, size);
    }
}
