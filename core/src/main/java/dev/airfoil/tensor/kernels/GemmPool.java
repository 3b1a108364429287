package dev.airfoil.tensor.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one shared pool of daemon threads behind the fast kernels, and the logic that splits
 * {@code C} into independent blocks for it. The calling thread always computes one block itself,
 * so a split into {@code p} parts wakes only {@code p - 1} workers.
 *
 * <p>System properties: {@code airfoil.kernels.threads} (default: available processors) and
 * {@code airfoil.kernels.minWork} (multiply-adds per thread below which no thread is woken).
 */
final class GemmPool {
    /** Threads a GEMM may use, the caller included. */
    static final int THREADS = Math.max(1, Integer.getInteger("airfoil.kernels.threads",
            Runtime.getRuntime().availableProcessors()));
    /** Default minimum multiply-adds per thread. */
    static final long MIN_WORK = Long.getLong("airfoil.kernels.minWork", 1L << 20);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile ExecutorService pool;

    /** A body that computes the block {@code rows [i0, i1) × columns [j0, j1)} of C. */
    @FunctionalInterface
    interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    private GemmPool() {
    }

    /** How many parts a problem of {@code m·n·k} multiply-adds should be split into. */
    static int parts(int m, int n, int k, long minWork) {
        if (THREADS == 1 || Thread.currentThread() instanceof Worker) {
            return 1;
        }
        long work = (long) m * n * k;
        return (int) Math.max(1, Math.min(THREADS, work / Math.max(1, minWork)));
    }

    /**
     * Runs {@code body} over {@code parts} disjoint blocks covering {@code m×n}, splitting the
     * dimension with more tiles (row tiles of {@code rowAlign}, column tiles of {@code colAlign}).
     */
    static void forBlocks(int m, int n, int rowAlign, int colAlign, int parts, Block body) {
        int tilesM = (m + rowAlign - 1) / rowAlign;
        int tilesN = (n + colAlign - 1) / colAlign;
        boolean splitCols = tilesN >= tilesM;
        int tiles = splitCols ? tilesN : tilesM;
        int p = Math.min(parts, tiles);
        if (p <= 1) {
            body.run(0, m, 0, n);
            return;
        }
        int align = splitCols ? colAlign : rowAlign;
        int extent = splitCols ? n : m;
        ExecutorService ex = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[p - 1];
        for (int t = 1; t < p; t++) {
            int lo = Math.min(extent, (int) ((long) tiles * t / p) * align);
            int hi = t == p - 1 ? extent : Math.min(extent, (int) ((long) tiles * (t + 1) / p) * align);
            futures[t - 1] = splitCols
                    ? ex.submit(() -> body.run(0, m, lo, hi))
                    : ex.submit(() -> body.run(lo, hi, 0, n));
        }
        int hi0 = Math.min(extent, (int) ((long) tiles / p) * align);
        Throwable failure = null;
        try {
            if (splitCols) {
                body.run(0, m, 0, hi0);
            } else {
                body.run(0, hi0, 0, n);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException("GEMM worker failed", failure);
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (GemmPool.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newFixedThreadPool(THREADS - 1, Worker::new);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** A daemon worker; GEMMs called from a worker never split again. */
    private static final class Worker extends Thread {
        Worker(Runnable r) {
            super(r, "airfoil-gemm-" + COUNTER.incrementAndGet());
            setDaemon(true);
        }
    }
}
