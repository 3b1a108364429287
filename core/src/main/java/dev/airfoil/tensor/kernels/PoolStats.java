package dev.airfoil.tensor.kernels;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Diagnostics of the kernels' thread pool, per call site: how often a parallel job found the worker
 * parked, how long the worker took to join, what share of the tasks it ran, and how long the caller
 * waited for it at the end. On with the system property {@code airfoil.kernels.poolStats=true} (or a
 * number: the jobs to leave out first, such as a warm-up), printed to standard error when the JVM exits;
 * off, the pool does not call it at all. The thirteenth round's measurements of the pool came from it.
 */
final class PoolStats {
    /** The statistics being collected, or null when they are off. */
    static final PoolStats ACTIVE = fromProperty(System.getProperty("airfoil.kernels.poolStats"));

    private final long skip;
    private long seen;
    private final Map<String, long[]> bySite = new HashMap<>();

    PoolStats(long skip) {
        this.skip = skip;
    }

    /** Statistics per the property's value ({@code true}, or the jobs to leave out first), null when off. */
    static PoolStats fromProperty(String value) {
        if (value == null || value.isEmpty() || "false".equals(value)) {
            return null;
        }
        long skip = "true".equals(value) ? 0 : Long.parseLong(value.trim());
        PoolStats stats = new PoolStats(skip);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stats.print(System.err)));
        return stats;
    }

    /**
     * One finished job: its call site (the first frame outside this package; looked up only for jobs
     * counted), whether the (first) worker
     * was parked when offered it, its task counts and the times (System.nanoTime) it was offered, the worker
     * ran its first task (0: never), the caller ran out of tasks, and the last task ended.
     */
    synchronized void record(Supplier<String> site, boolean parked, int tasks, int workerTasks, long offered,
                             long workerStart, long callerDone, long end) {
        if (++seen <= skip) {
            return;
        }
        long[] a = bySite.computeIfAbsent((parked ? "parked   " : "spinning ") + site.get(), k -> new long[7]);
        a[0]++;
        a[1] += (workerStart == 0 ? end : workerStart) - offered;
        a[2] += workerTasks;
        a[3] += tasks;
        a[4] += end - offered;
        a[5] += end - callerDone;
        a[6] += workerStart == 0 ? 1 : 0;
    }

    /** The first stack frame outside this package, as {@code Class.method:line}. */
    static String callSite() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith(PoolStats.class.getPackageName() + ".")) {
                return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber();
            }
        }
        return "?";
    }

    /**
     * One line per worker state (parked or spinning when offered the job) and call site: jobs; mean µs from
     * the offer to the worker's first task (to the job's end when it never joined); the worker's share of
     * the tasks; mean µs per job; mean µs the caller waited for the worker's last task; jobs the worker
     * never joined.
     */
    synchronized void print(PrintStream out) {
        out.printf("airfoil pool: %d jobs (%d left out)%n", seen, Math.min(seen, skip));
        out.printf("  %-55s %7s %8s %6s %8s %8s %7s%n", "worker / call site", "jobs", "join µs", "share", "job µs",
                "wait µs", "missed");
        for (Map.Entry<String, long[]> e : new TreeMap<>(bySite).entrySet()) {
            long[] a = e.getValue();
            out.printf("  %-55s %7d %8.1f %6.2f %8.1f %8.1f %7d%n", e.getKey(), a[0], a[1] / 1e3 / a[0],
                    a[2] / (double) a[3], a[4] / 1e3 / a[0], a[5] / 1e3 / a[0], a[6]);
        }
    }
}
