package dev.airfoil.tensor.kernels;

/**
 * The one internal interface every hot loop of Airfoil goes through.
 *
 * <p>All arrays are row-major. A matrix operand is addressed by an array, an offset and a leading
 * dimension (the distance in elements between two consecutive rows of the matrix <em>as stored</em>).
 * {@code transA} means the stored matrix is {@code k×m} and is used transposed; likewise
 * {@code transB} for a stored {@code n×k} matrix.
 *
 * <p>Implementations: {@link ScalarKernels} (the plain reference every fast path is tested against)
 * and the fast implementation returned by {@link #fast()}. Use {@link #get()} everywhere.
 */
public interface Kernels {

    /** {@code C = alpha * op(A) · op(B) + beta * C} in float32; {@code C} is {@code m×n}. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /**
     * {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int)}
     * that hands the rows of C to {@code epilogue} (null for none) once they are final, every row exactly
     * once (see {@link RowEpilogue}): a product split by rows across threads does so per block of rows,
     * on the thread that computed it. By default all of C after the product.
     */
    default void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        RowEpilogue.allRows(epilogue, m);
    }

    /**
     * Prepares {@code op(B)} ({@code k×n}, transposed when {@code transB}) for many products with different
     * left operands ({@link #sgemm(int, float[], int, int, PackedMatrix, float, float[], int, int)}). The
     * result refers to {@code b}, which must not change while it is in use. By default nothing is packed.
     */
    default PackedMatrix pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        return new PackedMatrix(transB, n, k, b, bOff, ldb, null);
    }

    /**
     * {@code C = A · op(B) + beta * C} in float32 for a prepared {@code op(B)}: {@code A} is {@code m×k}
     * (row-major, leading dimension {@code lda}), {@code C} is {@code m×n}. On the calling thread only (for
     * loops that already run on every core, such as a recurrent layer's tasks), with the same values as
     * {@link #sgemm} would give on one thread.
     */
    default void sgemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc) {
        sgemm(false, b.transB, m, b.n, b.k, 1f, a, aOff, lda, b.b, b.bOff, b.ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #sgemm(int, float[], int, int, PackedMatrix, float, float[], int, int)} on the kernels' threads
     * when the product is large enough (the same values), handing the rows of C to {@code epilogue} (null for
     * none) as the unpacked product with an epilogue does. By default on the calling thread, then all rows.
     */
    default void sgemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc,
                       RowEpilogue epilogue) {
        sgemm(m, a, aOff, lda, b, beta, c, cOff, ldc);
        RowEpilogue.allRows(epilogue, m);
    }

    /** {@code C = alpha * op(A) · op(B) + beta * C} in float64; {@code C} is {@code m×n}. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);

    /**
     * The epilogue of a fused layer, in place: {@code y[off + r·cols + j] = act(y[off + r·cols + j] + bias[j])}
     * for {@code r < rows}, {@code j < cols}, where {@code bias} may be null (no bias) and {@code act}
     * is ReLU ({@code max(v, 0)}, NaN kept) when {@code relu}, else the identity.
     */
    void biasRelu(float[] y, int off, int rows, int cols, float[] bias, boolean relu);

    /**
     * The gradient through a ReLU from its output: {@code out[outOff + i] = y[yOff + i] > 0 ? g[gOff + i] : 0}
     * for {@code i < len}. {@code out} may be {@code g} itself at the same offset.
     */
    void reluBackward(float[] g, int gOff, float[] y, int yOff, float[] out, int outOff, int len);

    /** {@code y[yOff + i] = max(y[yOff + i], x[xOff + i])} for {@code i < len}, as {@link Math#max(float, float)} (NaN wins). */
    void maxInto(float[] y, int yOff, float[] x, int xOff, int len);

    /**
     * {@code y[yOff + i] += x[xOff + i]} for {@code i < len} (col2im's accumulation); the ranges must
     * not overlap unless they are the same.
     */
    void addInto(float[] y, int yOff, float[] x, int xOff, int len);

    /**
     * {@code y[yOff + i] = tanh(x[xOff + i])} in float64 for {@code i < len} (the recurrent cells'
     * activation); the ranges may be the same. Implementations may differ from {@link Math#tanh} by a
     * few units in the last place (at most 4; the vector kernel's is at most 3).
     */
    void tanh(double[] x, int xOff, double[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = 1 / (1 + exp(-x[xOff + i]))} in float64 for {@code i < len} (the recurrent
     * cells' gates); the ranges may be the same. Implementations may differ from the formula with
     * {@link Math#exp} by a few units in the last place (at most 4; the vector kernel's is at most 3).
     */
    void sigmoid(double[] x, int xOff, double[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = tanh(x[xOff + i])} in float32 (the float32 recurrent cells, as Keras computes
     * them); the ranges may be the same. At most 4 float32 units in the last place from
     * {@code (float) Math.tanh(x)}. This and the float32 sigmoid, exp, erfc, expm1 and softplus below
     * give each element a value that depends on its input alone, whatever the range's offset and length
     * (so a fused activation applied block by block gives the bits of one applied to the whole array).
     */
    void tanh(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = 1 / (1 + exp(-x[xOff + i]))} in float32; the ranges may be the same. At most 4
     * float32 units in the last place from the formula in float64 rounded to float32, except that results
     * below the smallest normal float32 (x below about -87.3) may be flushed to 0.
     */
    void sigmoid(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = exp(x[xOff + i])} in float32 (the fused activations' Gaussian density); the
     * ranges may be the same. At most 4 float32 units in the last place from {@code (float) Math.exp(x)};
     * +∞ above about 88.72; results below 2^-125 (x below about -86.6) may be flushed to 0.
     */
    void exp(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = erfc(x[xOff + i])}, the complementary error function, in float32 (the exact
     * GELU's {@code Φ(x) = erfc(-x/√2) / 2}); the ranges may be the same. Within a relative 2e-6 of the
     * float64 function up to |x| = 5 and 1e-5 beyond (the tail stays relatively accurate, unlike
     * {@code 1 - erf}: float32's rounding of {@code x²} is what grows there), except that results below
     * 1e-37 may be flushed to 0.
     */
    void erfc(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = exp(x[xOff + i]) - 1} in float32, accurate near 0 (the fused ELU and SELU); the
     * ranges may be the same. At most 4 float32 units in the last place from {@code (float) Math.expm1(x)};
     * +∞ above about 88.72.
     */
    void expm1(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * {@code y[yOff + i] = log(1 + exp(x[xOff + i]))} in float32, computed as
     * {@code max(x, 0) + log1p(exp(-|x|))} (the fused softplus and mish); the ranges may be the same. At
     * most 4 float32 units in the last place from that formula in float64; results below 2^-125 (x below
     * about -86.6) may be flushed to 0.
     */
    void softplus(float[] x, int xOff, float[] y, int yOff, int len);

    /**
     * Adds the rows of a {@code rows×cols} matrix into {@code sums}: {@code sums[j] += Σ_r a[off + r·cols + j]},
     * the rows added in order (so every implementation gives the same bits), as for a bias gradient.
     */
    void columnSums(float[] a, int off, int rows, int cols, float[] sums);

    /**
     * One tap of a max-pooling backward pass: where the tap holds the window's maximum
     * ({@code x[xOff + i] == y[yOff + i]}, or both NaN) the gradient still pending for that output
     * goes to the tap and is cleared: {@code dx[xOff + i] += pending[i]; pending[i] = 0}. Applied to
     * the taps in order, each output's gradient reaches the first tap holding its maximum.
     */
    void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int len);

    /**
     * Max pooling of one window over {@code len} channels, for a pooling fused with the layer before
     * it: {@code y[yOff + i]} = the maximum of {@code x[taps[t] + i]} over {@code t < tapCount} (as
     * {@link Math#max(float, float)}: NaN wins), and, unless {@code code} is null,
     * {@code code[yOff + i]} = 1 + the first {@code t} whose tap holds that maximum (NaN matching NaN),
     * the tap {@link #maxPoolRoute} would route the gradient to.
     */
    void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int len);

    /**
     * The backward pass of {@link #maxPoolWindow}: {@code dx[taps[t] + i] += code[gOff + i] == t + 1 ? g[gOff + i] : 0}
     * for {@code t < tapCount}, {@code i < len}, taps in order (a zero code routes nothing; adding
     * {@code +0} elsewhere is what lets the vector kernel use a plain add: a masked add is several
     * times slower with AVX2 on JDK 17, and a {@code -0} in {@code dx} becomes {@code +0}). Unless
     * {@code accumulate}, the taps' old values are not read: {@code dx[taps[t] + i]} is set to what
     * the sum onto a zero would give (a gradient of {@code -0} becomes {@code +0}), so that windows
     * sharing no tap need no zeroed {@code dx} and one pass fewer.
     */
    void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int len,
                               boolean accumulate);

    /**
     * A convolution of a one-channel input computed directly, without im2col, with its bias and ReLU
     * (a first layer on grey images): {@code y[yOff + r·f + j] = act(Σ_t x[rowBase[r] + taps[t]] ·
     * w[t·f + j] + bias[j])} for {@code r < rows}, {@code j < f}, the sum over the taps in order and
     * {@code act} as in {@link #biasRelu}; {@code bias} may be null. The same values as the im2col rows
     * {@code x[rowBase[r] + taps[t]]} times {@code w} through {@link #sgemm}, then {@link #biasRelu}.
     */
    void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                        float[] y, int yOff);

    /**
     * The kernel gradient of {@link #convOneChannel}, added to {@code dw}:
     * {@code dw[t·f + j] += Σ_r x[rowBase[r] + taps[t]] · dy[dyOff + r·f + j]}, the rows added in order.
     */
    void convOneChannelKernelGrad(float[] x, int[] rowBase, int rows, int[] taps, float[] dy, int dyOff, int f, float[] dw);

    /**
     * Winograd F(2×2, 3×3) input transform of one tile, over {@code len} channels: the 4×4 patch
     * {@code d[a][b] = d[base + a·rowStride + b·colStride + k]} becomes {@code V = Bᵀ d B} with
     * {@code Bᵀ = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]]}, element {@code (i, j)}
     * written to {@code v[vOff + (4i + j)·slab + k]}, for {@code k < len}.
     */
    void winogradInputTile(float[] d, int base, int colStride, int rowStride, float[] v, int vOff, int slab, int len);

    /**
     * Winograd F(2×2, 3×3) output transform of one tile, over {@code len} filters: from
     * {@code M[i][j] = m[mOff + (4i + j)·slab + k]}, the 2×2 outputs {@code Aᵀ M A} with
     * {@code Aᵀ = [[1, 1, 1, 0], [0, 1, -1, -1]]} to {@code y[o00 + k]}, {@code y[o01 + k]}, {@code y[o10 + k]},
     * {@code y[o11 + k]}, for {@code k < len}.
     */
    void winogradOutputTile(float[] m, int mOff, int slab, float[] y, int o00, int o01, int o10, int o11, int len);

    /**
     * The transpose of {@link #winogradOutputTile}: the 2×2 output gradient {@code g[oab + k]} becomes
     * {@code dM = A dY Aᵀ}, element {@code (i, j)} written to {@code dm[dmOff + (4i + j)·slab + k]}, for {@code k < len}.
     */
    void winogradOutputGradientTile(float[] g, int o00, int o01, int o10, int o11, float[] dm, int dmOff, int slab, int len);

    /**
     * The transpose of {@link #winogradInputTile}: from {@code dV[i][j] = dv[dvOff + (4i + j)·slab + k]},
     * the patch gradient {@code B dV Bᵀ}, element {@code (a, b)} written to {@code out[outOff + (4a + b)·outStride + k]},
     * for {@code k < len}.
     */
    void winogradInputGradientTile(float[] dv, int dvOff, int slab, float[] out, int outOff, int outStride, int len);

    /** A short name for logs and benchmarks, such as {@code "scalar"}. */
    String name();

    /** The kernels in use: the fast implementation unless the system property {@code airfoil.kernels} names another (see {@link #byName}). */
    static Kernels get() {
        return KernelsHolder.ACTIVE;
    }

    /** The plain reference implementation. */
    static Kernels reference() {
        return ScalarKernels.INSTANCE;
    }

    /** The fastest implementation available on this JVM. */
    static Kernels fast() {
        return KernelsHolder.FAST;
    }

    /**
     * An implementation by name, for benchmarks and diagnostics: {@code "fast"} (the fastest
     * available), {@code "vector"} (Vector API micro-kernel; needs the JVM flag
     * {@code --add-modules jdk.incubator.vector}), {@code "java"} (blocked pure Java) or
     * {@code "scalar"} (the reference). The system property {@code airfoil.kernels} takes the same names.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException for {@code "vector"} on a JVM without the Vector API module
     */
    static Kernels byName(String name) {
        return KernelsHolder.byName(name);
    }
}
