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
 * The element-wise epilogue kernels on an L2-sized block ({@code rows×cols}, default the output of a
 * 3×3 convolution chunk: 1352 rows of 32 filters): {@link Kernels#biasRelu}, {@link Kernels#reluBackward}
 * {@link Kernels#maxInto} and {@link Kernels#addInto} (col2im's accumulation); and the fused max pooling of the same block read as 26×26 images (2×2
 * windows, stride 2), {@link Kernels#maxPoolWindow} and {@link Kernels#maxPoolWindowBackward}; and the
 * direct one-channel 3×3 convolution producing that block from two 28×28 images,
 * {@link Kernels#convOneChannel} and {@link Kernels#convOneChannelKernelGrad}.
 * {@code ns per element = 1e9 / (ops/s · rows · cols)} (for the pooling, per input element). Compare
 * {@code impl=fast} (Vector API) with {@code impl=scalar} (plain loops).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class ElementwiseBenchmark {
    /** Rows of the block. */
    @Param({"1352"})
    public int rows;

    /** Columns of the block (the bias length). */
    @Param({"32"})
    public int cols;

    /** Kernels implementation name. */
    @Param({"fast", "scalar"})
    public String impl;

    private Kernels kernels;
    private float[] y;
    private float[] g;
    private float[] x;
    private float[] out;
    private float[] bias;
    private int[][] windows;
    private float[] pooled;
    private float[] code;
    private float[] pooledGrad;
    private float[] image;
    private int[] rowBase;
    private int[] taps;
    private float[] kernel;
    private float[] kernelGrad;

    /** Allocates random operands (about half of them negative). */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.byName(impl);
        Random rnd = new Random(1);
        y = BenchData.floats(rnd, rows * cols);
        g = BenchData.floats(rnd, rows * cols);
        x = BenchData.floats(rnd, rows * cols);
        out = new float[rows * cols];
        bias = BenchData.floats(rnd, cols);
        int side = 26;
        int images = Math.max(1, rows / (side * side));
        int half = side / 2;
        windows = new int[images * half * half][];
        for (int i = 0, w = 0; i < images; i++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++, w++) {
                    int first = i * side * side + 2 * r * side + 2 * c;
                    windows[w] = new int[] {first * cols, (first + 1) * cols, (first + side) * cols, (first + side + 1) * cols};
                }
            }
        }
        pooled = new float[windows.length * cols];
        code = new float[windows.length * cols];
        pooledGrad = BenchData.floats(rnd, windows.length * cols);
        maxPoolWindow();
        int in = side + 2;
        image = BenchData.floats(rnd, images * in * in);
        rowBase = new int[images * side * side];
        for (int i = 0, r = 0; i < images; i++) {
            for (int oy = 0; oy < side; oy++) {
                for (int ox = 0; ox < side; ox++) {
                    rowBase[r++] = i * in * in + oy * in + ox;
                }
            }
        }
        taps = new int[] {0, 1, 2, in, in + 1, in + 2, 2 * in, 2 * in + 1, 2 * in + 2};
        kernel = BenchData.floats(rnd, taps.length * cols);
        kernelGrad = new float[taps.length * cols];
    }

    /** {@code y = max(y + bias, 0)} in place (values drift to non-negative; the work per element is the same). */
    @Benchmark
    public float[] biasRelu() {
        kernels.biasRelu(y, 0, rows, cols, bias, true);
        return y;
    }

    /** {@code out = y > 0 ? g : 0}. */
    @Benchmark
    public float[] reluBackward() {
        kernels.reluBackward(g, 0, x, 0, out, 0, rows * cols);
        return out;
    }

    /** {@code y = max(y, x)}. */
    @Benchmark
    public float[] maxInto() {
        kernels.maxInto(y, 0, x, 0, rows * cols);
        return y;
    }

    /** {@code y += x} (values drift; the work per element is the same). */
    @Benchmark
    public float[] addInto() {
        kernels.addInto(y, 0, x, 0, rows * cols);
        return y;
    }

    /** The fused pooling's forward: each window's maximum and the tap that holds it. */
    @Benchmark
    public float[] maxPoolWindow() {
        for (int w = 0; w < windows.length; w++) {
            kernels.maxPoolWindow(x, windows[w], 4, pooled, w * cols, code, cols);
        }
        return code;
    }

    /** The fused pooling's backward: each window's gradient added to the tap recorded for it. */
    @Benchmark
    public float[] maxPoolWindowBackward() {
        for (int w = 0; w < windows.length; w++) {
            kernels.maxPoolWindowBackward(code, pooledGrad, w * cols, windows[w], 4, out, cols, true);
        }
        return out;
    }

    /** The same for windows that share no tap: each tap written once, its old value not read. */
    @Benchmark
    public float[] maxPoolWindowBackwardStore() {
        for (int w = 0; w < windows.length; w++) {
            kernels.maxPoolWindowBackward(code, pooledGrad, w * cols, windows[w], 4, out, cols, false);
        }
        return out;
    }

    /** The direct one-channel 3×3 convolution (bias and ReLU included) writing the block. */
    @Benchmark
    public float[] convOneChannel() {
        kernels.convOneChannel(image, rowBase, Math.min(rows, rowBase.length), taps, kernel, cols, bias, true, out, 0);
        return out;
    }

    /** Its kernel gradient from the block read as dY. */
    @Benchmark
    public float[] convOneChannelKernelGrad() {
        kernels.convOneChannelKernelGrad(image, rowBase, Math.min(rows, rowBase.length), taps, g, 0, cols, kernelGrad);
        return kernelGrad;
    }
}
