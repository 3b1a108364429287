package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PackedWeights}: one packed operand per array and scope, the threaded packed product's values. */
class PackedWeightsTest {
    private static final Kernels FAST = new FastKernels(new VectorSgemm(), new VectorElementwise(), 1);

    @Test
    void packsOncePerScopeAndNothingOutsideOne() {
        float[] w = new float[40 * 30];
        assertNull(PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "no scope, no cache");
        PackedMatrix first;
        try (PackedWeights.Scope s = PackedWeights.open()) {
            first = PackedWeights.get(FAST, false, 30, 40, w, 0, 30);
            assertNotNull(first);
            assertSame(first, PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "the same array: packed once");
            try (PackedWeights.Scope inner = PackedWeights.open()) {
                assertSame(first, PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "an inner scope shares the outer one");
            }
            assertSame(first, PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "closing the inner scope kept the cache");
            assertNotSame(first, PackedWeights.get(FAST, false, 20, 40, w, 0, 30), "another shape of the array: packed anew");
            assertNotSame(first, PackedWeights.get(FAST, false, 30, 40, w.clone(), 0, 30), "another array: packed anew");
        }
        assertNull(PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "closed: nothing cached");
        try (PackedWeights.Scope s = PackedWeights.open()) {
            assertNotSame(first, PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "a new scope packs again");
        }
        PackedWeights.enabled = false;
        try (PackedWeights.Scope s = PackedWeights.open()) {
            assertNull(PackedWeights.get(FAST, false, 30, 40, w, 0, 30), "switched off");
        } finally {
            PackedWeights.enabled = true;
        }
    }

    @Test
    void threadedPackedProductsMatchTheOneThreadProductBitForBit() {
        Random rnd = new Random(3);
        // tall enough to split by rows (and not), k in one and in two blocks, a ragged last panel
        int[][] shapes = {{300, 100, 300}, {1000, 10, 100}, {130, 300, 784}, {25, 40, 17}, {9, 33, 600}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = FastKernelsTest.randomFloats(rnd, m * k);
            float[] b = FastKernelsTest.randomFloats(rnd, k * n);
            float[] expected = new float[m * n];
            new VectorSgemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
            PackedMatrix p = FAST.pack(false, n, k, b, 0, n);
            float[] c = new float[m * n];
            FastKernelsTest.FinalRows rows = new FastKernelsTest.FinalRows(c, 0, n, m, n, null);
            FAST.sgemm(m, a, 0, k, p, 0f, c, 0, n, rows);
            assertArrayEquals(expected, c, 0f, m + "x" + n + "x" + k);
            rows.assertEachRowOnce();
        }
    }
}
