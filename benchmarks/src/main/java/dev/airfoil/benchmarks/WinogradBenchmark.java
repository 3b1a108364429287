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
 * The Winograd F(2×2, 3×3) tile transforms over one chunk of the MNIST convnet's second layer: 4
 * samples of 13×13×32 inputs, 5×5 tiles each (the 10×10 outputs that the 2×2 pooling reads), 64
 * filters. {@link Kernels#winogradInputTile} (forward, and again in the backward pass),
 * {@link Kernels#winogradOutputTile}, {@link Kernels#winogradOutputGradientTile} and
 * {@link Kernels#winogradInputGradientTile}, every tile once per operation; {@code µs per chunk =
 * 1e6 / ops/s}. Compare {@code impl=fast} (Vector API) with {@code impl=scalar} (plain loops).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class WinogradBenchmark {
    private static final int SAMPLES = 4;
    private static final int SIDE = 13;
    private static final int TILES_PER_SIDE = 5;
    private static final int C = 32;
    private static final int F = 64;
    private static final int TILES = SAMPLES * TILES_PER_SIDE * TILES_PER_SIDE;

    /** Kernels implementation name. */
    @Param({"fast", "scalar"})
    public String impl;

    private Kernels kernels;
    private float[] x;
    private float[] v;
    private float[] m;
    private float[] y;
    private float[] patch;

    /** Random input, transformed-output and output-gradient blocks. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.byName(impl);
        Random rnd = new Random(3);
        x = BenchData.floats(rnd, SAMPLES * SIDE * SIDE * C);
        v = new float[16 * TILES * C];
        m = BenchData.floats(rnd, 16 * TILES * F);
        y = BenchData.floats(rnd, TILES * 4 * F);
        patch = new float[16 * C];
    }

    /** {@code V = Bᵀ d B} of every tile, read from the images in place. */
    @Benchmark
    public float[] inputTransform() {
        for (int s = 0, t = 0; s < SAMPLES; s++) {
            for (int r = 0; r < TILES_PER_SIDE; r++) {
                for (int q = 0; q < TILES_PER_SIDE; q++, t++) {
                    int base = ((s * SIDE + 2 * r) * SIDE + 2 * q) * C;
                    kernels.winogradInputTile(x, base, C, SIDE * C, v, t * C, TILES * C, C);
                }
            }
        }
        return v;
    }

    /** {@code Aᵀ M A} of every tile into its four output rows. */
    @Benchmark
    public float[] outputTransform() {
        for (int t = 0; t < TILES; t++) {
            int o = t * 4 * F;
            kernels.winogradOutputTile(m, t * F, TILES * F, y, o, o + F, o + 2 * F, o + 3 * F, F);
        }
        return y;
    }

    /** {@code A dY Aᵀ} of every tile's output gradient. */
    @Benchmark
    public float[] outputGradientTransform() {
        for (int t = 0; t < TILES; t++) {
            int o = t * 4 * F;
            kernels.winogradOutputGradientTile(y, o, o + F, o + 2 * F, o + 3 * F, m, t * F, TILES * F, F);
        }
        return m;
    }

    /** {@code B dV Bᵀ} of every tile into a patch buffer (what the backward pass then adds into dX). */
    @Benchmark
    public float[] inputGradientTransform() {
        for (int t = 0; t < TILES; t++) {
            kernels.winogradInputGradientTile(m, t * C, TILES * C, patch, 0, C, C);
        }
        return patch;
    }
}
