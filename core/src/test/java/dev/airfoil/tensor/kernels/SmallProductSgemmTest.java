package dev.airfoil.tensor.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small-product path of the Vector API sgemm (a few rows of C, e.g. one sample) against the reference. */
class SmallProductSgemmTest {
    @Test
    void fewRowsMatchReference() {
        Kernels fast = Kernels.byName("vector");
        SplittableRandom rnd = new SplittableRandom(5);
        int[][] shapes = {{1, 300, 784}, {1, 100, 300}, {1, 10, 100}, {2, 33, 17}, {3, 7, 5}, {4, 64, 1}, {1, 1, 1},
                {VectorSgemm.SMALL_M, 129, 40}, {VectorSgemm.SMALL_M + 1, 40, 40},
                // two rows at a time (n a multiple of 4 vectors), with an odd last row; short reductions of many rows
                {3, 64, 30}, {4, 96, 20}, {7, 32, 9}, {40, 64, 16}, {41, 96, 3}};
        float[][] ab = {{1f, 0f}, {0.5f, 1f}, {-2f, 0.25f}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (float[] alphaBeta : ab) {
                int lda = k + 3;
                int ldb = n + 5;
                int ldc = n + 2;
                float[] a = random(rnd, 2 + m * lda);
                float[] b = random(rnd, 1 + k * ldb);
                float[] c0 = random(rnd, 3 + m * ldc);
                float[] want = c0.clone();
                float[] got = c0.clone();
                Kernels.reference().sgemm(false, false, m, n, k, alphaBeta[0], a, 2, lda, b, 1, ldb, alphaBeta[1], want, 3, ldc);
                fast.sgemm(false, false, m, n, k, alphaBeta[0], a, 2, lda, b, 1, ldb, alphaBeta[1], got, 3, ldc);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-4f * Math.max(1f, Math.abs(want[i])) * (float) Math.sqrt(k),
                            "m=" + m + " n=" + n + " k=" + k + " at " + i);
                }
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
