package dev.airfoil.tensor.kernels;

/**
 * The fast {@link Kernels}: packed, cache-blocked GEMMs, multithreaded over a shared daemon pool
 * ({@link GemmPool}) once a problem is large enough to pay for waking a thread.
 *
 * <p>The float32 micro-kernel is the Vector API one ({@link VectorSgemm}) when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, else the auto-vectorised pure-Java one
 * ({@link JavaSgemm}). float64 always uses {@link JavaDgemm}.
 */
final class FastKernels implements Kernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private final SgemmKernel single;
    private final ElementwiseKernel elementwise;
    private final JavaDgemm dgemm = new JavaDgemm();
    private final long minWork;

    /** The one-thread GEMM this splits across threads (for tests). */
    SgemmKernel single() {
        return single;
    }

    FastKernels(SgemmKernel single, ElementwiseKernel elementwise, long minWork) {
        this.single = single;
        this.elementwise = elementwise;
        this.minWork = minWork;
    }

    /** Whether the Vector API module is in the boot layer (the JVM got {@code --add-modules jdk.incubator.vector}). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API sgemm, or {@code null} when the module is absent or unusable on this JVM. */
    static SgemmKernel vectorKernelOrNull() {
        return (SgemmKernel) vectorClassOrNull("dev.airfoil.tensor.kernels.VectorSgemm");
    }

    /** The Vector API element-wise kernels, or the scalar ones when the module is absent or unusable. */
    static ElementwiseKernel elementwise() {
        Object v = vectorClassOrNull("dev.airfoil.tensor.kernels.VectorElementwise");
        return v != null ? (ElementwiseKernel) v : ScalarKernels.INSTANCE;
    }

    private static Object vectorClassOrNull(String name) {
        if (!vectorModulePresent()) {
            return null;
        }
        try {
            return Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The fastest kernels this JVM supports. */
    static FastKernels best() {
        SgemmKernel v = vectorKernelOrNull();
        return new FastKernels(v != null ? v : new JavaSgemm(), elementwise(), GemmPool.MIN_WORK);
    }

    /** The pure-Java fast kernels (no Vector API), whatever the JVM supports. */
    static FastKernels pureJava() {
        return new FastKernels(new JavaSgemm(), ScalarKernels.INSTANCE, GemmPool.MIN_WORK);
    }

    /** The Vector API kernels; fails with a message naming the missing JVM flag. */
    static FastKernels vector() {
        SgemmKernel v = vectorKernelOrNull();
        if (v == null) {
            throw new IllegalStateException("airfoil.kernels=vector needs the Vector API: start the JVM with "
                    + "--add-modules jdk.incubator.vector (received a JVM without it), or use 'fast' or 'java'");
        }
        return new FastKernels(v, elementwise(), GemmPool.MIN_WORK);
    }

    @Override
    public void biasRelu(float[] y, int off, int rows, int cols, float[] bias, boolean relu) {
        elementwise.biasRelu(y, off, rows, cols, bias, relu);
    }

    @Override
    public void maxInto(float[] y, int yOff, float[] x, int xOff, int len) {
        elementwise.maxInto(y, yOff, x, xOff, len);
    }

    @Override
    public void addInto(float[] y, int yOff, float[] x, int xOff, int len) {
        elementwise.addInto(y, yOff, x, xOff, len);
    }

    @Override
    public void tanh(double[] x, int xOff, double[] y, int yOff, int len) {
        elementwise.tanh(x, xOff, y, yOff, len);
    }

    @Override
    public void sigmoid(double[] x, int xOff, double[] y, int yOff, int len) {
        elementwise.sigmoid(x, xOff, y, yOff, len);
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.tanh(x, xOff, y, yOff, len);
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.sigmoid(x, xOff, y, yOff, len);
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.exp(x, xOff, y, yOff, len);
    }

    @Override
    public void erfc(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.erfc(x, xOff, y, yOff, len);
    }

    @Override
    public void expm1(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.expm1(x, xOff, y, yOff, len);
    }

    @Override
    public void softplus(float[] x, int xOff, float[] y, int yOff, int len) {
        elementwise.softplus(x, xOff, y, yOff, len);
    }

    @Override
    public void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int len) {
        elementwise.maxPoolRoute(x, xOff, y, yOff, pending, dx, len);
    }

    @Override
    public void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int len) {
        elementwise.maxPoolWindow(x, taps, tapCount, y, yOff, code, len);
    }

    @Override
    public void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int len,
                                      boolean accumulate) {
        elementwise.maxPoolWindowBackward(code, g, gOff, taps, tapCount, dx, len, accumulate);
    }

    @Override
    public void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                               float[] y, int yOff) {
        elementwise.convOneChannel(x, rowBase, rows, taps, w, f, bias, relu, y, yOff);
    }

    @Override
    public void convOneChannelKernelGrad(float[] x, int[] rowBase, int rows, int[] taps, float[] dy, int dyOff, int f,
                                         float[] dw) {
        elementwise.convOneChannelKernelGrad(x, rowBase, rows, taps, dy, dyOff, f, dw);
    }

    @Override
    public void winogradInputTile(float[] d, int base, int colStride, int rowStride, float[] v, int vOff, int slab, int len) {
        elementwise.winogradInputTile(d, base, colStride, rowStride, v, vOff, slab, len);
    }

    @Override
    public void winogradOutputTile(float[] m, int mOff, int slab, float[] y, int o00, int o01, int o10, int o11, int len) {
        elementwise.winogradOutputTile(m, mOff, slab, y, o00, o01, o10, o11, len);
    }

    @Override
    public void winogradOutputGradientTile(float[] g, int o00, int o01, int o10, int o11, float[] dm, int dmOff, int slab,
                                           int len) {
        elementwise.winogradOutputGradientTile(g, o00, o01, o10, o11, dm, dmOff, slab, len);
    }

    @Override
    public void winogradInputGradientTile(float[] dv, int dvOff, int slab, float[] out, int outOff, int outStride, int len) {
        elementwise.winogradInputGradientTile(dv, dvOff, slab, out, outOff, outStride, len);
    }

    @Override
    public void columnSums(float[] a, int off, int rows, int cols, float[] sums) {
        elementwise.columnSums(a, off, rows, cols, sums);
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] y, int yOff, float[] out, int outOff, int len) {
        elementwise.reluBackward(g, gOff, y, yOff, out, outOff, len);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        if (m <= 0) {
            return;
        }
        if (n <= 0 || k <= 0 || alpha == 0f) {
            if (n > 0) {
                GemmPacking.scale(beta, c, cOff, ldc, m, n);
            }
            RowEpilogue.allRows(epilogue, m);
            return;
        }
        int parts = parts((long) m * n * k, m, epilogue);
        if (parts == 1) {
            single.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            RowEpilogue.allRows(epilogue, m);
            return;
        }
        if (single.sgemmSharedB(parts, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                epilogue)) {
            return;
        }
        // blocks of whole rows are final when their block is; blocks of columns only at the end
        boolean[] split = new boolean[1];
        GemmPool.forBlocks(m, n, single.rowAlign(), single.colAlign(), parts, (i0, i1, j0, j1) -> {
            single.sgemm(transA, transB, i1 - i0, j1 - j0, k, alpha,
                    a, aOff + (transA ? i0 : i0 * lda), lda,
                    b, bOff + (transB ? j0 * ldb : j0), ldb,
                    beta, c, cOff + i0 * ldc + j0, ldc);
            if (epilogue != null) {
                if (j0 == 0 && j1 == n) {
                    epilogue.rows(i0, i1);
                } else {
                    split[0] = true;
                }
            }
        });
        if (split[0]) {
            RowEpilogue.allRows(epilogue, m);
        }
    }

    /** Threads for a product of {@code products} multiply-adds whose {@code m} rows then go through {@code epilogue}. */
    private int parts(long products, int m, RowEpilogue epilogue) {
        return GemmPool.parts(products + (epilogue == null ? 0 : m * epilogue.rowCost()), minWork);
    }

    @Override
    public PackedMatrix pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        return single instanceof VectorSgemm v ? v.pack(transB, n, k, b, bOff, ldb)
                : Kernels.super.pack(transB, n, k, b, bOff, ldb);
    }

    @Override
    public void sgemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || b.n <= 0) {
            return;
        }
        if (b.k <= 0) {
            GemmPacking.scale(beta, c, cOff, ldc, m, b.n);
        } else if (b.panels != null && single instanceof VectorSgemm v) {
            v.sgemmPacked(m, a, aOff, lda, b, beta, c, cOff, ldc);
        } else {
            single.sgemm(false, b.transB, m, b.n, b.k, 1f, a, aOff, lda, b.b, b.bOff, b.ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void sgemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc,
                      RowEpilogue epilogue) {
        int parts = m <= 0 ? 1 : parts((long) m * b.n * b.k, m, epilogue);
        if (parts == 1 || !(single instanceof VectorSgemm v)
                || !v.sgemmPackedShared(parts, m, a, aOff, lda, b, beta, c, cOff, ldc, epilogue)) {
            Kernels.super.sgemm(m, a, aOff, lda, b, beta, c, cOff, ldc, epilogue);
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || alpha == 0) {
            GemmPacking.scale(beta, c, cOff, ldc, m, n);
            return;
        }
        int parts = GemmPool.parts(m, n, k, minWork);
        if (parts == 1) {
            dgemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmPool.forBlocks(m, n, dgemm.rowAlign(), dgemm.colAlign(), parts, (i0, i1, j0, j1) ->
                dgemm.dgemm(transA, transB, i1 - i0, j1 - j0, k, alpha,
                        a, aOff + (transA ? i0 : i0 * lda), lda,
                        b, bOff + (transB ? j0 * ldb : j0), ldb,
                        beta, c, cOff + i0 * ldc + j0, ldc));
    }

    @Override
    public String name() {
        return single.name();
    }
}
