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
     * The current thread's flag behind {@link #insideLoop}: {@link GemmPool#forTasks} sets it on the
     * caller while the caller runs tasks, so that a loop started by a task (a GEMM's row epilogue)
     * runs inline instead of offering the busy pool a second job.
     */
    static boolean[] insideFlag() {
        return INSIDE.get();
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
     * Runs two independent GEMMs of {@code work} multiply-adds each (a Dense layer's input and kernel
     * gradients): side by side, one per thread, when neither is large enough to be split across threads
     * by itself (under the kernels' {@code minWork}) and each is worth a hand-off (at least an eighth of
     * that); else one after the other, each splitting itself when large. Either way each product runs the
     * same arithmetic, so the results do not depend on the choice. In the MLP at batch 32 the second
     * layer's gradients (960K multiply-adds each, on one thread otherwise) side by side made training
     * steps 7.6–7.9 % faster (same-JVM step pairs, two threads; the 128K floor measured neutral); at
     * batch 128 its 3.8M-sized products gained nothing side by side (1.017, quartiles 0.96–1.08) and
     * split themselves as before.
     */
    public static void both(long work, Runnable first, Runnable second) {
        if (work >= GemmPool.MIN_WORK / 8 && work < GemmPool.MIN_WORK) {
            forEach(2, t -> (t == 0 ? first : second).run());
        } else {
            first.run();
            second.run();
        }
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
