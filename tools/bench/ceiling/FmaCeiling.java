import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntToDoubleFunction;
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
 * <p>Then the same for a loop of the GEMM micro-kernel's shape with its operands in L1 ({@link #kernelShape}:
 * per step two rows of B and six broadcast floats of A feed the twelve chains, 34 instructions per 12
 * FMAs against 15 in the register-only loop, on JDK 17), as {@code "framework": "gemm-shape-ceiling"}. The two part
 * when the VM's core is shared: for minutes at a time the register-only loop keeps its 100 GFLOP/s on one
 * thread while the kernel-shaped loop, and every GEMM, falls to 55-65 (nineteenth round, docs/performance-log.md). A
 * run whose shape ceiling is far below its FMA ceiling ran in such a period.
 *
 * <pre>java --add-modules jdk.incubator.vector tools/bench/ceiling/FmaCeiling.java WORKLOAD [THREADS...]</pre>
 */
public final class FmaCeiling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int ITERATIONS = 8_000_000;
    private static volatile float sink;
    /** Steps of {@link #kernelShape}'s strips: 6x64 floats of A and 64x16 of B, 5.6 KB, stay in L1. */
    private static final int STEPS = 64;
    private static final float[] A_STRIP = filled(6 * STEPS);
    private static final float[] B_PANEL = filled(16 * STEPS);

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
            sink += kernelShape(ITERATIONS / 10);
            long took = System.nanoTime() - t0;
            steady = took <= fastest * 1.05 ? steady + 1 : 0;
            fastest = Math.min(fastest, took);
            if (System.nanoTime() - start > 5_000_000_000L) {
                break;
            }
        }
        report("fma-ceiling", FmaCeiling::chains, workload, threads);
        report("gemm-shape-ceiling", FmaCeiling::kernelShape, workload, threads);
    }

    /** Prints {@code loop}'s GFLOP/s on each thread count: the best of three short runs (the ceiling, not the average interference). */
    private static void report(String name, IntToDoubleFunction loop, String workload, int[] threads)
            throws InterruptedException {
        for (int t : threads) {
            double[] best = {0, 0, 0};
            for (int run = 0; run < 3; run++) {
                double[] got = measure(loop, t);
                if (got[0] > best[0]) {
                    best = got;
                }
            }
            System.out.printf(Locale.ROOT, "{\"framework\": \"%s\", \"workload\": \"%s\", \"threads\": %d, "
                    + "\"unit\": \"GFLOP/s\", \"gflops\": %.1f, \"slowest_thread\": %.1f, \"fastest_thread\": %.1f}%n",
                    name, workload, t, best[0], best[1], best[2]);
        }
    }

    /**
     * GFLOP/s of {@code threads} threads running {@code loop} (twelve 8-lane FMAs per iteration) at once, timed
     * from a common start to the last finish, then the slowest and the fastest thread's own GFLOP/s (each timed
     * from the start to its own finish: on this VM one vCPU can be slowed while the other is not).
     */
    private static double[] measure(IntToDoubleFunction loop, int threads) throws InterruptedException {
        Thread[] team = new Thread[threads];
        long[] own = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            int index = i;
            team[i] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long start = System.nanoTime();
                sink += (float) loop.applyAsDouble(ITERATIONS);
                own[index] = System.nanoTime() - start;
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
        double flops = (double) ITERATIONS * 12 * S.length() * 2;
        long slowest = Arrays.stream(own).max().orElse(nanos);
        long fastest = Arrays.stream(own).min().orElse(nanos);
        return new double[] {threads * flops / nanos, flops / slowest, flops / fastest};
    }

    /** Twelve independent FMA chains (more than latency × pipes), all in registers. */
    private static double chains(int iterations) {
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

    private static float[] filled(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1e-4f * (1 + i % 7);
        }
        return v;
    }

    /**
     * The twelve chains fed as Airfoil's GEMM micro-kernel feeds them (VectorSgemm.micro: A's strip in groups of
     * eight steps, row r's eight values side by side; B's rows {@code ldb} apart): per step two vector loads of
     * B, six broadcasts of A, twelve FMAs, the loop's own index work and range checks. Operands in L1, so it
     * measures the core, not memory.
     */
    private static double kernelShape(int iterations) {
        return kernelShape(iterations, A_STRIP, B_PANEL, 16);
    }

    /**
     * {@link #kernelShape(int)}'s loop; B's row step {@code ldb} is a parameter, as in VectorSgemm.micro, because
     * C2 compiles a constant step to a shorter loop (tools/bench/kernel-forms, "groupedConstant").
     */
    private static double kernelShape(int iterations, float[] ap, float[] bp, int ldb) {
        int l = S.length();
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int done = 0; done < iterations; done += STEPS) {
            int bi = 0;
            for (int ai = 0; ai < 6 * STEPS; ai += 6 * l) {
                for (int u = 0; u < l; u++, bi += ldb) {
                    FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                    FloatVector b1 = FloatVector.fromArray(S, bp, bi + l);
                    FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                    c00 = av.fma(b0, c00);
                    c01 = av.fma(b1, c01);
                    av = FloatVector.broadcast(S, ap[ai + l + u]);
                    c10 = av.fma(b0, c10);
                    c11 = av.fma(b1, c11);
                    av = FloatVector.broadcast(S, ap[ai + 2 * l + u]);
                    c20 = av.fma(b0, c20);
                    c21 = av.fma(b1, c21);
                    av = FloatVector.broadcast(S, ap[ai + 3 * l + u]);
                    c30 = av.fma(b0, c30);
                    c31 = av.fma(b1, c31);
                    av = FloatVector.broadcast(S, ap[ai + 4 * l + u]);
                    c40 = av.fma(b0, c40);
                    c41 = av.fma(b1, c41);
                    av = FloatVector.broadcast(S, ap[ai + 5 * l + u]);
                    c50 = av.fma(b0, c50);
                    c51 = av.fma(b1, c51);
                }
            }
        }
        return c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31).add(c40).add(c41).add(c50).add(c51)
                .reduceLanes(VectorOperators.ADD);
    }
}
