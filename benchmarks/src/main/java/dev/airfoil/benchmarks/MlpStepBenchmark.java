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
 * The three GEMMs of one dense layer in an MLP training step, for a batch of {@code batch} rows and
 * a layer of {@code in → out} units ({@code layer = "in x out"}):
 * <ul>
 *   <li>{@code forward}: {@code Y = X·W}, {@code [batch×in]·[in×out]};</li>
 *   <li>{@code weightGrad}: {@code dW = Xᵀ·dY}, {@code [in×batch]·[batch×out]} (X read transposed);</li>
 *   <li>{@code inputGrad}: {@code dX = dY·Wᵀ}, {@code [batch×out]·[out×in]} (W read transposed).</li>
 * </ul>
 * Each invocation is {@code 2·batch·in·out} floating-point operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpStepBenchmark {
    /** Batch size. */
    @Param({"32", "128"})
    public int batch;

    /** Layer shape, {@code "in x out"}. */
    @Param({"784x300", "300x100", "100x10"})
    public String layer;

    /** Kernels implementation name (see {@link Kernels#byName}). */
    @Param({"fast"})
    public String impl;

    private Kernels kernels;
    private int in;
    private int out;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dw;
    private float[] dx;

    /** Allocates random operands. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.byName(impl);
        String[] parts = layer.split("x");
        in = Integer.parseInt(parts[0]);
        out = Integer.parseInt(parts[1]);
        Random rnd = new Random(1);
        x = BenchData.floats(rnd, batch * in);
        w = BenchData.floats(rnd, in * out);
        dy = BenchData.floats(rnd, batch * out);
        y = new float[batch * out];
        dw = new float[in * out];
        dx = new float[batch * in];
    }

    /** {@code Y = X·W}. */
    @Benchmark
    public float[] forward() {
        kernels.sgemm(false, false, batch, out, in, 1f, x, 0, in, w, 0, out, 0f, y, 0, out);
        return y;
    }

    /** {@code dW = Xᵀ·dY}. */
    @Benchmark
    public float[] weightGrad() {
        kernels.sgemm(true, false, in, out, batch, 1f, x, 0, in, dy, 0, out, 0f, dw, 0, out);
        return dw;
    }

    /** {@code dX = dY·Wᵀ}. */
    @Benchmark
    public float[] inputGrad() {
        kernels.sgemm(false, true, batch, in, out, 1f, dy, 0, out, w, 0, out, 0f, dx, 0, in);
        return dx;
    }
}
