import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Benchmark tool (not part of the library): the float32 FMA throughput this machine gives right now, a
 * register-only loop of twelve independent 8-lane FMA chains per thread (no memory traffic), on 1 and on N
 * threads at once. On a shared VM this ceiling moves with the neighbours (one core 40-84 GFLOP/s within a
 * minute here, 100 at best), so tools/bench/compare.sh measures it next to every framework's run and reports each
 * workload's GFLOP/s against it. Prints one JSON line per thread count:
 * {@code {"framework": "fma-ceiling", "workload": W, "threads": t, "gflops": g}}.
 *
 * <pre>java --add-modules jdk.incubator.vector tools/bench/ceiling/FmaCeiling.java WORKLOAD [THREADS...]</pre>
 */
public final class FmaCeiling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int ITERATIONS = 8_000_000;
    private static volatile float sink;

    private FmaCeiling() {
    }

    public static void main(String[] args) throws InterruptedException {
        String workload = args.length > 0 ? args[0] : "-";
        int[] threads = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2};
        // warm-up until the compiled loop runs: at least 300 ms, then until five calls in a row come within 5 % of
        // the fastest so far. A JVM whose C2 leaves the vectors boxed still reads about 1 GFLOP/s (compare.sh
        // then measures again in a fresh JVM).
        long start = System.nanoTime();
        long fastest = Long.MAX_VALUE;
        for (int steady = 0; steady < 5 || System.nanoTime() - start < 300_000_000L; ) {
            long t0 = System.nanoTime();
            sink += chains(ITERATIONS / 10);
            long took = System.nanoTime() - t0;
            steady = took <= fastest * 1.05 ? steady + 1 : 0;
            fastest = Math.min(fastest, took);
            if (System.nanoTime() - start > 5_000_000_000L) {
                break;
            }
        }
        for (int t : threads) {
            // the best of three short runs: the ceiling, not the average interference
            double best = 0;
            for (int run = 0; run < 3; run++) {
                best = Math.max(best, measure(t));
            }
            System.out.printf(Locale.ROOT, "{\"framework\": \"fma-ceiling\", \"workload\": \"%s\", \"threads\": %d, "
                    + "\"unit\": \"GFLOP/s\", \"gflops\": %.1f}%n", workload, t, best);
        }
    }

    /** GFLOP/s of {@code threads} threads running the loop at once, timed from a common start to the last finish. */
    private static double measure(int threads) throws InterruptedException {
        Thread[] team = new Thread[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            team[i] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sink += chains(ITERATIONS);
            });
            team[i].start();
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : team) {
            t.join();
        }
        long nanos = System.nanoTime() - t0;
        return threads * (double) ITERATIONS * 12 * S.length() * 2 / nanos;
    }

    /** Twelve independent FMA chains (more than latency × pipes), all in registers. */
    private static float chains(int iterations) {
        FloatVector a = FloatVector.broadcast(S, 1.0001f);
        FloatVector b = FloatVector.broadcast(S, 0.9999f);
        FloatVector c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
        for (int i = 0; i < iterations; i++) {
            // the accumulating form a·b + c, as in a GEMM micro-kernel: c·a + b instead ran at two thirds of
            // this (C2 then copies registers) and understated the ceiling
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
