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
    /**
     * Longest k block (system property {@code airfoil.kernels.kc}); k is cut into equal blocks of at
     * most this. 512 rather than 256: every block after the first loads and stores each C tile once
     * more, and streaming a longer B panel from L2 costs less than that (same-JVM A/B, 512 against 256:
     * 726×64×288 +8–15 %, 1000×300×784 0–7 %, 2000×512×4096 +6 % on one thread; no shape slower beyond
     * the harness's ±7 %). A 120-row block of packed A stays at 240 KB, inside a 512 KB L2.
     */
    static final int KC = Integer.getInteger("airfoil.kernels.kc", 512);
    static final int MC = 120;
    static final int NC = 2048;
    static final int DIRECT_B_MAX_M = Integer.getInteger("airfoil.kernels.directBMaxM", 128);
    /**
     * Up to this many rows of C (B not transposed, k in at least as many blocks as threads), several
     * threads split k instead of C: see {@link #sgemmSplitK}. System property
     * {@code airfoil.kernels.splitKMaxM}; 0 never splits k.
     */
    static final int SPLIT_K_MAX_M = Integer.getInteger("airfoil.kernels.splitKMaxM", DIRECT_B_MAX_M);
    /** Largest k block of op(B), in floats, that {@link #sgemmSplitK} packs per thread (512 KB: one core's L2). */
    static final int SPLIT_K_MAX_BLOCK = 1 << 17;
    /** Up to this many rows of C (non-transposed operands), the small-product path runs instead of the packed one. */
    static final int SMALL_M = Integer.getInteger("airfoil.kernels.smallM", 4);
    /** Up to this reduction length (non-transposed operands), the small-product path runs too: packing would cost more than it saves. */
    static final int SMALL_K = Integer.getInteger("airfoil.kernels.smallK", 16);
    /**
     * Up to this many columns of C, full 6-row strips of a transposed A (with {@code alpha == 1}) are read
     * in place by {@link #microAT} instead of being packed: with few panels of B a packed strip is reused
     * too few times to repay its copy (isolated, one thread: the convnet's kernel gradient 288×64×847
     * +5–11 %, 300×100×128 +4–8 %, 100×10×128 +50 %; at n = 300 no gain). In training a limit of 128 beat
     * one of 32 on JDK 17 and JDK 25 alike (same-JVM step pairs at batch 128 against the eighteenth round's
     * previous kernel: 1.008 against 0.985 on JDK 17, 1.68 against 1.23 on JDK 25), although a packed strip
     * was faster for 300×100×128 alone on JDK 25. A non-transposed A is always packed: {@link #micro} on a
     * packed strip was as fast as or faster than a kernel reading A's rows in place on every shape measured
     * on JDK 17 (one thread, GFLOP/s: 726×64×288 80 against 78, 1000×100×300 79 against 74) and twice as
     * fast on JDK 25.
     * System property {@code airfoil.kernels.directAMaxN}; 0 packs always.
     */
    static final int DIRECT_A_MAX_N = Integer.getInteger("airfoil.kernels.directAMaxN", 128);

    /** Largest shared operand, in floats, that {@link #sgemmSharedB} packs whole (8 MB). */
    static final int SHARED_MAX = 1 << 21;
    /**
     * Most rows of a C with fewer rows than columns for which {@link #sgemmSharedA} splits C by columns
     * (system property {@code airfoil.kernels.sharedAMaxM}; 0 keeps the earlier rule: only a C with more
     * column than row tiles and at most {@link #MC} rows). A packed whole (two 120-row blocks, 200 KB per
     * k block at k = 392) stays in each core's L2 while every thread reads its own panels of B once.
     * Split by rows instead, the MLP's 128×300×784 gave each of 8 tasks 18 rows, every task streamed all
     * of B from L3, and two threads ran it no faster than one (same-JVM A/B, two threads: 1.15× now,
     * 128×300×100 with B transposed 1.24×).
     */
    static final int SHARED_A_MAX_M = Integer.getInteger("airfoil.kernels.sharedAMaxM", 2 * MC);
    /**
     * Row (or column) blocks per thread in {@link #sgemmSharedB}: enough for a late thread to cost little.
     * 16 rather than 4: a worker that joins late leaves the caller a shorter last block to wait for
     * (same-JVM A/B, two threads: 1000×300×784 +6 %, 1000×100×300 +5 %, 726×64×288 +6 %, other shapes
     * ±3 %; step pairs, inference at batch 1000 +1.2 to +1.7 % in three runs, training batch 128 +0.9 %,
     * batch 32 1.000).
     */
    static final int TASKS_PER_THREAD = 16;

    /**
     * Floats (64 bytes) kept free on both sides of the scratch tile: the tiles of two threads may lie
     * next to each other once the collector has moved them, and must not share a cache line.
     */
    private static final int PAD = 16;

    /**
     * Per thread: packed A block, packed B block (grown on demand: at most {@code KC × NC}, but a layer
     * of 300 units needs a seventh of that), scratch tile, and (grown on demand) an operand shared with helpers.
     */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[0], new float[PAD + MR * NR + PAD], new float[0]});

    /** For adding partial products to C (this class loads only where the Vector API is present, as that one). */
    private static final VectorElementwise ELEMENTWISE = new VectorElementwise();

    private final int directAMaxN;

    VectorSgemm() {
        this(DIRECT_A_MAX_N);
    }

    /** A kernel that reads a transposed A in place up to {@code directAMaxN} columns of C (tests compare it with 0). */
    VectorSgemm(int directAMaxN) {
        if (L < 4) {
            throw new IllegalStateException("vector species too narrow: " + S);
        }
        this.directAMaxN = directAMaxN;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if ((m <= SMALL_M || k <= SMALL_K) && !transA && !transB) {
            rowsTimesMatrix(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        float[][] buf = BUFFERS.get();
        boolean directB = directB(transB, m, ldb);
        boolean directA = directA(transA, alpha, n, lda);
        int kBlock = kBlock(k);
        // With B read in place only a ragged last panel (under NR columns) is ever packed.
        float[] bp = packedB(buf, kBlock, directB ? NR : Math.min(n, NC));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int ncFull = directB ? nc - nc % NR : 0;
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                if (ncFull < nc) {
                    packB(transB, b, bOff, ldb, pc, kc, jc + ncFull, nc - ncFull, bp, 0);
                }
                rowBlocks(transA, directA, 0, m, pc, kc, jc, nc, ncFull, alpha, a, aOff, lda, null, 0, b, bOff, ldb,
                        bp, 0, pc == 0 ? beta : 1f, c, cOff, ldc, buf);
            }
        }
    }

    /**
     * Tall C on several threads: op(B) is packed once, its k blocks by whichever threads are free, into a
     * buffer all threads then read (with B read in place, only its ragged last panel), and blocks of rows
     * of C are handed out a few per thread, each block running every k block itself. Splitting C into
     * one block per thread instead made every thread pack all of B and left the caller waiting whenever
     * the other thread started late. Wide or short C goes to {@link #sgemmSharedA}, the same with the
     * roles of A and B swapped; C of at most {@link #SPLIT_K_MAX_M} rows with k in several blocks to
     * {@link #sgemmSplitK}.
     */
    @Override
    public boolean sgemmSharedB(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        int tilesM = (m + MR - 1) / MR;
        int tilesN = (n + NR - 1) / NR;
        if ((m <= SMALL_M || k <= SMALL_K) && !transA && !transB) {
            return false;
        }
        // Split k, or C by columns: rows are final only at the end.
        if (m <= SPLIT_K_MAX_M && !transB
                && sgemmSplitK(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)) {
            RowEpilogue.allRows(epilogue, m);
            return true;
        }
        // Wide C (more column than row tiles) is split by columns; so is a short one (fewer rows than columns).
        boolean wide = tilesM < tilesN;
        int maxM = wide ? Math.max(MC, SHARED_A_MAX_M) : SHARED_A_MAX_M;
        if (m < n && m <= maxM
                && sgemmSharedA(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)) {
            RowEpilogue.allRows(epilogue, m);
            return true;
        }
        if (wide) {
            return false;
        }
        if (tilesM < 2 * threads || n > NC) {
            return false;
        }
        // With B read in place only its ragged last panel is packed (and shared); else all of it.
        boolean directB = directB(transB, m, ldb);
        int ncFull = directB ? n - n % NR : 0;
        int npad = tilesN * NR - ncFull;
        long size = (long) k * npad;
        if (size > SHARED_MAX) {
            return false;
        }
        int kBlock = kBlock(k);
        float[] shared = sharedBuffer((int) size);
        if (npad > 0) {
            GemmPool.forTasks((k + kBlock - 1) / kBlock, threads, t -> {
                int pc = t * kBlock;
                packB(transB, b, bOff, ldb, pc, Math.min(kBlock, k - pc), ncFull, n - ncFull, shared, pc * npad);
            });
        }
        rowTasks(threads, transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, shared, npad, ncFull, beta, c, cOff, ldc,
                epilogue);
        return true;
    }

    /**
     * {@link #sgemmSharedB}'s blocks of rows of C, a few per thread, each running every k block with
     * op(B)'s panels from {@code shared} (k block {@code pc} at {@code pc·npad}; panels left of {@code ncFull}
     * read in place from B), and each handed to {@code epilogue} when done.
     */
    private void rowTasks(int threads, boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float[] shared, int npad, int ncFull,
                          float beta, float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        int kBlock = kBlock(k);
        boolean directA = directA(transA, alpha, n, lda);
        int rows = MR * tilesPerTask((m + MR - 1) / MR, threads);
        GemmPool.forTasks((m + rows - 1) / rows, threads, t -> {
            int i0 = t * rows;
            int i1 = Math.min(m, i0 + rows);
            float[][] buf = BUFFERS.get();
            for (int pc = 0; pc < k; pc += kBlock) {
                rowBlocks(transA, directA, i0, i1, pc, Math.min(kBlock, k - pc), 0, n, ncFull, alpha, a, aOff, lda,
                        null, 0, b, bOff, ldb, shared, pc * npad, pc == 0 ? beta : 1f, c, cOff, ldc, buf);
            }
            if (epilogue != null) {
                epilogue.rows(i0, i1);
            }
        });
    }

    /**
     * The product with a packed {@code op(B)} on {@code threads} threads: blocks of rows of C as in
     * {@link #sgemmSharedB}, every thread reading the same packed panels (the same values as
     * {@link #sgemmPacked}), each block handed to {@code epilogue} when done. Returns {@code false} without
     * touching C when there are too few rows for two blocks per thread or {@code B} was not packed.
     */
    boolean sgemmPackedShared(int threads, int m, float[] a, int aOff, int lda, PackedMatrix b, float beta,
                              float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        if (b.panels == null || m <= SMALL_M || (m + MR - 1) / MR < 2 * threads) {
            return false;
        }
        rowTasks(threads, false, m, b.n, b.k, 1f, a, aOff, lda, b.b, b.bOff, b.ldb, b.panels, whole(b.n), 0, beta,
                c, cOff, ldc, epilogue);
        return true;
    }

    /**
     * Short C with a long reduction on several threads (the first Dense layer of an MLP in training:
     * 32×300×784): each thread takes whole k blocks, packs its block of B reading rows of B front to back,
     * and multiplies all of op(A)'s rows by it, the first block into C, the others into partial products
     * that are added to C afterwards in block order. The sums are the one-thread kernel's bit for bit: it
     * too adds each block's tile to C in turn. Splitting C by columns instead had each thread walk its
     * columns of B down the rows, a 64-byte read every 1,200 bytes that crosses a page every few rows
     * where the hardware prefetcher stops: with B just out of L3 (as in training, where the optimizer
     * rewrote it), two threads ran 32×300×784 no faster than one (same-JVM A/B, B cycling through 24
     * copies: 1.57× with this split, 1.36× at 128 rows; in training, same-JVM step pairs: batch 32 +7 %,
     * batch 128 +11 %).
     */
    private boolean sgemmSplitK(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        int kBlock = kBlock(k);
        int blocks = (k + kBlock - 1) / kBlock;
        long size = (long) (blocks - 1) * m * n;
        if (blocks < threads || n > NC || (long) kBlock * whole(n) > SPLIT_K_MAX_BLOCK || size > SHARED_MAX) {
            return false;
        }
        float[] partial = sharedBuffer((int) size);
        boolean directA = directA(transA, alpha, n, lda);
        GemmPool.forTasks(blocks, threads, t -> {
            int pc = t * kBlock;
            int kc = Math.min(kBlock, k - pc);
            float[][] buf = BUFFERS.get();
            float[] bp = packedB(buf, kc, n);
            packB(transB, b, bOff, ldb, pc, kc, 0, n, bp, 0);
            // block 0 into C with beta, block t into its dense partial product
            boolean first = t == 0;
            rowBlocks(transA, directA, 0, m, pc, kc, 0, n, 0, alpha, a, aOff, lda, null, 0, b, bOff, ldb, bp, 0,
                    first ? beta : 0f, first ? c : partial, first ? cOff : (t - 1) * m * n, first ? ldc : n, buf);
        });
        for (int t = 1; t < blocks; t++) {
            for (int i = 0; i < m; i++) {
                ELEMENTWISE.addInto(c, cOff + i * ldc, partial, (t - 1) * m * n + i * n, n);
            }
        }
        return true;
    }

    /**
     * Wide or short C on several threads (more column tiles than row tiles, or fewer rows than columns;
     * the caller bounds the rows, see {@link #SHARED_A_MAX_M}): op(A) is
     * packed once into a buffer all threads read, and blocks of columns of C are handed out a few per
     * thread, each packing (or reading in place) only its own columns of B.
     */
    private boolean sgemmSharedA(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        int tilesM = (m + MR - 1) / MR;
        int tilesN = (n + NR - 1) / NR;
        int mpad = tilesM * MR;
        long size = (long) k * mpad;
        if (tilesN < 2 * threads || size > SHARED_MAX) {
            return false;
        }
        int kBlock = kBlock(k);
        float[] shared = sharedBuffer((int) size);
        GemmPool.forTasks((k + kBlock - 1) / kBlock, threads, t -> {
            int pc = t * kBlock;
            packA(transA, a, aOff, lda, 0, m, pc, Math.min(kBlock, k - pc), alpha, shared, pc * mpad);
        });
        boolean directB = directB(transB, m, ldb);
        int cols = NR * tilesPerTask(tilesN, threads);
        GemmPool.forTasks((n + cols - 1) / cols, threads, t -> {
            int jc = t * cols;
            int nc = Math.min(n, jc + cols) - jc;
            int ncFull = directB ? nc - nc % NR : 0;
            float[][] buf = BUFFERS.get();
            float[] bp = packedB(buf, kBlock, nc);
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                if (ncFull < nc) {
                    packB(transB, b, bOff, ldb, pc, kc, jc + ncFull, nc - ncFull, bp, 0);
                }
                rowBlocks(transA, false, 0, m, pc, kc, jc, nc, ncFull, alpha, a, aOff, lda, shared, pc * mpad,
                        b, bOff, ldb, bp, 0, pc == 0 ? beta : 1f, c, cOff, ldc, buf);
            }
        });
        return true;
    }

    /**
     * {@link Kernels#pack}: every k block of {@code op(B)} in whole panels, laid out as
     * {@link #sgemmSharedB} shares them; not for a B wider than {@link #NC} or shorter than
     * {@link #SMALL_K} (products then read B itself).
     */
    PackedMatrix pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        if (n <= 0 || n > NC || k <= SMALL_K) {
            return new PackedMatrix(transB, n, k, b, bOff, ldb, null);
        }
        int npad = whole(n);
        int kBlock = kBlock(k);
        float[] panels = new float[k * npad];
        for (int pc = 0; pc < k; pc += kBlock) {
            packB(transB, b, bOff, ldb, pc, Math.min(kBlock, k - pc), 0, n, panels, pc * npad);
        }
        return new PackedMatrix(transB, n, k, b, bOff, ldb, panels);
    }

    /**
     * The product with a packed {@code op(B)} on this thread: {@link #sgemm}'s blocking with B's panels
     * read from the packed matrix (the same values); a few rows take the small-product path as there.
     */
    void sgemmPacked(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc) {
        int n = b.n;
        int k = b.k;
        if (m <= SMALL_M) {
            sgemm(false, b.transB, m, n, k, 1f, a, aOff, lda, b.b, b.bOff, b.ldb, beta, c, cOff, ldc);
            return;
        }
        float[][] buf = BUFFERS.get();
        int kBlock = kBlock(k);
        int npad = whole(n);
        for (int pc = 0; pc < k; pc += kBlock) {
            rowBlocks(false, false, 0, m, pc, Math.min(kBlock, k - pc), 0, n, 0, 1f, a, aOff, lda, null, 0,
                    b.b, b.bOff, b.ldb, b.panels, pc * npad, pc == 0 ? beta : 1f, c, cOff, ldc, buf);
        }
    }

    /** {@code n} columns rounded up to whole panels of {@link #NR}. */
    private static int whole(int n) {
        return (n + NR - 1) / NR * NR;
    }

    /** This thread's buffer for packed B, large enough for {@code kc} rows of {@code nc} columns in whole panels. */
    private static float[] packedB(float[][] buf, int kc, int nc) {
        int size = kc * whole(nc);
        if (buf[1].length < size) {
            buf[1] = new float[size];
        }
        return buf[1];
    }

    /** The calling thread's buffer for an operand its helpers share, at least {@code size} floats. */
    private static float[] sharedBuffer(int size) {
        float[][] own = BUFFERS.get();
        if (own[3].length < size) {
            own[3] = new float[size];
        }
        return own[3];
    }

    /** Tiles per task when {@code tiles} are handed out {@link #TASKS_PER_THREAD} per thread. */
    private static int tilesPerTask(int tiles, int threads) {
        return Math.max(1, (tiles + TASKS_PER_THREAD * threads - 1) / (TASKS_PER_THREAD * threads));
    }

    /**
     * For few rows of C, packing B costs more than it saves: full-width panels of a non-transposed B
     * are read in place (only a ragged last panel is packed). Not when rows of B are a multiple of 128
     * bytes apart, beyond 256 bytes: a panel's rows would then crowd a few cache sets. At 128 and 256
     * bytes (32 or 64 columns) reading in place still won, same-JVM A/B: 128x32x784 +5-12 %, 32x64x512
     * +22 %, a convnet's first-layer kernel gradient 9x32x4056 +55 %.
     */
    private static boolean directB(boolean transB, int m, int ldb) {
        return !transB && m <= DIRECT_B_MAX_M && (ldb % 32 != 0 || ldb <= 64);
    }

    /**
     * A transposed A's strip is six adjacent floats per k step: {@link #microAT} reads it in place (the
     * same products in the same order as from a packed strip), for at most {@link #DIRECT_A_MAX_N}
     * columns of C. Not when rows are a multiple of 2 KB apart: they would then share a few L1 sets
     * (1024² ran 8 % slower).
     */
    private boolean directA(boolean transA, float alpha, int n, int lda) {
        return transA && alpha == 1f && n <= directAMaxN && lda % 512 != 0;
    }

    /** k in equal blocks of at most KC (784 → 2×392 rather than 512 + 272, 1100 → 3×367 rather than 2×512 + 76: a short last block would load and store the whole C tile for a few steps). */
    private static int kBlock(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    /**
     * Rows {@code [i0, i1)} and columns {@code [jc, jc + nc)} of C for the k block {@code [pc, pc + kc)}:
     * {@code C = bt·C + op(A)·op(B)} over that block. Panels of B left of {@code ncFull} are read in place
     * from {@code b}; the others from {@code bp}, panel {@code jr} at {@code bpOff + (jr - ncFull)·kc}.
     * op(A) is packed here per block of rows ({@link #packA}), unless {@code apShared} holds it already (the
     * strip of row {@code i}, a multiple of 6, at {@code apOff + i·kc}, rows from 0; {@code directA} must then
     * be false) or {@code directA} has {@link #microAT} read a transposed A's full strips in place.
     */
    private static void rowBlocks(boolean transA, boolean directA, int i0, int i1, int pc, int kc, int jc, int nc,
                                  int ncFull, float alpha, float[] a, int aOff, int lda, float[] apShared, int apOff,
                                  float[] b, int bOff, int ldb, float[] bp, int bpOff, float bt,
                                  float[] c, int cOff, int ldc, float[][] buf) {
        float[] tile = buf[2];
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            int mcFull = directA ? mc - mc % MR : 0;
            float[] ap = apShared != null ? apShared : buf[0];
            int aBase = apShared != null ? apOff + ic * kc : 0;
            if (apShared == null && mcFull < mc) {
                packA(transA, a, aOff, lda, ic + mcFull, mc - mcFull, pc, kc, alpha, ap, 0);
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                float[] bsrc;
                int bo;
                int bstride;
                if (jr < ncFull) {
                    bsrc = b;
                    bo = bOff + pc * ldb + jc + jr;
                    bstride = ldb;
                } else {
                    bsrc = bp;
                    bo = bpOff + (jr - ncFull) * kc;
                    bstride = NR;
                }
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir);
                    int co = cOff + (ic + ir) * ldc + jc + jr;
                    if (ir >= mcFull && mr == MR) {
                        micro(kc, ap, aBase + (ir - mcFull) * kc, bsrc, bo, bstride, tile);
                    } else if (ir >= mcFull) {
                        microTail(mr, kc, ap, aBase + (ir - mcFull) * kc, bsrc, bo, bstride, tile);
                    } else {
                        // op(A)'s six rows are six adjacent columns of A: each k step reads six floats in place.
                        microAT(kc, a, aOff + pc * lda + ic + ir, lda, bsrc, bo, bstride, tile);
                    }
                    merge(tile, mr, nr, c, co, ldc, bt);
                }
            }
        }
    }

    /**
     * {@link GemmPacking#packB} with full panels of a non-transposed B copied as two vectors per row
     * (the generic copy made a {@code System.arraycopy} call per 16 floats: 10 % of a convnet training
     * profile, packing the output gradient for the kernel gradient), row by row: each row of B is read
     * front to back and its panels written to {@code nc / NR} places. Panel by panel instead, B was read
     * down its columns, 64 bytes per row, and the prefetcher stopped at every page (same-JVM A/B of whole
     * products, B cycling through 8 copies so that it comes from L3 or memory: 1000×300×784 +2–3 %,
     * 256×512×512 +7–10 %; the packed one-thread path of 32×300×784 2.1×; with B in L2 0.96–1.03).
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                              float[] dst, int dstOff) {
        int full = transB ? 0 : nc - nc % NR;
        for (int p = 0, row = bOff + p0 * ldb + j0, d0 = dstOff; p < kc; p++, row += ldb, d0 += NR) {
            for (int jr = 0, d = d0; jr < full; jr += NR, d += NR * kc) {
                FloatVector.fromArray(S, b, row + jr).intoArray(dst, d);
                FloatVector.fromArray(S, b, row + jr + L).intoArray(dst, d + L);
            }
        }
        if (full < nc) {
            GemmPacking.packB(transB, b, bOff, ldb, p0, kc, j0 + full, nc - full, NR, dst, dstOff + full * kc);
        }
    }

    /** Steps of a k block of {@code kc} that the packed strips hold in whole groups of {@link #L} (see {@link #packA}). */
    private static int grouped(int kc) {
        return kc - kc % L;
    }

    /**
     * Packs rows {@code i0..i0+mc} and columns {@code p0..p0+kc} of {@code alpha·op(A)} into strips of six
     * rows, strip {@code s} from {@code dst[dstOff + 6·s·kc]}, missing rows of the last strip zero. A strip
     * holds its first {@link #grouped} steps in groups of {@code L}: group {@code g} at {@code 6·L·g}, row
     * {@code r}'s {@code L} values side by side at {@code r·L} in it; the last {@code kc mod L} steps follow
     * with six floats (rows 0 to 5) each. So a non-transposed A is copied a vector at a time (one thread,
     * 784×128 copied row after row: 17–25 µs, against 48–92 µs for six scalars per step), and
     * {@link #micro} reads each row of a group at a constant offset.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                              float alpha, float[] dst, int dstOff) {
        int grouped = grouped(kc);
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = dstOff + ir * kc;
            if (transA) {
                packStripT(a, aOff + p0 * lda + i0 + ir, lda, rows, kc, alpha, dst, base);
                continue;
            }
            int tail = base + grouped * MR;
            int src0 = aOff + (i0 + ir) * lda + p0;
            if (rows == MR) {
                // The six rows side by side, as six streams: an input batch fresh from memory is read
                // with six misses in flight rather than one row after another (a batch-128 training
                // profile had 4.5 % of its samples in the copy row by row, about 1 % this way).
                for (int p = 0, d = base; p < grouped; p += L, d += MR * L) {
                    int q = src0 + p;
                    FloatVector.fromArray(S, a, q).mul(alpha).intoArray(dst, d);
                    FloatVector.fromArray(S, a, q + lda).mul(alpha).intoArray(dst, d + L);
                    FloatVector.fromArray(S, a, q + 2 * lda).mul(alpha).intoArray(dst, d + 2 * L);
                    FloatVector.fromArray(S, a, q + 3 * lda).mul(alpha).intoArray(dst, d + 3 * L);
                    FloatVector.fromArray(S, a, q + 4 * lda).mul(alpha).intoArray(dst, d + 4 * L);
                    FloatVector.fromArray(S, a, q + 5 * lda).mul(alpha).intoArray(dst, d + 5 * L);
                }
                for (int p = grouped, d = tail; p < kc; p++, d += MR) {
                    for (int r = 0; r < MR; r++) {
                        dst[d + r] = alpha * a[src0 + r * lda + p];
                    }
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                int src = src0 + r * lda;
                if (r < rows) {
                    for (int p = 0, d = base + r * L; p < grouped; p += L, d += MR * L) {
                        FloatVector.fromArray(S, a, src + p).mul(alpha).intoArray(dst, d);
                    }
                } else {
                    for (int p = 0, d = base + r * L; p < grouped; p += L, d += MR * L) {
                        FloatVector.zero(S).intoArray(dst, d);
                    }
                }
                for (int p = grouped, d = tail + r; p < kc; p++, d += MR) {
                    dst[d] = r < rows ? alpha * a[src + p] : 0f;
                }
            }
        }
    }

    /**
     * {@link #packA}'s strip of a transposed A: step {@code p} of the strip is the {@code rows} adjacent
     * floats from {@code a[src + p·lda]}.
     */
    private static void packStripT(float[] a, int src, int lda, int rows, int kc, float alpha, float[] dst, int base) {
        int grouped = grouped(kc);
        // Two steps (two rows of A) per pass, row by row: 50 µs for a 786×128 strip set where one step per
        // pass with six stores took 76 µs (one thread, JDK 17 and 25 alike).
        for (int p = 0, g = base; p < grouped; p += L, g += MR * L) {
            for (int u = 0; u < L; u += 2, src += 2 * lda) {
                int next = src + lda;
                if (rows == MR) {
                    for (int r = 0; r < MR; r++) {
                        dst[g + r * L + u] = alpha * a[src + r];
                        dst[g + r * L + u + 1] = alpha * a[next + r];
                    }
                } else {
                    for (int r = 0; r < MR; r++) {
                        dst[g + r * L + u] = r < rows ? alpha * a[src + r] : 0f;
                        dst[g + r * L + u + 1] = r < rows ? alpha * a[next + r] : 0f;
                    }
                }
            }
        }
        for (int p = grouped, d = base + grouped * MR; p < kc; p++, src += lda, d += MR) {
            for (int r = 0; r < MR; r++) {
                dst[d + r] = r < rows ? alpha * a[src + r] : 0f;
            }
        }
    }

    /**
     * The small-product path for a few rows of C (a single sample at inference): no packing and no
     * 6-row tile of which 5 rows would be wasted. Each row of C is built 4 vectors of columns at a
     * time, streaming the rows of B once per block: {@code C[i, j..j+4L) = beta·C + alpha·Σ_p A[i,p]·B[p, j..j+4L)}.
     */
    private static void rowsTimesMatrix(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int i = 0;
        if (n % (4 * L) == 0) {
            // Two rows at a time share each load of B (the loop is bound by loads, not FMAs).
            for (; i + 1 < m; i += 2) {
                twoRowsTimesMatrix(n, k, alpha, a, aOff + i * lda, lda, b, bOff, ldb, beta, c, cOff + i * ldc, ldc);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0; p < k; p++) {
                    FloatVector av = FloatVector.broadcast(S, a[ai + p]);
                    int bi = bOff + p * ldb + j;
                    s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                store(s0, alpha, beta, c, ci + j);
                store(s1, alpha, beta, c, ci + j + L);
                store(s2, alpha, beta, c, ci + j + 2 * L);
                store(s3, alpha, beta, c, ci + j + 3 * L);
            }
            for (; j + L <= n; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = FloatVector.broadcast(S, a[ai + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                store(s0, alpha, beta, c, ci + j);
            }
            for (; j < n; j++) {
                float s0 = 0f;
                for (int p = 0; p < k; p++) {
                    s0 += a[ai + p] * b[bOff + p * ldb + j];
                }
                float v = alpha * s0;
                c[ci + j] = beta == 0f ? v : v + beta * c[ci + j];
            }
        }
    }

    /** Rows {@code ai} and {@code ai + lda} of A times B into two rows of C, for {@code n} a multiple of 4 vectors. */
    private static void twoRowsTimesMatrix(int n, int k, float alpha, float[] a, int ai, int lda,
                                           float[] b, int bOff, int ldb, float beta, float[] c, int ci, int ldc) {
        int ai1 = ai + lda;
        int ci1 = ci + ldc;
        for (int j = 0; j < n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            FloatVector t0 = s0;
            FloatVector t1 = s0;
            FloatVector t2 = s0;
            FloatVector t3 = s0;
            for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector av = FloatVector.broadcast(S, a[ai + p]);
                s0 = av.fma(b0, s0);
                s1 = av.fma(b1, s1);
                s2 = av.fma(b2, s2);
                s3 = av.fma(b3, s3);
                av = FloatVector.broadcast(S, a[ai1 + p]);
                t0 = av.fma(b0, t0);
                t1 = av.fma(b1, t1);
                t2 = av.fma(b2, t2);
                t3 = av.fma(b3, t3);
            }
            store(s0, alpha, beta, c, ci + j);
            store(s1, alpha, beta, c, ci + j + L);
            store(s2, alpha, beta, c, ci + j + 2 * L);
            store(s3, alpha, beta, c, ci + j + 3 * L);
            store(t0, alpha, beta, c, ci1 + j);
            store(t1, alpha, beta, c, ci1 + j + L);
            store(t2, alpha, beta, c, ci1 + j + 2 * L);
            store(t3, alpha, beta, c, ci1 + j + 3 * L);
        }
    }

    /** {@code C[co..co+L) = alpha·s + beta·C} (C ignored when beta is 0). */
    private static void store(FloatVector s, float alpha, float beta, float[] c, int co) {
        FloatVector v = alpha == 1f ? s : s.mul(alpha);
        if (beta != 0f) {
            v = FloatVector.fromArray(S, c, co).mul(beta).add(v);
        }
        v.intoArray(c, co);
    }

    /**
     * {@code C = beta·C + tile} for the top-left {@code mr × nr} corner of a 6×NR tile ({@code beta == 0}
     * ignores C). Full tiles take whole vectors; partial ones one element at a time.
     */
    private static void merge(float[] tile, int mr, int nr, float[] c, int co, int ldc, float beta) {
        if (mr == MR && nr == NR) {
            // One straight loop per case: a vector merged from branches (a phi) could be boxed by C2.
            if (beta == 0f) {
                for (int r = PAD, row = co; r < PAD + MR * NR; r += NR, row += ldc) {
                    FloatVector.fromArray(S, tile, r).intoArray(c, row);
                    FloatVector.fromArray(S, tile, r + L).intoArray(c, row + L);
                }
            } else if (beta == 1f) {
                for (int r = PAD, row = co; r < PAD + MR * NR; r += NR, row += ldc) {
                    FloatVector.fromArray(S, c, row).add(FloatVector.fromArray(S, tile, r)).intoArray(c, row);
                    FloatVector.fromArray(S, c, row + L).add(FloatVector.fromArray(S, tile, r + L)).intoArray(c, row + L);
                }
            } else {
                for (int r = PAD, row = co; r < PAD + MR * NR; r += NR, row += ldc) {
                    FloatVector.fromArray(S, c, row).mul(beta).add(FloatVector.fromArray(S, tile, r)).intoArray(c, row);
                    FloatVector.fromArray(S, c, row + L).mul(beta).add(FloatVector.fromArray(S, tile, r + L))
                            .intoArray(c, row + L);
                }
            }
            return;
        }
        for (int r = 0; r < mr; r++) {
            int row = co + r * ldc;
            int t = PAD + r * NR;
            if (beta == 0f) {
                System.arraycopy(tile, t, c, row, nr);
            } else if (beta == 1f) {
                for (int j = 0; j < nr; j++) {
                    c[row + j] += tile[t + j];
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    c[row + j] = beta * c[row + j] + tile[t + j];
                }
            }
        }
    }

    /**
     * The micro-kernel: {@code tile[6×NR] = Σ_p A[p, 0..6) ⊗ B[p, 0..NR)} over a packed strip of A (see
     * {@link #packA}: whole groups of {@code L} steps, each row's {@code L} values side by side, then the
     * last {@code kc mod L} steps six floats each) and a {@code kc×NR} strip of B whose rows are
     * {@code ldbp} apart; {@link #merge} then adds the tile to C. Inside a group, step {@code u} of row
     * {@code r} is at the constant offset {@code r·L + u} from one index that moves once per group.
     * With six floats per step instead (one index moving by 6 every step, the first step peeled), C2
     * compiled the loop well in some JVMs and not in others: one thread, operands in L1, 53–97 GFLOP/s
     * across fresh JDK 17 JVMs and 40–43 on JDK 25; this form 92–96 on both (FMA ceiling of one core ≈ 100).
     * Writing to a scratch tile at constant offsets (not to six rows of C with beta) keeps the loop to 15
     * vector registers and a few general ones. Kept small on purpose: if C2's inlining budget runs out
     * inside it, vectors get boxed.
     */
    private static void micro(int kc, float[] ap, int ao, float[] bp, int bo, int ldbp, float[] tile) {
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
        int ai = ao;
        int bi = bo;
        for (int end = ao + grouped(kc) * MR; ai < end; ai += MR * L) {
            for (int u = 0; u < L; u++, bi += ldbp) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        for (int end = ao + kc * MR; ai < end; ai += MR, bi += ldbp) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, PAD);
        c01.intoArray(tile, PAD + L);
        c10.intoArray(tile, PAD + NR);
        c11.intoArray(tile, PAD + NR + L);
        c20.intoArray(tile, PAD + 2 * NR);
        c21.intoArray(tile, PAD + 2 * NR + L);
        c30.intoArray(tile, PAD + 3 * NR);
        c31.intoArray(tile, PAD + 3 * NR + L);
        c40.intoArray(tile, PAD + 4 * NR);
        c41.intoArray(tile, PAD + 4 * NR + L);
        c50.intoArray(tile, PAD + 5 * NR);
        c51.intoArray(tile, PAD + 5 * NR + L);
    }

    /**
     * A last strip of fewer than six rows (32 rows = five strips and two rows; 128 = 21 and two): the
     * first {@code mr} rows of a packed strip (still laid out for six rows) through a kernel of two or four
     * rows, so the padding rows cost no FMAs. Each element is the same sum in the same order as in
     * {@link #micro}, so the bits do not change; five rows take {@link #micro}. The two kernels repeat
     * {@link #micro}'s shape on purpose: a row count tested inside the k loop would add branches there, and
     * C2 can leave vectors merged from branches boxed (see {@link #merge}).
     */
    private static void microTail(int mr, int kc, float[] ap, int ao, float[] bp, int bo, int ldbp, float[] tile) {
        if (mr <= 2) {
            micro2(kc, ap, ao, bp, bo, ldbp, tile);
        } else if (mr <= 4) {
            micro4(kc, ap, ao, bp, bo, ldbp, tile);
        } else {
            micro(kc, ap, ao, bp, bo, ldbp, tile);
        }
    }

    /** {@link #micro} for the first two rows of a packed strip (rows 2 to 5 of the tile are left as they were). */
    private static void micro2(int kc, float[] ap, int ao, float[] bp, int bo, int ldbp, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        int ai = ao;
        int bi = bo;
        for (int end = ao + grouped(kc) * MR; ai < end; ai += MR * L) {
            for (int u = 0; u < L; u++, bi += ldbp) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
            }
        }
        for (int end = ao + kc * MR; ai < end; ai += MR, bi += ldbp) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
        }
        c00.intoArray(tile, PAD);
        c01.intoArray(tile, PAD + L);
        c10.intoArray(tile, PAD + NR);
        c11.intoArray(tile, PAD + NR + L);
    }

    /** {@link #micro} for the first four rows of a packed strip (rows 4 and 5 of the tile are left as they were). */
    private static void micro4(int kc, float[] ap, int ao, float[] bp, int bo, int ldbp, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int ai = ao;
        int bi = bo;
        for (int end = ao + grouped(kc) * MR; ai < end; ai += MR * L) {
            for (int u = 0; u < L; u++, bi += ldbp) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
            }
        }
        for (int end = ao + kc * MR; ai < end; ai += MR, bi += ldbp) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(tile, PAD);
        c01.intoArray(tile, PAD + L);
        c10.intoArray(tile, PAD + NR);
        c11.intoArray(tile, PAD + NR + L);
        c20.intoArray(tile, PAD + 2 * NR);
        c21.intoArray(tile, PAD + 2 * NR + L);
        c30.intoArray(tile, PAD + 3 * NR);
        c31.intoArray(tile, PAD + 3 * NR + L);
    }

    /**
     * {@link #micro} reading a transposed A in place: the strip's six rows are six adjacent columns of
     * A, so step {@code p} reads {@code a[ao + p·lda .. + 5]}; the products and their order are the
     * packed kernel's, so the results are bit for bit the same. A copy of {@link #micro} on purpose:
     * {@link #micro} taking its strip's stride as an argument ran 10 % slower on 1000×300×784 (same-JVM
     * A/B, one and two threads), as the packed stride {@code 6} then becomes a register.
     */
    private static void microAT(int kc, float[] a, int ao, int lda, float[] bp, int bo, int ldbp, float[] tile) {
        // The first step is peeled so that every accumulator starts from its own value: when all twelve
        // loop phis began at one shared zero, C2 copied registers and spilled inside the loop (-30 %).
        FloatVector zero = FloatVector.zero(S);
        FloatVector b0 = FloatVector.fromArray(S, bp, bo);
        FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
        FloatVector av = FloatVector.broadcast(S, a[ao]);
        FloatVector c00 = av.fma(b0, zero);
        FloatVector c01 = av.fma(b1, zero);
        av = FloatVector.broadcast(S, a[ao + 1]);
        FloatVector c10 = av.fma(b0, zero);
        FloatVector c11 = av.fma(b1, zero);
        av = FloatVector.broadcast(S, a[ao + 2]);
        FloatVector c20 = av.fma(b0, zero);
        FloatVector c21 = av.fma(b1, zero);
        av = FloatVector.broadcast(S, a[ao + 3]);
        FloatVector c30 = av.fma(b0, zero);
        FloatVector c31 = av.fma(b1, zero);
        av = FloatVector.broadcast(S, a[ao + 4]);
        FloatVector c40 = av.fma(b0, zero);
        FloatVector c41 = av.fma(b1, zero);
        av = FloatVector.broadcast(S, a[ao + 5]);
        FloatVector c50 = av.fma(b0, zero);
        FloatVector c51 = av.fma(b1, zero);
        // Running indices rather than p·MR and p·ldbp: C2 then keeps the loop to the loads, the
        // FMAs and two adds (about 15 % faster in L1 than multiplying the index each step).
        for (int ai = ao + lda, bi = bo + ldbp, end = ao + kc * lda; ai < end; ai += lda, bi += ldbp) {
            b0 = FloatVector.fromArray(S, bp, bi);
            b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, PAD);
        c01.intoArray(tile, PAD + L);
        c10.intoArray(tile, PAD + NR);
        c11.intoArray(tile, PAD + NR + L);
        c20.intoArray(tile, PAD + 2 * NR);
        c21.intoArray(tile, PAD + 2 * NR + L);
        c30.intoArray(tile, PAD + 3 * NR);
        c31.intoArray(tile, PAD + 3 * NR + L);
        c40.intoArray(tile, PAD + 4 * NR);
        c41.intoArray(tile, PAD + 4 * NR + L);
        c50.intoArray(tile, PAD + 5 * NR);
        c51.intoArray(tile, PAD + 5 * NR + L);
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
