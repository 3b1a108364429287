package dev.airfoil.tensor.kernels;

/**
 * Copies blocks of GEMM operands into the contiguous "panel" layouts the micro-kernels stream
 * through, resolving transposition, offsets and leading dimensions once per block.
 *
 * <p>A block of {@code op(A)} ({@code mc×kc}) is stored as {@code ceil(mc/mr)} panels of
 * {@code kc×mr}: element {@code (i, p)} goes to {@code (i/mr)*kc*mr + p*mr + i%mr}, already
 * multiplied by {@code alpha}; missing rows of the last panel are zero. A block of
 * {@code op(B)} ({@code kc×nc}) is stored as {@code ceil(nc/nr)} panels of {@code kc×nr} the same way.
 * With {@code mr = 1} the A block is plain row-major; with {@code nr = nc} the B block is plain row-major.
 * The Vector API kernel packs A its own way ({@code VectorSgemm.packA}: strips of six rows in groups of
 * vector-length steps) and B with these panels.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /** Packs rows {@code i0..i0+mc} and columns {@code p0..p0+kc} of {@code alpha·op(A)} into {@code dst}. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float alpha, int mr, float[] dst) {
        packA(transA, a, aOff, lda, i0, mc, p0, kc, alpha, mr, dst, 0);
    }

    /** {@link #packA(boolean, float[], int, int, int, int, int, int, float, int, float[])} writing from {@code dst[dstOff]}. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float alpha, int mr, float[] dst, int dstOff) {
        // Separate methods keep separate JIT profiles for the two layouts.
        if (transA) {
            packAT(a, aOff, lda, i0, mc, p0, kc, alpha, mr, dst, dstOff);
        } else {
            packAN(a, aOff, lda, i0, mc, p0, kc, alpha, mr, dst, dstOff);
        }
    }

    private static void packAT(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                               float alpha, int mr, float[] dst, int dstOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = dstOff + ir * kc;
            // op(A)(i, p) = a[p*lda + i]: rows of the panel are contiguous in the source.
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0 + ir;
                int d = base + p * mr;
                for (int r = 0; r < rows; r++) {
                    dst[d + r] = alpha * a[src + r];
                }
                for (int r = rows; r < mr; r++) {
                    dst[d + r] = 0f;
                }
            }
        }
    }

    private static void packAN(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                               float alpha, int mr, float[] dst, int dstOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = dstOff + ir * kc;
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + ir + r) * lda + p0;
                int d = base + r;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * mr] = alpha * a[src + p];
                }
            }
            for (int r = rows; r < mr; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + r + p * mr] = 0f;
                }
            }
        }
    }

    /** Packs rows {@code p0..p0+kc} and columns {@code j0..j0+nc} of {@code op(B)} into {@code dst} from {@code dst[dstOff]}. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] dst, int dstOff) {
        if (transB) {
            packBT(b, bOff, ldb, p0, kc, j0, nc, nr, dst, dstOff);
        } else {
            packBN(b, bOff, ldb, p0, kc, j0, nc, nr, dst, dstOff);
        }
    }

    private static void packBT(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                               int nr, float[] dst, int dstOff) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dstOff + jr * kc;
            // op(B)(p, j) = b[j*ldb + p]: walk each source row contiguously.
            for (int col = 0; col < cols; col++) {
                int src = bOff + (j0 + jr + col) * ldb + p0;
                int d = base + col;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * nr] = b[src + p];
                }
            }
            for (int col = cols; col < nr; col++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + col + p * nr] = 0f;
                }
            }
        }
    }

    private static void packBN(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                               int nr, float[] dst, int dstOff) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dstOff + jr * kc;
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * ldb + j0 + jr;
                int d = base + p * nr;
                System.arraycopy(b, src, dst, d, cols);
                for (int col = cols; col < nr; col++) {
                    dst[d + col] = 0f;
                }
            }
        }
    }

    /** Double-precision twin of {@link #packA(boolean, float[], int, int, int, int, int, int, float, int, float[])}. */
    static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      double alpha, int mr, double[] dst) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = alpha * a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    int d = base + r;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * mr] = alpha * a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + r + p * mr] = 0;
                    }
                }
            }
        }
    }

    /** Double-precision twin of {@link #packB(boolean, float[], int, int, int, int, int, int, int, float[], int)}. */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, double[] dst) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (transB) {
                for (int col = 0; col < cols; col++) {
                    int src = bOff + (j0 + jr + col) * ldb + p0;
                    int d = base + col;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * nr] = b[src + p];
                    }
                }
                for (int col = cols; col < nr; col++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + col + p * nr] = 0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int d = base + p * nr;
                    System.arraycopy(b, src, dst, d, cols);
                    for (int col = cols; col < nr; col++) {
                        dst[d + col] = 0;
                    }
                }
            }
        }
    }

    /** {@code C = beta·C} on an {@code m×n} block; {@code beta == 0} writes zeros (ignores NaN garbage). */
    static void scale(float beta, float[] c, int cOff, int ldc, int m, int n) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** Double-precision twin of {@link #scale(float, float[], int, int, int, int)}. */
    static void scale(double beta, double[] c, int cOff, int ldc, int m, int n) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, row, row + n, 0);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }
}
