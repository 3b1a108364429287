package dev.airfoil.tensor.kernels;

/**
 * Data-parallel loops on the same threads as the fast GEMMs ({@code airfoil.kernels.threads},
 * default: available processors), for work that splits into independent tasks such as the samples
 * of a batch.
 *
 * <p>Inside a task, {@link Kernels#get()} GEMMs run on the calling thread only, so a loop over
 * tasks that each call a GEMM uses every core once instead of nesting thread pools. Tasks are
 * handed out dynamically; the caller works too, so a slow-to-wake worker costs nothing but its
 * share. A loop of one task, or a loop started inside another, runs inline.
 */
public final class Parallel {
    /** Products of fewer multiply-adds are not worth a hand-off to another thread. */
    static final long PAIR_MIN_WORK = 1L << 16;
    private static final boolean SIDE_BY_SIDE = !"false".equals(System.getProperty("airfoil.kernels.sideBySide"));
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    /** A body run once per task index. */
    @FunctionalInterface
    public interface Task {
        /** Runs task {@code index} of the loop. */
        void run(int index);
    }

    private Parallel() {
    }

    /** The threads a loop may use, the caller included. */
    public static int threads() {
        return GemmPool.THREADS;
    }

    /** Whether the current thread is already running a task of a parallel loop (or a GEMM block). */
    static boolean insideLoop() {
        return INSIDE.get()[0];
    }

    /**
     * Runs {@code body} for every index in {@code [0, tasks)}, on up to {@link #threads()} threads;
     * returns when all have finished and rethrows the first failure.
     */
    public static void forEach(int tasks, Task body) {
        if (tasks <= 0) {
            return;
        }
        boolean[] inside = INSIDE.get();
        if (tasks == 1 || inside[0] || GemmPool.THREADS == 1 || GemmPool.onWorker()) {
            for (int t = 0; t < tasks; t++) {
                body.run(t);
            }
            return;
        }
        inside[0] = true;
        try {
            GemmPool.forTasks(tasks, body::run);
        } finally {
            inside[0] = false;
        }
    }

    /**
     * Runs two independent bodies: side by side, one per thread, when {@link #sideBySide} says so for
     * products of {@code workEach} multiply-adds each (GEMMs inside either body then use its thread only);
     * else one after the other on this thread, where each may still split its own products.
     */
    public static void both(long workEach, Runnable first, Runnable second) {
        if (sideBySide(workEach)) {
            forEach(2, t -> (t == 0 ? first : second).run());
        } else {
            first.run();
            second.run();
        }
    }

    /**
     * Whether two independent products of {@code workEach} multiply-adds each should run one per thread
     * at the same time: with two threads or more, outside a parallel loop, when each is worth a hand-off
     * ({@value #PAIR_MIN_WORK} multiply-adds or more) and at most {@code 2 × threads × minWork} (larger
     * products keep every thread busy on their own, and split one after the other they share their
     * operands between threads). A Dense layer's backward pass has such a pair: the input and kernel
     * gradients, of equal work. One after the other, those of the seed MLP's second layer ran on the
     * caller alone at batch 32 (each under minWork) and split in two at batch 128: side by side they took
     * 64 instead of about 100 µs and 96 instead of about 158 µs (instrumented, thirteenth round). System
     * property {@code airfoil.kernels.sideBySide=false} turns this off.
     */
    public static boolean sideBySide(long workEach) {
        return SIDE_BY_SIDE && GemmPool.THREADS > 1 && !insideLoop() && !GemmPool.onWorker()
                && workEach >= PAIR_MIN_WORK && workEach <= 2L * GemmPool.THREADS * GemmPool.MIN_WORK;
    }

    /**
     * Splits {@code [0, n)} into {@code ceil(n / grain)} ranges and runs {@code body(lo, hi)} over
     * them in parallel, as {@link #forEach} does.
     */
    public static void forRanges(int n, int grain, RangeTask body) {
        int g = Math.max(1, grain);
        int tasks = (n + g - 1) / g;
        forEach(tasks, t -> body.run(t * g, Math.min(n, (t + 1) * g)));
    }

    /** A body run over one range {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeTask {
        /** Runs the indices {@code lo} (inclusive) to {@code hi} (exclusive). */
        void run(int lo, int hi);
    }
}
