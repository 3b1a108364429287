package dev.airfoil.tensor.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one shared pool of daemon threads behind the fast kernels, and the logic that splits
 * {@code C} into independent blocks for it. The calling thread always computes blocks itself, so
 * using {@code p} threads wakes only {@code p - 1} workers.
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

    /** Blocks handed out per thread, so that a late or slow thread costs little. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Smallest block extent worth re-packing the shared operand for. */
    static final int MIN_CHUNK = 256;

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
     * Runs {@code body} over disjoint blocks covering {@code m×n} on up to {@code parts} threads,
     * splitting the dimension with more tiles (row tiles of {@code rowAlign}, column tiles of
     * {@code colAlign}). The blocks are handed out dynamically, a few per thread, and the caller
     * only waits for blocks that are already running: when a worker is slow to wake (a busy
     * machine), the caller simply computes more blocks itself.
     */
    static void forBlocks(int m, int n, int rowAlign, int colAlign, int parts, Block body) {
        int tilesM = (m + rowAlign - 1) / rowAlign;
        int tilesN = (n + colAlign - 1) / colAlign;
        boolean splitCols = tilesN >= tilesM;
        int tiles = splitCols ? tilesN : tilesM;
        int threads = Math.min(parts, tiles);
        if (threads <= 1) {
            body.run(0, m, 0, n);
            return;
        }
        int align = splitCols ? colAlign : rowAlign;
        int extent = splitCols ? n : m;
        // Every block re-packs the operand it shares with the others, so blocks stay >= MIN_CHUNK wide.
        int chunks = Math.min(tiles, Math.min(threads * CHUNKS_PER_THREAD, Math.max(threads, extent / MIN_CHUNK)));
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            for (int t = next.getAndIncrement(); t < chunks; t = next.getAndIncrement()) {
                int lo = Math.min(extent, (int) ((long) tiles * t / chunks) * align);
                int hi = t == chunks - 1 ? extent : Math.min(extent, (int) ((long) tiles * (t + 1) / chunks) * align);
                try {
                    if (failure.get() == null && lo < hi) {
                        if (splitCols) {
                            body.run(0, m, lo, hi);
                        } else {
                            body.run(lo, hi, 0, n);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        ExecutorService ex = pool();
        for (int w = 1; w < threads; w++) {
            ex.execute(loop);
        }
        loop.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException("GEMM worker failed", f);
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
