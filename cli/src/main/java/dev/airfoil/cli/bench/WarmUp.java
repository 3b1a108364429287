package dev.airfoil.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The benchmarks' warm-up: runs a workload again and again for at least a minimum time and then until
 * the JIT compilers have gone quiet, so that the timed repeats measure the steady state the peers are
 * measured in (Keras+JAX after its XLA compilation, PyTorch eagerly). On this project's 2-vCPU VM the C2
 * compiler still took 0.8 s of CPU per second 5 s into an MLP training run, half of the core the GEMM
 * worker runs on, and went quiet after 8–10 s; a run timed at 4–7 s measured the JIT as much as Airfoil.
 *
 * <p>System properties: {@code airfoil.bench.warmupSeconds} (minimum, default 4),
 * {@code airfoil.bench.maxWarmupSeconds} (maximum, default 30; the repeats then start even if the
 * compilers are still busy, and the result says so).
 */
final class WarmUp {
    /** Minimum warm-up. */
    static final long MIN_NANOS = seconds("airfoil.bench.warmupSeconds", 4);
    /** Maximum warm-up. */
    static final long MAX_NANOS = Math.max(MIN_NANOS, seconds("airfoil.bench.maxWarmupSeconds", 30));
    /** The compilers count as quiet once they have compiled for at most this long per second of the last second. */
    static final long QUIET_MILLIS_PER_SECOND = 20;

    /** How a warm-up ended: its length, and whether the compilers were quiet (false: the maximum cut it short, or the JVM cannot tell). */
    record Outcome(double seconds, boolean jitQuiet) {
    }

    private WarmUp() {
    }

    /** Runs {@code round} until both the minimum time has passed and the compilers are quiet, or the maximum time has. */
    static Outcome run(Runnable round) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        Quiet quiet = new Quiet();
        while (true) {
            round.run();
            long now = System.nanoTime();
            boolean calm = measurable && quiet.record(now, jit.getTotalCompilationTime());
            if (now - start >= MIN_NANOS && (calm || !measurable) || now - start >= MAX_NANOS) {
                return new Outcome((now - start) / 1e9, calm);
            }
        }
    }

    /**
     * Whether the compilers have been quiet over the last second, from samples of their accumulated
     * compilation time: true once samples span at least a second and the time compiled since the
     * newest sample at least a second old is at most {@link #QUIET_MILLIS_PER_SECOND} per second.
     */
    static final class Quiet {
        private long[] nanos = new long[64];
        private long[] millis = new long[64];
        private int count;

        /** Adds a sample (wall-clock nanoseconds, accumulated compilation milliseconds) and says whether the compilers are quiet. */
        boolean record(long nowNanos, long compileMillis) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, 2 * count);
                millis = Arrays.copyOf(millis, 2 * count);
            }
            nanos[count] = nowNanos;
            millis[count] = compileMillis;
            count++;
            int base = -1;
            for (int i = count - 1; i >= 0; i--) {
                if (nowNanos - nanos[i] >= 1_000_000_000L) {
                    base = i;
                    break;
                }
            }
            if (base < 0) {
                return false;
            }
            double seconds = (nowNanos - nanos[base]) / 1e9;
            return compileMillis - millis[base] <= QUIET_MILLIS_PER_SECOND * seconds;
        }
    }

    private static long seconds(String property, double defaultSeconds) {
        return (long) (Double.parseDouble(System.getProperty(property, Double.toString(defaultSeconds))) * 1e9);
    }
}
