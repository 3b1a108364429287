package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Differential tests of every fast GEMM path against {@link ScalarKernels}. */
class FastKernelsTest {
    /** m, n, k triples: odd sizes, single rows/columns, and sizes crossing every block boundary. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {1, 257, 33}, {257, 1, 33}, {33, 257, 1}, {1, 1, 257},
        {257, 33, 7}, {6, 16, 256}, {12, 32, 257}, {13, 17, 300}, {130, 70, 520}, {3, 2100, 5},
        {32, 100, 10}, {61, 75, 40}, {40, 64, 300}, {150, 64, 40},
        {6, 16, 512}, {12, 32, 513}, {9, 40, 1100}, // one k block of the vector kernel, two, three
    };
    /** alpha, beta pairs; beta 0 must ignore NaN garbage in C. */
    private static final float[][] SCALARS = {{1f, 0f}, {1f, 1f}, {0.5f, -2f}, {-1.5f, 0f}, {0f, 0.5f}};

    private static List<Kernels> floatImpls() {
        List<Kernels> out = new ArrayList<>();
        out.add(FastKernels.pureJava());
        out.add(new FastKernels(new JavaSgemm(), ScalarKernels.INSTANCE, 1)); // always split across threads
        SgemmKernel v = FastKernels.vectorKernelOrNull();
        if (v != null) {
            out.add(new FastKernels(v, FastKernels.elementwise(), Long.MAX_VALUE));
            out.add(new FastKernels(v, FastKernels.elementwise(), 1));
        }
        return out;
    }

    @Test
    void vectorKernelIsAvailableWhenModuleIsAdded() {
        Assumptions.assumeTrue(FastKernels.vectorModulePresent(), "run without --add-modules jdk.incubator.vector");
        assertEquals("vector", Kernels.fast().name());
        assertEquals("vector", Kernels.byName("vector").name());
    }

    @Test
    void namesSelectImplementations() {
        assertSame(ScalarKernels.INSTANCE, Kernels.byName("scalar"));
        assertSame(Kernels.fast(), Kernels.byName("fast"));
        assertEquals("java", Kernels.byName("java").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.byName("cuda"));
        assertTrue(e.getMessage().contains("cuda") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void sgemmMatchesReference() {
        Random rnd = new Random(42);
        for (Kernels impl : floatImpls()) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    float[] ab = SCALARS[(t + s[0] + s[2]) % SCALARS.length];
                    checkFloat(impl, rnd, t >= 2, (t & 1) == 1, s[0], s[1], s[2], ab[0], ab[1]);
                }
            }
            for (float[] ab : SCALARS) {
                checkFloat(impl, rnd, false, false, 19, 23, 29, ab[0], ab[1]);
                checkFloat(impl, rnd, true, true, 19, 23, 29, ab[0], ab[1]);
            }
        }
    }

    @Test
    void vectorKernelReadingAInPlaceMatchesThePackedPathBitForBit() {
        Assumptions.assumeTrue(FastKernels.vectorModulePresent(), "run without --add-modules jdk.incubator.vector");
        SgemmKernel packed = new VectorSgemm(0);
        SgemmKernel direct = new VectorSgemm(Integer.MAX_VALUE);
        // full and partial 6-row strips, ragged 16-column panels, more rows than one 120-row block,
        // k cut into several blocks and k not a multiple of the vector length (the packed strip's last
        // steps), fewer than 6 rows (nothing read in place); A transposed (read in place by microAT,
        // six floats per step, against the packed strip's groups) or as stored (packed by both)
        int[][] shapes = {{6, 16, 7}, {13, 17, 300}, {130, 70, 520}, {726, 64, 288}, {127, 128, 33}, {5, 8, 9}, {250, 3, 40},
            {288, 64, 847}, {300, 100, 128}};
        float[][] scalars = {{1f, 0f}, {1f, 1f}, {1f, -2f}, {0.5f, 0f}};
        Random rnd = new Random(11);
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2;
                boolean tb = (t & 1) == 1;
                for (float[] ab : scalars) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = (ta ? m : k) + rnd.nextInt(3);
                    int ldb = (tb ? k : n) + rnd.nextInt(3);
                    int ldc = n + rnd.nextInt(3);
                    float[] a = randomFloats(rnd, 1 + (ta ? k : m) * lda);
                    float[] b = randomFloats(rnd, 2 + (tb ? n : k) * ldb);
                    float[] c = randomFloats(rnd, 3 + m * ldc);
                    float[] expected = c.clone();
                    packed.sgemm(ta, tb, m, n, k, ab[0], a, 1, lda, b, 2, ldb, ab[1], expected, 3, ldc);
                    direct.sgemm(ta, tb, m, n, k, ab[0], a, 1, lda, b, 2, ldb, ab[1], c, 3, ldc);
                    for (int i = 0; i < c.length; i++) {
                        if (Float.floatToRawIntBits(c[i]) != Float.floatToRawIntBits(expected[i])) {
                            fail(String.format("m=%d n=%d k=%d transA=%b transB=%b alpha=%s beta=%s: element %d is %s in place, %s packed",
                                    m, n, k, ta, tb, ab[0], ab[1], i, c[i], expected[i]));
                        }
                    }
                }
            }
        }
    }

    /**
     * A row of C does not depend on how many rows come after it: the last strip of 1 to 5 rows (run by the
     * two- and four-row tail kernels or the six-row one) gives the same bits as the same rows inside a
     * product with more rows (run by full strips). Packed A and A read in place, stored or transposed, one
     * and several k blocks, B read in place and packed, more than one 120-row block.
     */
    @Test
    void lastStripsOfFewerThanSixRowsMatchFullStripsBitForBit() {
        Assumptions.assumeTrue(FastKernels.vectorModulePresent(), "run without --add-modules jdk.incubator.vector");
        Random rnd = new Random(31);
        int[][] shapes = {{32, 300, 784}, {128, 40, 100}, {7, 33, 20}, {9, 300, 600}, {10, 17, 5}, {11, 64, 300}, {245, 20, 30}};
        for (SgemmKernel kernel : List.of(new VectorSgemm(0), new VectorSgemm())) {
            for (int[] sh : shapes) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = t >= 2;
                    boolean tb = (t & 1) == 1;
                    int m = sh[0];
                    int n = sh[1];
                    int k = sh[2];
                    int more = m + 6 - m % 6 + 6; // whole strips past m: rows [0, m) run in full strips there
                    int lda = ta ? more : k;
                    int ldb = tb ? k : n;
                    float[] a = randomFloats(rnd, more * k);
                    float[] b = randomFloats(rnd, n * k);
                    float[] all = new float[more * n];
                    kernel.sgemm(ta, tb, more, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, all, 0, n);
                    float[] first = new float[m * n];
                    kernel.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, first, 0, n);
                    assertArrayEquals(Arrays.copyOf(all, m * n), first,
                            kernel.name() + " " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb);
                }
            }
        }
    }

    /**
     * Products with a prepared operand ({@link Kernels#pack}) equal the one-thread kernel's {@code sgemm}
     * bit for bit, for every implementation: B transposed or not, ragged panels, k in several blocks (and
     * short enough not to be packed), a few rows (the small-product path) to more than one row block,
     * beta 0 and 1, offsets and leading dimensions beyond the operands; C is untouched outside its range.
     */
    @Test
    void packedOperandProductsMatchTheOneThreadKernelBitForBit() {
        Random rnd = new Random(23);
        int[][] shapes = {{30, 512, 128}, {30, 128, 512}, {14, 256, 128}, {1, 512, 128}, {4, 100, 300}, {5, 33, 70},
            {130, 70, 1100}, {7, 20, 12}, {18, 2100, 40}};
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(ScalarKernels.INSTANCE);
        for (Kernels impl : impls) {
            SgemmKernel oneThread = impl instanceof FastKernels f ? f.single() : null;
            for (int[] sh : shapes) {
                for (int v = 0; v < 4; v++) {
                    boolean tb = (v & 1) == 1;
                    float beta = v < 2 ? 0f : 1f;
                    int m = sh[0];
                    int n = sh[1];
                    int k = sh[2];
                    int lda = k + 3;
                    int ldb = (tb ? k : n) + 5;
                    int ldc = n + 2;
                    float[] a = randomFloats(rnd, 2 + m * lda);
                    float[] b = randomFloats(rnd, 4 + (tb ? n : k) * ldb);
                    float[] c0 = randomFloats(rnd, 3 + m * ldc + 2);
                    float[] want = c0.clone();
                    if (oneThread != null) {
                        oneThread.sgemm(false, tb, m, n, k, 1f, a, 2, lda, b, 4, ldb, beta, want, 3, ldc);
                    } else {
                        impl.sgemm(false, tb, m, n, k, 1f, a, 2, lda, b, 4, ldb, beta, want, 3, ldc);
                    }
                    PackedMatrix p = impl.pack(tb, n, k, b, 4, ldb);
                    assertEquals(n, p.columns());
                    assertEquals(k, p.rows());
                    float[] got = c0.clone();
                    impl.sgemm(m, a, 2, lda, p, beta, got, 3, ldc);
                    assertArrayEquals(want, got, impl.name() + " " + m + "x" + n + "x" + k + " transB=" + tb + " beta=" + beta);
                }
            }
        }
    }

    @Test
    void sharedPackedBMatchesTheOneThreadKernelBitForBit() {
        Assumptions.assumeTrue(FastKernels.vectorModulePresent(), "run without --add-modules jdk.incubator.vector");
        VectorSgemm kernel = new VectorSgemm();
        // tall C: several row blocks (partial 6-row strips, more than one 120-row block per task),
        // ragged 16-column panels, k in several blocks, A read in place (n <= 128) or packed, B read in
        // place (m <= 128: the last three, with and without a ragged panel)
        int[][] shapes = {{130, 70, 520}, {257, 33, 40}, {300, 17, 300}, {1000, 100, 300}, {200, 144, 7},
            {128, 100, 300}, {100, 48, 200}, {90, 20, 33},
            // wide C (more column than row tiles) or short C (fewer rows than columns, at most 240 rows):
            // op(A) packed once and shared, C split by columns
            {12, 300, 50}, {32, 300, 500}, {31, 100, 40}, {120, 400, 20}, {128, 300, 60}, {200, 210, 30}, {130, 700, 20},
            // at most 128 rows and k in several blocks, B not transposed: the threads split k (two or
            // three blocks, a ragged panel, a single strip of rows, more rows than one 120-row block)
            {32, 300, 784}, {7, 100, 1100}, {128, 100, 1030}, {50, 16, 600}};
        float[][] scalars = {{1f, 0f}, {1f, 1f}, {0.5f, -2f}};
        Random rnd = new Random(5);
        int check = 0;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2;
                boolean tb = (t & 1) == 1;
                float[] ab = scalars[(t + s[0]) % scalars.length];
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int lda = (ta ? m : k) + rnd.nextInt(3);
                int ldb = (tb ? k : n) + rnd.nextInt(3);
                int ldc = n + rnd.nextInt(3);
                float[] a = randomFloats(rnd, 1 + (ta ? k : m) * lda);
                float[] b = randomFloats(rnd, 2 + (tb ? n : k) * ldb);
                float[] c = randomFloats(rnd, 3 + m * ldc);
                float[] expected = c.clone();
                kernel.sgemm(ta, tb, m, n, k, ab[0], a, 1, lda, b, 2, ldb, ab[1], expected, 3, ldc);
                FinalRows rows = new FinalRows(c, 3, ldc, m, n, expected);
                boolean ran = kernel.sgemmSharedB(2, ta, tb, m, n, k, ab[0], a, 1, lda, b, 2, ldb, ab[1], c, 3, ldc, rows);
                if ((k <= VectorSgemm.SMALL_K || m <= VectorSgemm.SMALL_M) && !ta && !tb) {
                    assertFalse(ran, "the small-product path has nothing to share");
                    rows.assertNone();
                    continue;
                }
                assertTrue(ran, () -> m + "x" + n + "x" + k + " takes the shared-operand path");
                rows.assertEachRowOnce();
                check++;
                for (int i = 0; i < c.length; i++) {
                    if (Float.floatToRawIntBits(c[i]) != Float.floatToRawIntBits(expected[i])) {
                        fail(String.format("m=%d n=%d k=%d transA=%b transB=%b alpha=%s beta=%s: element %d is %s shared, %s one thread",
                                m, n, k, ta, tb, ab[0], ab[1], i, c[i], expected[i]));
                    }
                }
            }
        }
        assertTrue(check >= 74, "shapes checked: " + check);
        // too few row tiles (tall) or column tiles (wide) for two per thread, or wide with more than 240
        // rows: declined, C untouched
        float[] a = randomFloats(rnd, 250 * 50);
        float[] b = randomFloats(rnd, 50 * 2100);
        float[] c = randomFloats(rnd, 250 * 2100);
        float[] before = c.clone();
        FinalRows none = new FinalRows(c, 0, 8, 18, 8, null);
        assertFalse(kernel.sgemmSharedB(2, true, false, 18, 8, 50, 1f, a, 0, 18, b, 0, 8, 0f, c, 0, 8, none));
        none.assertNone();
        assertFalse(kernel.sgemmSharedB(2, true, false, 6, 40, 50, 1f, a, 0, 6, b, 0, 40, 0f, c, 0, 40, null));
        assertFalse(kernel.sgemmSharedB(2, true, false, 250, 2100, 50, 1f, a, 0, 250, b, 0, 2100, 0f, c, 0, 2100, null));
        assertArrayEquals(before, c);
    }

    @Test
    void rowEpiloguesSeeEveryRowOnceWhenFinal() {
        // every path of the threaded product: one thread, rows shared (tall C), k split (short C, long k),
        // columns shared (wide C), independent blocks of columns (wider than a shared operand may be),
        // an empty reduction; and a costly epilogue that makes a small product split
        Kernels fast = new FastKernels(new VectorSgemm(), new VectorElementwise(), 1);
        int[][] shapes = {{3, 5, 7}, {1000, 100, 300}, {32, 300, 784}, {12, 300, 50}, {60, 2100, 20}, {40, 30, 0},
            {1000, 10, 100}};
        Random rnd = new Random(11);
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = randomFloats(rnd, m * k + 1);
            float[] b = randomFloats(rnd, k * n + 1);
            float[] expected = new float[m * n];
            ScalarKernels.INSTANCE.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
            float[] c = randomFloats(rnd, m * n);
            FinalRows rows = new FinalRows(c, 0, n, m, n, null);
            fast.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, rows);
            rows.assertEachRowOnce();
            assertArrayEquals(expected, c, 1e-3f * Math.max(1, k), () -> m + "x" + n + "x" + k);
            // the rows were final when handed over: what the epilogue saw is what C holds now
            assertArrayEquals(c, rows.seen, () -> m + "x" + n + "x" + k);
        }
        // 1000x10x100 is a million multiply-adds, one thread's worth at the default threshold; with an
        // epilogue that costs as much as a softmax it is handed out in blocks of rows on every thread
        Kernels defaults = new FastKernels(new VectorSgemm(), new VectorElementwise(), GemmPool.MIN_WORK);
        float[] a = randomFloats(rnd, 1000 * 100);
        float[] b = randomFloats(rnd, 100 * 10);
        float[] c = new float[1000 * 10];
        for (long cost : new long[] {0, 5000}) {
            FinalRows rows = new FinalRows(c, 0, 10, 1000, 10, null) {
                @Override
                public long rowCost() {
                    return cost;
                }
            };
            defaults.sgemm(false, false, 1000, 10, 100, 1f, a, 0, 100, b, 0, 10, 0f, c, 0, 10, rows);
            rows.assertEachRowOnce();
            if (cost == 0 || GemmPool.THREADS == 1) {
                assertEquals(1, rows.calls.get(), "all rows at once with row cost " + cost);
            } else {
                assertTrue(rows.calls.get() > 1, "blocks of rows with row cost " + cost + ": " + rows.calls.get());
            }
        }
    }

    /**
     * A {@link RowEpilogue} that counts how often each row of C is handed over and copies the row as it is
     * then (or, with {@code expected}, checks it bit for bit against the finished product at that moment).
     */
    static class FinalRows implements RowEpilogue {
        private final float[] c;
        private final int cOff;
        private final int ldc;
        private final int n;
        private final float[] expected;
        private final AtomicIntegerArray count;
        private final AtomicReference<String> wrong = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();
        final float[] seen;

        FinalRows(float[] c, int cOff, int ldc, int m, int n, float[] expected) {
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.n = n;
            this.expected = expected;
            this.count = new AtomicIntegerArray(m);
            this.seen = new float[m * n];
        }

        @Override
        public void rows(int i0, int i1) {
            calls.incrementAndGet();
            for (int i = i0; i < i1; i++) {
                count.incrementAndGet(i);
                for (int j = 0; j < n; j++) {
                    float v = c[cOff + i * ldc + j];
                    seen[i * n + j] = v;
                    if (expected != null && Float.floatToRawIntBits(v) != Float.floatToRawIntBits(expected[cOff + i * ldc + j])) {
                        wrong.compareAndSet(null, "row " + i + " handed over before it was final");
                    }
                }
            }
        }

        void assertEachRowOnce() {
            assertNull(wrong.get(), wrong::get);
            for (int i = 0; i < count.length(); i++) {
                int row = i;
                assertEquals(1, count.get(i), () -> "row " + row + " handed over " + count.get(row) + " times");
            }
        }

        void assertNone() {
            assertEquals(0, calls.get(), "a declined product hands over no rows");
        }
    }

    @Test
    void sgemmDefaultThresholdSplitsLargeProblems() {
        // Large enough that the default threshold wakes pool threads (on a machine with > 1 core).
        Random rnd = new Random(7);
        checkFloat(Kernels.fast(), rnd, false, false, 130, 120, 160, 1f, 0f);
        checkFloat(Kernels.fast(), rnd, true, false, 120, 130, 160, 1f, 1f);
        checkFloat(Kernels.fast(), rnd, false, true, 100, 130, 200, 0.5f, -1f);
    }

    @Test
    void dgemmMatchesReference() {
        Random rnd = new Random(3);
        List<Kernels> impls = List.of(Kernels.fast(), new FastKernels(new JavaSgemm(), ScalarKernels.INSTANCE, 1));
        for (Kernels impl : impls) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    float[] ab = SCALARS[(t + s[1]) % SCALARS.length];
                    checkDouble(impl, rnd, t >= 2, (t & 1) == 1, s[0], s[1], s[2], ab[0], ab[1]);
                }
            }
        }
        checkDouble(Kernels.fast(), rnd, true, true, 110, 120, 100, 1, 0);
    }

    /** The recurrent cells' tanh and sigmoid: within a few ulps of the Math formulas, and IEEE at the edges. */
    @Test
    void cellActivationsMatchTheMathFormulas() {
        Random rnd = new Random(13);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, 20, -20, 40, -40, 710, -710, 800, -800,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (Kernels impl : impls) {
            for (int len : new int[] {0, 1, 3, 4, 5, 8, 15, 64, 131}) {
                double[] x = new double[len + 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i - 2 < edges.length && i >= 2 && len > 20 ? edges[i - 2] : rnd.nextGaussian() * 4;
                }
                for (int f = 0; f < 2; f++) {
                    double[] y = new double[len + 2];
                    Arrays.fill(y, -7.0);
                    if (f == 0) {
                        impl.tanh(x, 2, y, 1, len);
                    } else {
                        impl.sigmoid(x, 2, y, 1, len);
                    }
                    String what = impl.name() + (f == 0 ? " tanh" : " sigmoid") + " len=" + len;
                    assertEquals(-7.0, y[0], what + " wrote before its range");
                    assertEquals(-7.0, y[len + 1], what + " wrote after its range");
                    for (int i = 0; i < len; i++) {
                        double xi = x[2 + i];
                        double want = f == 0 ? Math.tanh(xi) : 1.0 / (1.0 + Math.exp(-xi));
                        double got = y[1 + i];
                        if (Double.isNaN(want)) {
                            assertTrue(Double.isNaN(got), what + " at " + xi + ": " + got);
                        } else {
                            assertEquals(want, got, 4 * Math.ulp(want), what + " at " + xi);
                        }
                    }
                }
            }
        }
        // a sweep of magnitudes from 1e-14 to 712 of both signs, every vector lane: the vector kernels
        // compute exp themselves (range reduction and a polynomial), so each part of the range matters
        Random sweep = new Random(17);
        int n = 200_000;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            double mag = i % 3 == 0 ? sweep.nextDouble() * 30
                    : i % 7 == 0 ? 700 + sweep.nextDouble() * 12 : Math.pow(10, -14 + 17 * sweep.nextDouble());
            xs[i] = sweep.nextBoolean() ? mag : -mag;
        }
        double[] ys = new double[n];
        for (int f = 0; f < 2; f++) {
            if (f == 0) {
                Kernels.fast().tanh(xs, 0, ys, 0, n);
            } else {
                Kernels.fast().sigmoid(xs, 0, ys, 0, n);
            }
            for (int i = 0; i < n; i++) {
                double want = f == 0 ? Math.tanh(xs[i]) : 1.0 / (1.0 + Math.exp(-xs[i]));
                assertEquals(want, ys[i], 4 * Math.ulp(want), (f == 0 ? "tanh" : "sigmoid") + " at " + xs[i]);
            }
        }
        // in place
        double[] v = {-3, -1, 0, 0.5, 2, 9};
        Kernels.fast().tanh(v, 0, v, 0, v.length);
        assertEquals(Math.tanh(0.5), v[3], 4 * Math.ulp(v[3]));
    }

    /**
     * The float32 tanh and sigmoid of every implementation against the formulas in float64 rounded to
     * float32: within 4 float32 ulps over a sweep of magnitudes from 1e-20 to 110 and the edges, results
     * below the smallest normal float flushed to 0 or exact, signed zeros kept by tanh, nothing written
     * outside the range.
     */
    @Test
    void float32CellActivationsMatchTheFormulas() {
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        Random rnd = new Random(19);
        int n = 100_003;
        float[] x = new float[n + 3];
        for (int i = 0; i < n; i++) {
            double mag = i % 3 == 0 ? rnd.nextDouble() * 12
                    : i % 7 == 0 ? 80 + rnd.nextDouble() * 30 : Math.pow(10, -20 + 22 * rnd.nextDouble());
            x[2 + i] = (float) (rnd.nextBoolean() ? mag : -mag);
        }
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 0x1p-12f, -0x1p-12f, 9.9f, -10.1f, 87.5f,
                -87.5f, 88.8f, -88.8f, 104f, -104f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN};
        System.arraycopy(edges, 0, x, 1000, edges.length);
        for (Kernels impl : impls) {
            for (int f = 0; f < 2; f++) {
                float[] y = new float[n + 2];
                Arrays.fill(y, -7f);
                if (f == 0) {
                    impl.tanh(x, 2, y, 1, n);
                } else {
                    impl.sigmoid(x, 2, y, 1, n);
                }
                String what = impl.name() + (f == 0 ? " float32 tanh" : " float32 sigmoid");
                assertEquals(-7f, y[0], what + " wrote before its range");
                assertEquals(-7f, y[n + 1], what + " wrote after its range");
                for (int i = 0; i < n; i++) {
                    float xi = x[2 + i];
                    float want = (float) (f == 0 ? Math.tanh(xi) : 1.0 / (1.0 + Math.exp(-xi)));
                    float got = y[1 + i];
                    if (Float.isNaN(want)) {
                        assertTrue(Float.isNaN(got), what + " at " + xi + ": " + got);
                    } else if (f == 1 && want < Float.MIN_NORMAL) {
                        assertTrue(got == 0f || got == want, what + " at " + xi + ": " + got);
                    } else {
                        assertEquals(want, got, 4 * Math.ulp(want), what + " at " + xi);
                        if (f == 0 && xi == 0) {
                            assertEquals(Float.floatToIntBits(xi), Float.floatToIntBits(got), what + ": the sign of zero");
                        }
                    }
                }
            }
        }
    }

    /**
     * The float32 exp, erfc, expm1 and softplus of every implementation against the float64 functions: exp,
     * expm1 (signed zeros kept) and softplus within 4 float32 ulps, erfc within a relative 2e-6 up to |x| = 5 and 1e-5 beyond (its tail included, where
     * {@code 1 - erf} would have no digits left), both exact or flushed to 0 where {@link Kernels} allows it, IEEE at ±∞ and NaN, nothing
     * written outside the range, and in place.
     */
    @Test
    void float32ExpErfcExpm1AndSoftplusMatchTheFunctions() {
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        Random rnd = new Random(23);
        int n = 60_001;
        float[] x = new float[n + 3];
        for (int i = 0; i < n; i++) {
            double mag = i % 3 == 0 ? rnd.nextDouble() * 12
                    : i % 5 == 0 ? 80 + rnd.nextDouble() * 10 : Math.pow(10, -12 + 14 * rnd.nextDouble());
            x[2 + i] = (float) (rnd.nextBoolean() ? mag : -mag);
        }
        float[] edges = {0f, -0f, Float.MIN_VALUE, 0.5f, -0.5f, 9.3f, 9.9f, 10f, 10.5f, -10f, -86.5f, -87.5f, 88.7f,
            88.8f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        System.arraycopy(edges, 0, x, 1000, edges.length);
        for (Kernels impl : impls) {
            for (int f = 0; f < 4; f++) {
                boolean exp = f != 1;
                float[] y = new float[n + 2];
                Arrays.fill(y, -7f);
                switch (f) {
                    case 0 -> impl.exp(x, 2, y, 1, n);
                    case 1 -> impl.erfc(x, 2, y, 1, n);
                    case 2 -> impl.expm1(x, 2, y, 1, n);
                    default -> impl.softplus(x, 2, y, 1, n);
                }
                String what = impl.name() + " float32 " + new String[] {"exp", "erfc", "expm1", "softplus"}[f];
                assertEquals(-7f, y[0], what + " wrote before its range");
                assertEquals(-7f, y[n + 1], what + " wrote after its range");
                for (int i = 0; i < n; i++) {
                    float xi = x[2 + i];
                    double exact = switch (f) {
                        case 0 -> Math.exp(xi);
                        case 1 -> dev.airfoil.tensor.SpecialFunctions.erfc(xi);
                        case 2 -> Math.expm1(xi);
                        default -> Math.max(xi, 0) + Math.log1p(Math.exp(-Math.abs((double) xi)));
                    };
                    float want = (float) exact;
                    float got = y[1 + i];
                    if (Float.isNaN(want)) {
                        assertTrue(Float.isNaN(got), what + " at " + xi + ": " + got);
                    } else if (Float.isInfinite(want) || want == 0f) {
                        assertEquals(want, got, what + " at " + xi); // bit for bit: the sign of a zero too
                    } else if (f != 2 && want < (exp ? 0x1p-125f : 1e-37f)) {
                        assertTrue(got == 0f || Math.abs(got - exact) <= Math.max(4 * Math.ulp(want), exp ? 0 : 1e-5 * exact),
                                what + " at " + xi + ": " + got);
                    } else if (exp) {
                        assertEquals(want, got, 4 * Math.ulp(want), what + " at " + xi);
                    } else {
                        assertEquals(exact, got, (Math.abs(xi) <= 5 ? 2e-6 : 1e-5) * exact, what + " at " + xi);
                    }
                }
            }
            float[] v = {-3f, -0.25f, 0f, 0.5f, 2f, 4f, 6f, 9f};
            impl.erfc(v, 0, v, 0, v.length);
            assertEquals(dev.airfoil.tensor.SpecialFunctions.erfc(0.5), v[3], 2e-6, impl.name() + " erfc in place");
        }
    }

    /**
     * The float32 tanh, sigmoid, exp, erfc, expm1 and softplus of every implementation give an element the
     * same bits in a range of any offset and length (shorter than a vector too) as in one call over the
     * whole array: a range's last elements take the same formula as the others.
     */
    @Test
    void float32ElementwiseFunctionsDoNotDependOnTheRange() {
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        Random rnd = new Random(29);
        float[] x = new float[203];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 4);
        }
        String[] names = {"tanh", "sigmoid", "exp", "erfc", "expm1", "softplus"};
        for (Kernels impl : impls) {
            for (int f = 0; f < names.length; f++) {
                float[] whole = new float[x.length];
                apply(impl, f, x, 0, whole, 0, x.length);
                for (int trial = 0; trial < 40; trial++) {
                    int lo = rnd.nextInt(x.length);
                    int len = trial % 2 == 0 ? 1 + rnd.nextInt(Math.min(9, x.length - lo)) : rnd.nextInt(x.length - lo + 1);
                    float[] part = new float[len + 2];
                    apply(impl, f, x, lo, part, 1, len);
                    for (int i = 0; i < len; i++) {
                        assertEquals(Float.floatToIntBits(whole[lo + i]), Float.floatToIntBits(part[1 + i]),
                                impl.name() + " " + names[f] + " of x[" + (lo + i) + "] in the range at " + lo + " of " + len);
                    }
                }
            }
        }
    }

    private static void apply(Kernels impl, int f, float[] x, int xOff, float[] y, int yOff, int len) {
        switch (f) {
            case 0 -> impl.tanh(x, xOff, y, yOff, len);
            case 1 -> impl.sigmoid(x, xOff, y, yOff, len);
            case 2 -> impl.exp(x, xOff, y, yOff, len);
            case 3 -> impl.erfc(x, xOff, y, yOff, len);
            case 4 -> impl.expm1(x, xOff, y, yOff, len);
            default -> impl.softplus(x, xOff, y, yOff, len);
        }
    }

    @Test
    void elementwiseEpiloguesMatchReferenceBitForBit() {
        Random rnd = new Random(11);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        for (Kernels impl : impls) {
            for (int cols : new int[] {1, 7, 8, 10, 17, 32, 64, 100}) {
                for (int variant = 0; variant < 4; variant++) {
                    int rows = 1 + rnd.nextInt(9);
                    int off = rnd.nextInt(5);
                    float[] y = randomFloats(rnd, off + rows * cols + 3);
                    y[off] = Float.NaN;
                    y[off + rows * cols - 1] = -0f;
                    float[] bias = variant % 2 == 0 ? randomFloats(rnd, cols) : null;
                    boolean relu = variant < 2;
                    float[] want = y.clone();
                    ScalarKernels.INSTANCE.biasRelu(want, off, rows, cols, bias, relu);
                    impl.biasRelu(y, off, rows, cols, bias, relu);
                    for (int i = 0; i < y.length; i++) {
                        assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(y[i]),
                                impl.name() + " biasRelu rows=" + rows + " cols=" + cols + " bias=" + (bias != null)
                                        + " relu=" + relu + " element " + i + ": " + want[i] + " vs " + y[i]);
                    }
                    float[] mx = y.clone();
                    float[] mxWant = y.clone();
                    float[] other = randomFloats(rnd, y.length + 3);
                    other[2] = Float.NaN;
                    ScalarKernels.INSTANCE.maxInto(mxWant, off, other, 3, rows * cols);
                    impl.maxInto(mx, off, other, 3, rows * cols);
                    for (int i = 0; i < mx.length; i++) {
                        assertEquals(Float.floatToIntBits(mxWant[i]), Float.floatToIntBits(mx[i]),
                                impl.name() + " maxInto len=" + rows * cols + " element " + i);
                    }
                    float[] sum = y.clone();
                    float[] sumWant = y.clone();
                    for (int i = 0; i < rows * cols; i++) {
                        sumWant[off + i] = y[off + i] + other[3 + i];
                    }
                    impl.addInto(sum, off, other, 3, rows * cols);
                    for (int i = 0; i < sum.length; i++) {
                        assertEquals(Float.floatToIntBits(sumWant[i]), Float.floatToIntBits(sum[i]),
                                impl.name() + " addInto len=" + rows * cols + " element " + i);
                    }
                    float[] g = randomFloats(rnd, y.length + 2);
                    float[] outWant = new float[y.length + 4];
                    float[] out = new float[y.length + 4];
                    int len = rows * cols;
                    ScalarKernels.INSTANCE.reluBackward(g, 2, y, off, outWant, 1, len);
                    impl.reluBackward(g, 2, y, off, out, 1, len);
                    for (int i = 0; i < out.length; i++) {
                        assertEquals(Float.floatToIntBits(outWant[i]), Float.floatToIntBits(out[i]),
                                impl.name() + " reluBackward len=" + len + " element " + i);
                    }
                    float[] sumsWant = randomFloats(rnd, cols);
                    float[] sums = sumsWant.clone();
                    ScalarKernels.INSTANCE.columnSums(g, 1, rows, cols, sumsWant);
                    impl.columnSums(g, 1, rows, cols, sums);
                    for (int j = 0; j < cols; j++) {
                        assertEquals(Float.floatToIntBits(sumsWant[j]), Float.floatToIntBits(sums[j]),
                                impl.name() + " columnSums rows=" + rows + " cols=" + cols + " column " + j);
                    }
                }
            }
        }
        float[] y = {-1f, 0f, 2f, Float.NaN};
        Kernels.fast().biasRelu(y, 0, 1, 4, null, true);
        assertEquals(List.of(0f, 0f, 2f, Float.NaN), List.of(y[0], y[1], y[2], y[3]));
    }

    @Test
    void maxPoolRouteMatchesReferenceBitForBit() {
        Random rnd = new Random(23);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        for (Kernels impl : impls) {
            for (int len : new int[] {1, 7, 8, 9, 32, 45}) {
                float[] y = randomFloats(rnd, len + 2);
                float[][] taps = new float[3][];
                for (int t = 0; t < 3; t++) {
                    taps[t] = randomFloats(rnd, len + 3);
                    for (int i = 0; i < len; i++) {
                        int pick = rnd.nextInt(4); // ties: often several taps hold the maximum
                        if (pick < 2) {
                            taps[t][1 + i] = y[2 + i];
                        }
                    }
                }
                y[2] = Float.NaN;
                taps[1][1] = Float.NaN;
                if (len > 1) {
                    y[3] = -0f;
                    taps[0][2] = 0f;
                }
                float[] g = randomFloats(rnd, len);
                g[len - 1] = Float.NaN;
                float[] pendWant = g.clone();
                float[] pend = g.clone();
                float[] dxWant = randomFloats(rnd, len + 3);
                float[] dx = dxWant.clone();
                for (int t = 0; t < 3; t++) {
                    ScalarKernels.INSTANCE.maxPoolRoute(taps[t], 1, y, 2, pendWant, dxWant, len);
                    impl.maxPoolRoute(taps[t], 1, y, 2, pend, dx, len);
                }
                for (int i = 0; i < dx.length; i++) {
                    assertEquals(Float.floatToIntBits(dxWant[i]), Float.floatToIntBits(dx[i]), impl.name() + " maxPoolRoute dx len=" + len + " at " + i);
                }
                for (int i = 0; i < len; i++) {
                    assertEquals(Float.floatToIntBits(pendWant[i]), Float.floatToIntBits(pend[i]), impl.name() + " maxPoolRoute pending len=" + len + " at " + i);
                }
            }
        }
        // By hand: the gradient goes to the first tap equal to the maximum, NaN matching NaN, once.
        float[] dx = new float[2];
        float[] pending = {5f, 7f};
        Kernels.fast().maxPoolRoute(new float[] {1f, 2f}, 0, new float[] {3f, Float.NaN}, 0, pending, dx, 2);
        assertEquals(List.of(0f, 0f), List.of(dx[0], dx[1]));
        Kernels.fast().maxPoolRoute(new float[] {3f, Float.NaN}, 0, new float[] {3f, Float.NaN}, 0, pending, dx, 2);
        Kernels.fast().maxPoolRoute(new float[] {3f, Float.NaN}, 0, new float[] {3f, Float.NaN}, 0, pending, dx, 2);
        assertEquals(List.of(5f, 7f), List.of(dx[0], dx[1]));
        assertEquals(List.of(0f, 0f), List.of(pending[0], pending[1]));
    }


    @Test
    void oneChannelConvolutionAndItsKernelGradientMatchTheirDefinitions() {
        Random rnd = new Random(31);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        impls.add(ScalarKernels.INSTANCE);
        int[] taps = {0, 1, 2, 12, 13, 14, 24, 25, 26}; // 3x3 over rows of 12
        for (Kernels impl : impls) {
            for (int f : new int[] {1, 7, 8, 32, 40, 64}) {
                for (int rows : new int[] {1, 6, 7, 300}) {
                    for (boolean relu : new boolean[] {false, true}) {
                        float[] x = randomFloats(rnd, 12 * 12);
                        int[] rowBase = new int[rows];
                        for (int r = 0; r < rows; r++) {
                            rowBase[r] = rnd.nextInt(9) * 12 + rnd.nextInt(10);
                        }
                        float[] w = randomFloats(rnd, taps.length * f);
                        float[] bias = relu ? randomFloats(rnd, f) : null;
                        float[] y = randomFloats(rnd, 3 + rows * f);
                        float before = y[0];
                        impl.convOneChannel(x, rowBase, rows, taps, w, f, bias, relu, y, 3);
                        assertEquals(before, y[0], "nothing written before yOff");
                        for (int r = 0; r < rows; r++) {
                            for (int j = 0; j < f; j++) {
                                double sum = bias == null ? 0 : bias[j];
                                for (int t = 0; t < taps.length; t++) {
                                    sum += (double) x[rowBase[r] + taps[t]] * w[t * f + j];
                                }
                                double want = relu ? Math.max(sum, 0) : sum;
                                assertEquals(want, y[3 + r * f + j], 1e-5,
                                        impl.name() + " f=" + f + " rows=" + rows + " relu=" + relu + " at " + r + "," + j);
                            }
                        }
                        // The kernel gradient, added to what dw holds.
                        float[] dy = randomFloats(rnd, 2 + rows * f);
                        float[] dw = randomFloats(rnd, taps.length * f);
                        float[] dw0 = dw.clone();
                        impl.convOneChannelKernelGrad(x, rowBase, rows, taps, dy, 2, f, dw);
                        for (int t = 0; t < taps.length; t++) {
                            for (int j = 0; j < f; j++) {
                                double sum = dw0[t * f + j];
                                for (int r = 0; r < rows; r++) {
                                    sum += (double) x[rowBase[r] + taps[t]] * dy[2 + r * f + j];
                                }
                                assertEquals(sum, dw[t * f + j], 1e-5 * Math.max(1, Math.abs(sum)) * Math.sqrt(rows), impl.name() + " kernel gradient f=" + f + " rows=" + rows + " at " + t + "," + j);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void maxPoolWindowAndItsBackwardMatchReferenceBitForBit() {
        Random rnd = new Random(29);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        for (Kernels impl : impls) {
            for (int len : new int[] {1, 7, 8, 9, 32, 45}) {
                for (int tapCount : new int[] {1, 3, 4}) {
                    // Taps laid out in one array at offsets that are not multiples of the vector length.
                    float[] x = randomFloats(rnd, 5 * len + 9);
                    int[] taps = new int[tapCount];
                    for (int t = 0; t < tapCount; t++) {
                        taps[t] = 2 + t * (len + 1);
                    }
                    for (int i = 0; i < len; i++) {
                        for (int t = 1; t < tapCount; t++) {
                            if (rnd.nextInt(3) == 0) { // ties: several taps hold the same value
                                x[taps[t] + i] = x[taps[rnd.nextInt(t)] + i];
                            }
                        }
                    }
                    x[taps[tapCount - 1]] = Float.NaN;
                    if (len > 2) {
                        x[taps[0] + 1] = -0f;
                        x[taps[tapCount - 1] + 1] = 0f;
                        x[taps[0] + 2] = Float.NaN;
                    }
                    float[] yWant = randomFloats(rnd, len + 3);
                    float[] y = yWant.clone();
                    float[] codeWant = randomFloats(rnd, len + 3);
                    float[] code = codeWant.clone();
                    ScalarKernels.INSTANCE.maxPoolWindow(x, taps, tapCount, yWant, 3, codeWant, len);
                    impl.maxPoolWindow(x, taps, tapCount, y, 3, code, len);
                    String what = impl.name() + " len=" + len + " taps=" + tapCount;
                    for (int i = 0; i < y.length; i++) {
                        assertEquals(Float.floatToIntBits(yWant[i]), Float.floatToIntBits(y[i]), what + " maxPoolWindow y at " + i);
                        assertEquals(Float.floatToIntBits(codeWant[i]), Float.floatToIntBits(code[i]), what + " maxPoolWindow code at " + i);
                    }
                    float[] yNoCode = new float[len + 3];
                    impl.maxPoolWindow(x, taps, tapCount, yNoCode, 3, null, len);
                    assertEquals(Float.floatToIntBits(yWant[3]), Float.floatToIntBits(yNoCode[3]), what + " without codes");
                    code[3 + len - 1] = 0f; // a window that routes nothing (the ReLU mask)
                    float[] g = randomFloats(rnd, len + 3);
                    g[3] = Float.NaN;
                    float[] dxWant = randomFloats(rnd, x.length);
                    dxWant[taps[0]] = -0f;
                    float[] dx = dxWant.clone();
                    g[4 % (len + 3)] = -0f;
                    float[] stored = dxWant.clone();
                    ScalarKernels.INSTANCE.maxPoolWindowBackward(code, g, 3, taps, tapCount, dxWant, len, true);
                    impl.maxPoolWindowBackward(code, g, 3, taps, tapCount, dx, len, true);
                    for (int i = 0; i < dx.length; i++) {
                        assertEquals(Float.floatToIntBits(dxWant[i]), Float.floatToIntBits(dx[i]), what + " maxPoolWindowBackward at " + i);
                    }
                    // Without accumulating: the taps' old values (garbage here) are ignored, as if they were +0.
                    float[] storedWant = stored.clone();
                    stored[taps[0]] = Float.NaN;
                    for (int t = 0; t < tapCount; t++) {
                        java.util.Arrays.fill(storedWant, taps[t], taps[t] + len, 0f);
                    }
                    ScalarKernels.INSTANCE.maxPoolWindowBackward(code, g, 3, taps, tapCount, storedWant, len, true);
                    impl.maxPoolWindowBackward(code, g, 3, taps, tapCount, stored, len, false);
                    for (int i = 0; i < stored.length; i++) {
                        assertEquals(Float.floatToIntBits(storedWant[i]), Float.floatToIntBits(stored[i]),
                                what + " maxPoolWindowBackward without accumulating at " + i);
                    }
                }
            }
        }
        // By hand: the first tap holding the maximum is recorded (NaN matching NaN), and its gradient goes there.
        float[] x = {1f, Float.NaN, 5f, 3f, Float.NaN, 5f};
        int[] taps = {0, 3};
        float[] y = new float[3];
        float[] code = new float[3];
        Kernels.fast().maxPoolWindow(x, taps, 2, y, 0, code, 3);
        assertEquals(List.of(3f, Float.NaN, 5f), List.of(y[0], y[1], y[2]));
        assertEquals(List.of(2f, 1f, 1f), List.of(code[0], code[1], code[2]));
        float[] dx = new float[6];
        Kernels.fast().maxPoolWindowBackward(code, new float[] {1f, 2f, 3f}, 0, taps, 2, dx, 3, true);
        assertEquals(List.of(0f, 2f, 3f, 1f, 0f, 0f), List.of(dx[0], dx[1], dx[2], dx[3], dx[4], dx[5]));
    }

    private static final double[][] WINOGRAD_BT = {{1, 0, -1, 0}, {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, 0, -1}};
    private static final double[][] WINOGRAD_AT = {{1, 1, 1, 0}, {0, 1, -1, -1}};

    /** {@code p · q · r} for small dense matrices. */
    private static double[][] product(double[][] p, double[][] q, double[][] r) {
        double[][] pq = new double[p.length][q[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < q[0].length; j++) {
                for (int k = 0; k < q.length; k++) {
                    pq[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        double[][] out = new double[p.length][r[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < r[0].length; j++) {
                for (int k = 0; k < r.length; k++) {
                    out[i][j] += pq[i][k] * r[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    @Test
    void winogradTileTransformsMatchTheirMatricesAndTheReferenceBitForBit() {
        Random rnd = new Random(31);
        double[][] b = transpose(WINOGRAD_BT);
        double[][] a = transpose(WINOGRAD_AT);
        List<Kernels> impls = new ArrayList<>(floatImpls());
        impls.add(Kernels.fast());
        impls.add(ScalarKernels.INSTANCE);
        for (Kernels impl : impls) {
            for (int len : new int[] {1, 7, 8, 9, 32, 45}) {
                String what = impl.name() + " len=" + len;
                int slab = len + 5;
                // Input tile: a 4x4 patch with rows rowStride apart and columns colStride apart.
                int colStride = len + 2;
                int rowStride = 4 * colStride + 3;
                float[] d = randomFloats(rnd, 4 * rowStride + 7);
                float[] v = new float[16 * slab + 4];
                float[] vWant = new float[v.length];
                impl.winogradInputTile(d, 2, colStride, rowStride, v, 3, slab, len);
                ScalarKernels.INSTANCE.winogradInputTile(d, 2, colStride, rowStride, vWant, 3, slab, len);
                assertSameBits(vWant, v, what + " input tile");
                // Output tile: 16 slabs to 2x2 outputs at scattered offsets.
                float[] m = randomFloats(rnd, 16 * slab + 4);
                float[] y = new float[4 * (len + 1) + 2];
                float[] yWant = new float[y.length];
                int[] o = {1, 1 + 2 * (len + 1), 1 + (len + 1), 1 + 3 * (len + 1)};
                impl.winogradOutputTile(m, 3, slab, y, o[0], o[1], o[2], o[3], len);
                ScalarKernels.INSTANCE.winogradOutputTile(m, 3, slab, yWant, o[0], o[1], o[2], o[3], len);
                assertSameBits(yWant, y, what + " output tile");
                // The transposes.
                float[] dm = new float[16 * slab + 4];
                float[] dmWant = new float[dm.length];
                impl.winogradOutputGradientTile(y, o[0], o[1], o[2], o[3], dm, 3, slab, len);
                ScalarKernels.INSTANCE.winogradOutputGradientTile(y, o[0], o[1], o[2], o[3], dmWant, 3, slab, len);
                assertSameBits(dmWant, dm, what + " output gradient tile");
                float[] patch = new float[16 * (len + 1) + 2];
                float[] patchWant = new float[patch.length];
                impl.winogradInputGradientTile(m, 3, slab, patch, 2, len + 1, len);
                ScalarKernels.INSTANCE.winogradInputGradientTile(m, 3, slab, patchWant, 2, len + 1, len);
                assertSameBits(patchWant, patch, what + " input gradient tile");
                if (impl != ScalarKernels.INSTANCE) {
                    continue;
                }
                // The reference against the matrices: V = Bᵀ d B, Y = Aᵀ M A, dM = A dY Aᵀ, dD = B dV Bᵀ.
                for (int k = 0; k < len; k++) {
                    double[][] dk = new double[4][4];
                    double[][] mk = new double[4][4];
                    double[][] yk = new double[2][2];
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 4; j++) {
                            dk[i][j] = d[2 + i * rowStride + j * colStride + k];
                            mk[i][j] = m[3 + (4 * i + j) * slab + k];
                        }
                    }
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            yk[i][j] = y[o[2 * i + j] + k];
                        }
                    }
                    double[][] vk = product(WINOGRAD_BT, dk, b);
                    double[][] outk = product(WINOGRAD_AT, mk, a);
                    double[][] dmk = product(a, yk, WINOGRAD_AT);
                    double[][] ddk = product(b, mk, WINOGRAD_BT);
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 4; j++) {
                            assertEquals(vk[i][j], v[3 + (4 * i + j) * slab + k], 1e-5, what + " V " + i + j);
                            assertEquals(dmk[i][j], dm[3 + (4 * i + j) * slab + k], 1e-5, what + " dM " + i + j);
                            assertEquals(ddk[i][j], patch[2 + (4 * i + j) * (len + 1) + k], 1e-5, what + " dD " + i + j);
                        }
                    }
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            assertEquals(outk[i][j], yk[i][j], 1e-5, what + " Y " + i + j);
                        }
                    }
                }
            }
        }
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), what + " at " + i);
        }
    }

    @Test
    void emptyAndZeroKProblems() {
        for (Kernels impl : floatImpls()) {
            float[] c = {Float.NaN, 2f, 3f, 4f};
            impl.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
            assertEquals(List.of(0f, 0f, 0f, 0f), List.of(c[0], c[1], c[2], c[3]));
            float[] d = {1f, 2f};
            impl.sgemm(false, false, 1, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, d, 0, 2);
            assertEquals(3f, d[0]);
            assertEquals(6f, d[1]);
            impl.sgemm(false, false, 0, 5, 3, 1f, new float[0], 0, 3, new float[15], 0, 5, 0f, new float[0], 0, 5);
        }
    }

    private static void checkFloat(Kernels impl, Random rnd, boolean ta, boolean tb, int m, int n, int k,
                                   float alpha, float beta) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + rnd.nextInt(3);
        int ldb = bCols + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(4);
        int bOff = rnd.nextInt(4);
        int cOff = rnd.nextInt(4);
        float[] a = randomFloats(rnd, aOff + aRows * lda);
        float[] b = randomFloats(rnd, bOff + bRows * ldb);
        float[] c = randomFloats(rnd, cOff + m * ldc + 2);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = (i + j) % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
                }
            }
        }
        float[] expected = c.clone();
        ScalarKernels.INSTANCE.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        impl.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        float tol = 2e-6f * (k + 4) * (Math.abs(alpha) + Math.abs(beta) + 1f);
        for (int i = 0; i < c.length; i++) {
            if (!(Math.abs(c[i] - expected[i]) <= tol) && !(Float.isNaN(expected[i]) && Float.isNaN(c[i]))) {
                fail(String.format("%s sgemm(transA=%b, transB=%b, m=%d, n=%d, k=%d, alpha=%s, beta=%s, lda=%d, "
                        + "ldb=%d, ldc=%d, offsets=%d/%d/%d): element %d expected %s but was %s (tol %s)",
                        impl.name(), ta, tb, m, n, k, alpha, beta, lda, ldb, ldc, aOff, bOff, cOff,
                        i, expected[i], c[i], tol));
            }
        }
    }

    private static void checkDouble(Kernels impl, Random rnd, boolean ta, boolean tb, int m, int n, int k,
                                    double alpha, double beta) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + rnd.nextInt(3);
        int ldb = bCols + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(4);
        int bOff = rnd.nextInt(4);
        int cOff = rnd.nextInt(4);
        double[] a = randomDoubles(rnd, aOff + aRows * lda);
        double[] b = randomDoubles(rnd, bOff + bRows * ldb);
        double[] c = randomDoubles(rnd, cOff + m * ldc + 2);
        if (beta == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = Double.NaN;
                }
            }
        }
        double[] expected = c.clone();
        ScalarKernels.INSTANCE.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        impl.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        double tol = 1e-14 * (k + 4) * (Math.abs(alpha) + Math.abs(beta) + 1);
        for (int i = 0; i < c.length; i++) {
            if (!(Math.abs(c[i] - expected[i]) <= tol)) {
                fail(String.format("%s dgemm(transA=%b, transB=%b, m=%d, n=%d, k=%d, alpha=%s, beta=%s): "
                        + "element %d expected %s but was %s", impl.name(), ta, tb, m, n, k, alpha, beta,
                        i, expected[i], c[i]));
            }
        }
    }

    /** {@code len} floats uniform in [-1, 1) (the kernel tests' operands). */
    static float[] randomFloats(Random rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    private static double[] randomDoubles(Random rnd, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = rnd.nextDouble() * 2 - 1;
        }
        return x;
    }
}
