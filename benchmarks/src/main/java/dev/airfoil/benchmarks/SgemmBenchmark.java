package dev.airfoil.benchmarks;

import dev.airfoil.tensor.kernels.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square float32 GEMM {@code C = A·B} with {@code A, B, C} of {@code size×size}.
 *
 * <p>One invocation is {@code 2·size³} floating-point operations, so
 * {@code GFLOP/s = (ops/s) · 2·size³ / 1e9}. {@code impl} is a {@link Kernels#byName} name:
 * {@code fast} (default), {@code vector}, {@code java} or {@code scalar}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class SgemmBenchmark {
    /** Matrix side. */
    @Param({"32", "64", "128", "256", "512", "1024", "2048"})
    public int size;

    /** Kernels implementation name. */
    @Param({"fast"})
    public String impl;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Allocates random operands. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.byName(impl);
        Random rnd = new Random(1);
        a = BenchData.floats(rnd, size * size);
        b = BenchData.floats(rnd, size * size);
        c = new float[size * size];
    }

    /** {@code C = A·B}. */
    @Benchmark
    public float[] sgemm() {
        kernels.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
        return c;
    }
}
