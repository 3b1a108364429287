package dev.airfoil.tensor.kernels;

/**
 * Cache-blocked float32 GEMM in plain Java, written so that HotSpot's C2 auto-vectorises the inner
 * loop (contiguous {@code j} loop over a packed row-major block of B, four {@code k} steps fused
 * per pass over a row of C). The fallback when the Vector API module is not available.
 */
final class JavaSgemm implements SgemmKernel {
    static final int KC = 128;
    static final int NC = 512;
    static final int MC = 64;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC]});

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmPacking.scale(beta, c, cOff, ldc, m, n);
        float[][] buf = BUFFERS.get();
        float[] ap = buf[0];
        float[] bp = buf[1];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, 1, ap);
                    int i = 0;
                    for (; i + 1 < mc; i += 2) {
                        rows2(kc, nc, ap, i * kc, bp, c, cOff + (ic + i) * ldc + jc, ldc);
                    }
                    if (i < mc) {
                        row1(kc, nc, ap, i * kc, bp, c, cOff + (ic + i) * ldc + jc);
                    }
                }
            }
        }
    }

    /** {@code C[row, 0..nc) += A[row, 0..kc) · Bp} for two consecutive rows. */
    private static void rows2(int kc, int nc, float[] ap, int ao, float[] bp, float[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int ao1 = ao + kc;
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            float x0 = ap[ao + p];
            float x1 = ap[ao + p + 1];
            float x2 = ap[ao + p + 2];
            float x3 = ap[ao + p + 3];
            float y0 = ap[ao1 + p];
            float y1 = ap[ao1 + p + 1];
            float y2 = ap[ao1 + p + 2];
            float y3 = ap[ao1 + p + 3];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
                float v0 = bp[b0 + j];
                float v1 = bp[b1 + j];
                float v2 = bp[b2 + j];
                float v3 = bp[b3 + j];
                c[c0 + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                c[c1 + j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            }
        }
        for (; p < kc; p++) {
            float x0 = ap[ao + p];
            float y0 = ap[ao1 + p];
            int b0 = p * nc;
            for (int j = 0; j < nc; j++) {
                float v0 = bp[b0 + j];
                c[c0 + j] += x0 * v0;
                c[c1 + j] += y0 * v0;
            }
        }
    }

    /** {@code C[row, 0..nc) += A[row, 0..kc) · Bp} for one row. */
    private static void row1(int kc, int nc, float[] ap, int ao, float[] bp, float[] c, int c0) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            float x0 = ap[ao + p];
            float x1 = ap[ao + p + 1];
            float x2 = ap[ao + p + 2];
            float x3 = ap[ao + p + 3];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
                c[c0 + j] += x0 * bp[b0 + j] + x1 * bp[b1 + j] + x2 * bp[b2 + j] + x3 * bp[b3 + j];
            }
        }
        for (; p < kc; p++) {
            float x0 = ap[ao + p];
            int b0 = p * nc;
            for (int j = 0; j < nc; j++) {
                c[c0 + j] += x0 * bp[b0 + j];
            }
        }
    }

    @Override
    public int rowAlign() {
        return 2;
    }

    @Override
    public int colAlign() {
        return 16;
    }

    @Override
    public String name() {
        return "java";
    }
}
