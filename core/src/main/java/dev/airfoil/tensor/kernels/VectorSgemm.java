package dev.airfoil.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, cache-blocked float32 GEMM whose micro-kernel uses the JDK Vector API
 * ({@code jdk.incubator.vector}): a {@code 6 × 2·L} tile of {@code C} (L = lanes of the preferred
 * species, so 6×16 on AVX2) lives in twelve vector registers while a {@code kc}-long strip of
 * packed A and B streams through.
 *
 * <p>Only loaded after {@link FastKernels} checked that the incubator module is in the boot layer,
 * so the rest of the library keeps working when it is not.
 */
final class VectorSgemm implements SgemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 120;
    static final int NC = 2048;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    VectorSgemm() {
        if (L < 4) {
            throw new IllegalStateException("vector species too narrow: " + S);
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        float[][] buf = BUFFERS.get();
        float[] ap = buf[0];
        float[] bp = buf[1];
        float[] tile = buf[2];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, bp);
                boolean first = pc == 0;
                float bt = first ? beta : 1f;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, MR, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bo = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ao = ir * kc;
                            int co = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                micro(kc, ap, ao, bp, bo, c, co, ldc, bt);
                            } else {
                                micro(kc, ap, ao, bp, bo, tile, 0, NR, 0f);
                                merge(tile, mr, nr, c, co, ldc, bt);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds a partial tile computed into {@code tile} to {@code C} with the given beta. */
    private static void merge(float[] tile, int mr, int nr, float[] c, int co, int ldc, float beta) {
        for (int r = 0; r < mr; r++) {
            int row = co + r * ldc;
            int t = r * NR;
            for (int j = 0; j < nr; j++) {
                c[row + j] = beta == 0f ? tile[t + j] : (beta == 1f ? c[row + j] + tile[t + j] : beta * c[row + j] + tile[t + j]);
            }
        }
    }

    /**
     * The micro-kernel: {@code C[6×NR] = acc + beta·C} where {@code acc} is the product of a packed
     * {@code kc×6} strip of A and a packed {@code kc×NR} strip of B; {@code beta == 0} ignores C.
     */
    private static void micro(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, float beta) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            ao += MR;
            bo += NR;
        }
        store(c00, c01, c, co, beta);
        store(c10, c11, c, co + ldc, beta);
        store(c20, c21, c, co + 2 * ldc, beta);
        store(c30, c31, c, co + 3 * ldc, beta);
        store(c40, c41, c, co + 4 * ldc, beta);
        store(c50, c51, c, co + 5 * ldc, beta);
    }

    private static void store(FloatVector x0, FloatVector x1, float[] c, int co, float beta) {
        if (beta == 0f) {
            x0.intoArray(c, co);
            x1.intoArray(c, co + L);
        } else if (beta == 1f) {
            x0.add(FloatVector.fromArray(S, c, co)).intoArray(c, co);
            x1.add(FloatVector.fromArray(S, c, co + L)).intoArray(c, co + L);
        } else {
            FloatVector bv = FloatVector.broadcast(S, beta);
            FloatVector.fromArray(S, c, co).fma(bv, x0).intoArray(c, co);
            FloatVector.fromArray(S, c, co + L).fma(bv, x1).intoArray(c, co + L);
        }
    }

    @Override
    public int rowAlign() {
        return MR;
    }

    @Override
    public int colAlign() {
        return NR;
    }

    @Override
    public String name() {
        return "vector";
    }
}
