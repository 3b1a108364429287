package dev.airfoil.tensor.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one shared pool of daemon threads behind the fast kernels, and the logic that splits
 * {@code C} into independent blocks for it. The calling thread always computes blocks itself, so
 * using {@code p} threads wakes only {@code p - 1} workers.
 *
 * <p>System properties: {@code airfoil.kernels.threads} (default: available processors),
 * {@code airfoil.kernels.minWork} (multiply-adds per thread below which no thread is woken),
 * {@code airfoil.kernels.spinMicros} and {@code airfoil.kernels.yieldMicros} (how long an idle worker
 * stays awake, spinning and then yielding) and
 * {@code airfoil.kernels.poolStats} (per call site diagnostics, see {@link PoolStats}).
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
    /**
     * How long an idle worker spins before parking ({@code airfoil.kernels.spinMicros}, default 200 µs):
     * the serial parts of a training step (loss, element-wise layers, autodiff bookkeeping) often last
     * longer than 50 µs, and a parked worker then joined the next GEMM late (the caller spent 20 % of an
     * MLP step waiting). Longer spins take a core from the JIT and GC threads: the demo's training
     * (a fresh JVM, 1,250 steps) took 2.7–2.8 s at 200 µs, 3.1–3.3 s at 50 µs and 3.7–4.8 s at 1 ms;
     * MLP batch 128 (alternating runs) 51.6K/s at 50 µs, 45.8K vs 37.3K/s at 200 µs vs 1 ms in another round.
     */
    static final long SPIN_NANOS = 1000L * Long.getLong("airfoil.kernels.spinMicros", 200);
    /**
     * How long an idle worker goes on polling after its spin, yielding its core between polls
     * ({@code airfoil.kernels.yieldMicros}, default 800 µs; 0 parks right after the spin). A batch-32 MLP
     * step has a serial stretch of 100–500 µs between its first layer's forward and gradient products (the
     * smaller layers, the loss): a worker parked after 200 µs at 40 % of the jobs and then took 60–450 µs to
     * wake. Yielding, it stays awake without taking a core from a runnable compiler or collector thread
     * (the demo's training in fresh JVMs: medians 3.2 s with, 3.3 s without, six alternating pairs); only
     * while {@link Worker#yields} finds recent jobs close together. Alternating fresh-JVM pairs against 0:
     * MLP training batch 32 ahead in 7 of 8 (median 1.06; 8 of 8, 1.34, before that rule), batch 128 5 of
     * 6 (1.13), batch-1000 inference 7 of 12, convnet training 4 of 5.
     */
    static final long YIELD_NANOS = 1000L * Long.getLong("airfoil.kernels.yieldMicros", 800);
    /** Idle periods a worker remembers to decide whether yielding pays (the last eight). */
    private static final int GAP_HISTORY_MASK = 0xff;
    /** Of those, how many must have ended with a job within the spin and yield time for the worker to yield rather than park. */
    private static final int GAP_HISTORY_NEEDED = 4;
    private static volatile Worker[] team;

    /** A body that computes the block {@code rows [i0, i1) × columns [j0, j1)} of C. */
    @FunctionalInterface
    interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    private GemmPool() {
    }

    /** How many parts a problem of {@code m·n·k} multiply-adds should be split into. */
    static int parts(int m, int n, int k, long minWork) {
        return parts((long) m * n * k, minWork);
    }

    /** As above for {@code work} multiply-adds in all. */
    static int parts(long work, long minWork) {
        if (THREADS == 1 || onWorker() || Parallel.insideLoop()) {
            return 1;
        }
        return (int) Math.max(1, Math.min(THREADS, work / Math.max(1, minWork)));
    }

    /**
     * Runs {@code body} over disjoint blocks covering {@code m×n} on up to {@code parts} threads,
     * splitting the dimension with more tiles (row tiles of {@code rowAlign}, column tiles of
     * {@code colAlign}). The blocks are handed out dynamically, a few per thread (see {@link #forTasks}).
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
        // Every block re-packs the operand it shares with the others, so blocks stay >= MIN_CHUNK wide;
        // and every thread gets the same number of blocks (3 blocks on 2 threads would leave one idle a third of the time).
        int perThread = Math.max(1, Math.min(CHUNKS_PER_THREAD, extent / (MIN_CHUNK * threads)));
        int chunks = Math.min(tiles, threads * perThread);
        forTasks(chunks, threads, t -> {
            int lo = Math.min(extent, (int) ((long) tiles * t / chunks) * align);
            int hi = t == chunks - 1 ? extent : Math.min(extent, (int) ((long) tiles * (t + 1) / chunks) * align);
            if (lo < hi) {
                if (splitCols) {
                    body.run(0, m, lo, hi);
                } else {
                    body.run(lo, hi, 0, n);
                }
            }
        });
    }

    /** {@link #forTasks(int, int, IntConsumer)} on every thread of the pool. */
    static void forTasks(int tasks, IntConsumer body) {
        forTasks(tasks, THREADS, body);
    }

    /**
     * Runs {@code body} for every task index in {@code [0, tasks)} on up to {@code threads} threads.
     * The caller computes tasks itself and only waits for tasks that are already running: when a
     * worker is slow to wake (a busy machine), the caller simply takes more. The first failure is
     * rethrown once every started task has ended; later tasks are skipped.
     */
    static void forTasks(int tasks, int threads, IntConsumer body) {
        int workers = Math.min(threads, tasks) - 1;
        if (workers <= 0) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        Job job = new Job(tasks, body);
        Worker[] team = team();
        PoolStats stats = PoolStats.ACTIVE;
        boolean parked = stats != null && team[0].parked;
        long offeredAt = stats != null ? System.nanoTime() : 0;
        for (int w = 0, offered = 0; w < team.length && offered < workers; w++) {
            if (team[w].offer(job)) {
                offered++;
            }
        }
        boolean[] inside = Parallel.insideFlag();
        boolean wasInside = inside[0];
        inside[0] = true;
        int callerTasks;
        try {
            callerTasks = job.work();
        } finally {
            inside[0] = wasInside;
        }
        long callerDone = stats != null ? System.nanoTime() : 0;
        job.awaitFinished();
        if (stats != null) {
            stats.record(PoolStats::callSite, parked, tasks, tasks - callerTasks, offeredAt, job.workerStart,
                    callerDone, System.nanoTime());
        }
        Throwable f = job.failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException("parallel task failed", f);
        }
    }

    /** One parallel loop: tasks handed out by a counter to whichever thread asks first (package-private for tests). */
    static final class Job {
        final int tasks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        /** For {@link PoolStats} only: when a worker began its first task of this job (0: none did). */
        volatile long workerStart;
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
        }

        /** Whether every task has been taken by some thread (not necessarily finished). */
        boolean allTaken() {
            return next.get() >= tasks;
        }

        /** Takes and runs tasks until none is left; returns how many this thread ran. */
        int work() {
            int ran = 0;
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement(), ran++) {
                if (PoolStats.ACTIVE != null && workerStart == 0 && onWorker()) {
                    workerStart = System.nanoTime();
                }
                try {
                    if (failure.get() == null) {
                        body.accept(t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.incrementAndGet();
                }
            }
            return ran;
        }

        /** Waits until every task has finished (all were taken once the caller's {@link #work} returned). */
        void awaitFinished() {
            int spins = 0;
            while (finished.get() < tasks) {
                if (++spins < 1 << 14) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /** Whether the current thread is one of the pool's workers. */
    static boolean onWorker() {
        return Thread.currentThread() instanceof Worker;
    }

    private static Worker[] team() {
        Worker[] t = team;
        if (t == null) {
            synchronized (GemmPool.class) {
                t = team;
                if (t == null) {
                    t = new Worker[THREADS - 1];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = new Worker();
                        t[i].start();
                    }
                    team = t;
                }
            }
        }
        return t;
    }

    /**
     * A daemon worker; GEMMs called from a worker never split again. After a job it spins for
     * {@link #SPIN_NANOS} before parking, so that the back-to-back GEMMs of a training step find it
     * awake. Waking a parked worker took 60–450 µs on this project's 2-vCPU VM (instrumented, thirteenth
     * round), as long as the product it was woken for, which the caller then ran nearly alone. Spinning
     * longer made short runs slower (the demo's training 2.3–2.6 s at 200 µs, 2.6–3.2 s at 2 ms, 3.0–3.1 s
     * at 5 ms: a spinning worker takes a core from the JIT compiler threads), and spinning longer only
     * while the compiler was nearly idle parked the worker as often (the compiler stays busy through a
     * short benchmark run).
     */
    static final class Worker extends Thread {
        /** The job offered and not yet picked up (package-private for tests). */
        final AtomicReference<Job> pending = new AtomicReference<>();
        private volatile boolean parked;

        Worker() {
            super("airfoil-gemm-" + COUNTER.incrementAndGet());
            setDaemon(true);
        }

        /**
         * Hands {@code job} to this worker unless it already has one waiting with tasks left. A waiting job
         * whose tasks were all taken (its caller ran them while this worker was still waking up) is
         * replaced: kept, it made the worker, once awake, pick up that finished job and miss the next one.
         */
        boolean offer(Job job) {
            Job waiting = pending.get();
            if (waiting != null && !waiting.allTaken() || !pending.compareAndSet(waiting, job)) {
                return false;
            }
            if (parked) {
                LockSupport.unpark(this);
            }
            return true;
        }

        /**
         * The history of idle periods after one more, one bit per period (newest lowest, the last
         * eight kept): whether its job came within the spin and yield time.
         */
        static int remember(int history, boolean caught) {
            return (history << 1 | (caught ? 1 : 0)) & GAP_HISTORY_MASK;
        }

        /**
         * Whether a worker with this history yields after its spin rather than parking: only when at least
         * half its recent idle periods were that short. Where jobs come milliseconds apart (the convnet's
         * three per step), a yielding worker keeps its core looking busy for nothing (perhaps threads that
         * wake up then land on the caller's core instead; not measured): convnet training ahead in 2 of 7
         * fresh-JVM pairs, median 0.89, when every worker yielded; 4 of 5, 1.11, with this rule.
         */
        static boolean yields(int history) {
            return Integer.bitCount(history) >= GAP_HISTORY_NEEDED;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            long jobEnd = idleSince;
            int shortGaps = 0;
            while (true) {
                Job job = pending.getAndSet(null);
                long now = System.nanoTime();
                if (job != null) {
                    shortGaps = remember(shortGaps, now - jobEnd < SPIN_NANOS + YIELD_NANOS);
                    job.work();
                    jobEnd = System.nanoTime();
                    idleSince = jobEnd;
                } else if (now - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (yields(shortGaps) && now - idleSince < SPIN_NANOS + YIELD_NANOS) {
                    Thread.yield();
                } else {
                    parked = true;
                    if (pending.get() == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
