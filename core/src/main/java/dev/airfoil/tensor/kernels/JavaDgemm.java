package dev.airfoil.tensor.kernels;

/**
 * Cache-blocked float64 GEMM in plain Java, shaped so that HotSpot's C2 auto-vectorises it.
 *
 * <p>C2's SuperWord (JDK 17 and later) only vectorises a loop when every array access uses the same
 * index expression, unless it can prove the arrays distinct; {@code c[co + j] += x * b[bo + j]} stays
 * scalar. So a {@code kc×nc} block of {@code op(B)} is packed into separate row arrays, rows of C are
 * copied into 0-based accumulator arrays, and the inner loop is {@code acc[j] += Σ x_p · b_p[j]}
 * over four {@code k} steps and two rows of C at once.
 */
final class JavaDgemm {
    static final int KC = 128;
    static final int NC = 512;
    static final int MC = 64;

    /** Per-thread scratch: packed A, packed B rows, two accumulator rows. */
    private static final class Scratch {
        final double[] ap = new double[MC * KC];
        final double[][] bp = new double[KC][NC];
        final double[] acc0 = new double[NC];
        final double[] acc1 = new double[NC];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Single-threaded {@link Kernels#dgemm}; callers guarantee {@code m, n, k > 0}. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        GemmPacking.scale(beta, c, cOff, ldc, m, n);
        Scratch s = SCRATCH.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packRows(transB, b, bOff, ldb, pc, kc, jc, nc, s.bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, 1, s.ap);
                    int i = 0;
                    for (; i + 1 < mc; i += 2) {
                        int c0 = cOff + (ic + i) * ldc + jc;
                        int c1 = c0 + ldc;
                        System.arraycopy(c, c0, s.acc0, 0, nc);
                        System.arraycopy(c, c1, s.acc1, 0, nc);
                        rows2(kc, nc, s.ap, i * kc, s.bp, s.acc0, s.acc1);
                        System.arraycopy(s.acc0, 0, c, c0, nc);
                        System.arraycopy(s.acc1, 0, c, c1, nc);
                    }
                    if (i < mc) {
                        int c0 = cOff + (ic + i) * ldc + jc;
                        System.arraycopy(c, c0, s.acc0, 0, nc);
                        row1(kc, nc, s.ap, i * kc, s.bp, s.acc0);
                        System.arraycopy(s.acc0, 0, c, c0, nc);
                    }
                }
            }
        }
    }

    /** Copies rows {@code p0..p0+kc}, columns {@code j0..j0+nc} of {@code op(B)} into {@code dst[p][0..nc)}. */
    private static void packRows(boolean transB, double[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                                 double[][] dst) {
        if (transB) {
            for (int j = 0; j < nc; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    dst[p][j] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, dst[p], 0, nc);
            }
        }
    }

    /** {@code acc0 += A[row i] · Bp}, {@code acc1 += A[row i+1] · Bp}. */
    private static void rows2(int kc, int nc, double[] ap, int ao, double[][] bp, double[] acc0, double[] acc1) {
        int ao1 = ao + kc;
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            double x0 = ap[ao + p];
            double x1 = ap[ao + p + 1];
            double x2 = ap[ao + p + 2];
            double x3 = ap[ao + p + 3];
            double y0 = ap[ao1 + p];
            double y1 = ap[ao1 + p + 1];
            double y2 = ap[ao1 + p + 2];
            double y3 = ap[ao1 + p + 3];
            double[] b0 = bp[p];
            double[] b1 = bp[p + 1];
            double[] b2 = bp[p + 2];
            double[] b3 = bp[p + 3];
            for (int j = 0; j < nc; j++) {
                double v0 = b0[j];
                double v1 = b1[j];
                double v2 = b2[j];
                double v3 = b3[j];
                acc0[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                acc1[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            }
        }
        if (p < kc) {
            rows2Tail(p, kc, nc, ap, ao, bp, acc0, acc1);
        }
    }

    /** The last {@code kc % 4} steps of {@link #rows2}; a separate method, or C2 stops vectorising the main loop. */
    private static void rows2Tail(int p, int kc, int nc, double[] ap, int ao, double[][] bp, double[] acc0, double[] acc1) {
        int ao1 = ao + kc;
        for (; p < kc; p++) {
            double x0 = ap[ao + p];
            double y0 = ap[ao1 + p];
            double[] b0 = bp[p];
            for (int j = 0; j < nc; j++) {
                double v0 = b0[j];
                acc0[j] += x0 * v0;
                acc1[j] += y0 * v0;
            }
        }
    }

    /** {@code acc += A[row i] · Bp}. */
    private static void row1(int kc, int nc, double[] ap, int ao, double[][] bp, double[] acc) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            double x0 = ap[ao + p];
            double x1 = ap[ao + p + 1];
            double x2 = ap[ao + p + 2];
            double x3 = ap[ao + p + 3];
            double[] b0 = bp[p];
            double[] b1 = bp[p + 1];
            double[] b2 = bp[p + 2];
            double[] b3 = bp[p + 3];
            for (int j = 0; j < nc; j++) {
                acc[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            }
        }
        if (p < kc) {
            row1Tail(p, kc, nc, ap, ao, bp, acc);
        }
    }

    /** The last {@code kc % 4} steps of {@link #row1}. */
    private static void row1Tail(int p, int kc, int nc, double[] ap, int ao, double[][] bp, double[] acc) {
        for (; p < kc; p++) {
            double x0 = ap[ao + p];
            double[] b0 = bp[p];
            for (int j = 0; j < nc; j++) {
                acc[j] += x0 * b0[j];
            }
        }
    }

    /** Preferred granularity of a row split. */
    int rowAlign() {
        return 2;
    }

    /** Preferred granularity of a column split. */
    int colAlign() {
        return 16;
    }

}
