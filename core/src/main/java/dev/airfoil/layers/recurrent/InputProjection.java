package dev.airfoil.layers.recurrent;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.PackedMatrix;

/**
 * Package-private: a float32 recurrent layer's input projection {@code x · kernel + bias} computed a task's
 * rows and one timestep at a time, inside {@link Recurrence}'s steps, for inference. Projected for all
 * timesteps at once the result is {@code batch × time × gates·units} floats (57 MB for an LSTM(128) over
 * 28 steps at batch 1000), written once and read back step by step from memory: a third of a
 * one-thread LSTM inference. Here each task's projection stays in its cache. {@link #project} gives the
 * values of {@link dev.airfoil.layers.core.Dense#affine} (the same products, the bias added once). For cells
 * that add the whole projection to the recurrent product (SimpleRNN, LSTM), {@link #joint} multiplies
 * {@code [x_t | h]} by the stacked {@code [kernel; recurrent_kernel]} in one product instead (a k = 28
 * product per task and step cost as much as its multiply-adds in stores of C); its sums round differently.
 */
final class InputProjection {
    private final float[] x;
    private final int steps;
    private final int features;
    /** The kernel {@code (features, columns)} and its packed form. */
    private final float[] w;
    private final PackedMatrix kernel;
    private final float[] bias;

    private InputProjection(float[] x, int steps, int features, float[] w, PackedMatrix kernel, float[] bias) {
        this.x = x;
        this.steps = steps;
        this.features = features;
        this.w = w;
        this.kernel = kernel;
        this.bias = bias;
    }

    /**
     * The projection of {@code x (batch, time, features)} by {@code kernel (features, n)} plus {@code bias (n)}
     * (or none), or null unless all three are float32.
     */
    static InputProjection of(Tensor x, Tensor kernel, Tensor bias) {
        if (x.dtype() != DType.FLOAT32 || kernel.dtype() != DType.FLOAT32
                || (bias != null && bias.dtype() != DType.FLOAT32) || x.rank() != 3 || kernel.rank() != 2) {
            return null;
        }
        int[] s = x.shape();
        int n = kernel.shape()[1];
        if (s[2] != kernel.shape()[0]) {
            throw new IllegalArgumentException("recurrence: input features " + s[2] + " do not match the kernel's "
                    + kernel.shape()[0] + " rows");
        }
        PackedMatrix packed = Kernels.get().pack(false, n, s[2], kernel.floatData(), 0, n);
        return new InputProjection(x.floatData(), s[1], s[2], kernel.floatData(), packed,
                bias == null ? null : bias.floatData());
    }

    /** The stacked {@code [kernel; recurrent]} ({@code (features + units) × columns}), prepared for {@link #joint}. */
    PackedMatrix stack(float[] recurrent, int units) {
        int n = kernel.columns();
        float[] both = new float[(features + units) * n];
        System.arraycopy(w, 0, both, 0, features * n);
        System.arraycopy(recurrent, 0, both, features * n, units * n);
        return Kernels.get().pack(false, n, features + units, both, 0, n);
    }

    /**
     * {@code dst[i·n + j] = [x(r0 + i, ti) | h_i] · stacked} for {@code i < rows}, without the bias: {@code h_i}
     * at {@code h[hOff + i·units ..]}; {@code a} is scratch of at least {@code rows · (features + units)} floats.
     */
    void joint(int ti, int r0, int rows, float[] h, int hOff, int units, PackedMatrix stacked, float[] a, float[] dst) {
        int width = features + units;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, ((r0 + i) * steps + ti) * features, a, i * width, features);
            System.arraycopy(h, hOff + i * units, a, i * width + features, units);
        }
        Kernels.get().sgemm(rows, a, 0, width, stacked, 0f, dst, 0, stacked.columns());
    }

    /** Features per timestep of the inputs. */
    int features() {
        return features;
    }

    /** The bias ({@code columns} floats), or null. */
    float[] bias() {
        return bias;
    }

    /** Columns of the projection ({@code gates · units}). */
    int columns() {
        return kernel.columns();
    }

    /**
     * {@code dst[i·n + j]} for {@code i < rows}: sample {@code r0 + i} at timestep {@code ti} projected, on the
     * calling thread.
     */
    void project(int ti, int r0, int rows, float[] dst) {
        int n = kernel.columns();
        float beta = 0f;
        if (bias != null) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(bias, 0, dst, i * n, n);
            }
            beta = 1f;
        }
        Kernels.get().sgemm(rows, x, (r0 * steps + ti) * features, steps * features, kernel, beta, dst, 0, n);
    }
}
