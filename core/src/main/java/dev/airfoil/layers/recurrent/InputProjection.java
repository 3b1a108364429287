package dev.airfoil.layers.recurrent;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.PackedMatrix;

/**
 * Package-private: a float32 recurrent layer's input projection {@code x · kernel + bias} computed for a
 * task's rows one timestep at a time, inside {@link Recurrence}'s steps, for inference. Projected for all
 * timesteps at once the result is {@code batch × time × gates·units} floats (57 MB for an LSTM(128) over
 * 28 steps at batch 1000), written once and read back step by step from memory: a third of a one-thread
 * LSTM inference. Here each task's projection stays in its cache.
 *
 * <p>Two forms. {@link #project} gives the values of {@link dev.airfoil.layers.core.Dense#affine} (the same
 * products, the bias added once); GRU uses it, as its candidate keeps the input and recurrent parts
 * apart. For cells that add the whole projection to the recurrent product (SimpleRNN, LSTM),
 * {@link #joint} multiplies {@code [x_t | h]} by the stacked {@code [kernel; recurrent_kernel]} in one
 * product instead (a separate k = 28 product per task and step spent most of its time storing C tiles);
 * its sums round differently, and the caller adds the bias.
 */
final class InputProjection {
    private final float[] x;
    private final int batch;
    private final int steps;
    private final int features;
    private final int columns;
    /** Units of the recurrent kernel stacked under the input kernel, or 0 for {@link #project}. */
    private final int units;
    /** The input kernel, or the stacked kernels, prepared for products. */
    private final PackedMatrix packed;
    private final float[] bias;

    private InputProjection(float[] x, int batch, int steps, int features, int columns, int units,
                            PackedMatrix packed, float[] bias) {
        this.x = x;
        this.batch = batch;
        this.steps = steps;
        this.features = features;
        this.columns = columns;
        this.units = units;
        this.packed = packed;
        this.bias = bias;
    }

    /**
     * The projection of {@code x (batch, time, features)} by {@code kernel (features, n)} plus {@code bias (n)}
     * (or none), joint with {@code recurrent (units, n)} unless that is null; null unless all are float32.
     */
    static InputProjection of(Tensor x, Tensor kernel, Tensor bias, Tensor recurrent) {
        if (x.dtype() != DType.FLOAT32 || kernel.dtype() != DType.FLOAT32 || x.rank() != 3 || kernel.rank() != 2
                || (bias != null && bias.dtype() != DType.FLOAT32)
                || (recurrent != null && recurrent.dtype() != DType.FLOAT32)) {
            return null;
        }
        int[] s = x.shape();
        int n = kernel.shape()[1];
        if (s[2] != kernel.shape()[0] || (recurrent != null && recurrent.shape()[1] != n)) {
            throw new IllegalArgumentException("recurrence: input features " + s[2] + " and kernel "
                    + java.util.Arrays.toString(kernel.shape()) + " do not match"
                    + (recurrent == null ? "" : " the recurrent kernel " + java.util.Arrays.toString(recurrent.shape())));
        }
        float[] w = kernel.floatData();
        int units = 0;
        if (recurrent != null) {
            units = recurrent.shape()[0];
            float[] both = new float[(s[2] + units) * n];
            System.arraycopy(w, 0, both, 0, s[2] * n);
            System.arraycopy(recurrent.floatData(), 0, both, s[2] * n, units * n);
            w = both;
        }
        PackedMatrix packed = Kernels.get().pack(false, n, s[2] + units, w, 0, n);
        return new InputProjection(x.floatData(), s[0], s[1], s[2], n, units, packed,
                bias == null ? null : bias.floatData());
    }

    /** Samples of the inputs. */
    int batch() {
        return batch;
    }

    /** Timesteps of the inputs. */
    int steps() {
        return steps;
    }

    /** Columns of the projection ({@code gates · units}). */
    int columns() {
        return columns;
    }

    /** Whether this is the joint form ({@link #joint}), else {@link #project}. */
    boolean isJoint() {
        return units > 0;
    }

    /** The bias ({@link #columns} floats), or null. */
    float[] bias() {
        return bias;
    }

    /**
     * {@code dst[i·n + j]} for {@code i < rows}: sample {@code r0 + i} at timestep {@code ti} projected, on the
     * calling thread.
     */
    void project(int ti, int r0, int rows, float[] dst) {
        if (isJoint()) {
            throw new IllegalStateException("recurrence: a joint projection multiplies [x | h]");
        }
        float beta = 0f;
        if (bias != null) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(bias, 0, dst, i * columns, columns);
            }
            beta = 1f;
        }
        Kernels.get().sgemm(rows, x, (r0 * steps + ti) * features, steps * features, packed, beta, dst, 0, columns);
    }

    /** Scratch floats {@link #joint} needs for {@code rows} rows. */
    int jointScratch(int rows) {
        return rows * (features + units);
    }

    /**
     * {@code dst[i·n + j] = [x(r0 + i, ti) | h_i] · [kernel; recurrent]} for {@code i < rows}, without the bias,
     * on the calling thread: {@code h_i} at {@code h[hOff + i·units ..]}; {@code a} is scratch of at least
     * {@link #jointScratch} floats.
     */
    void joint(int ti, int r0, int rows, float[] h, int hOff, float[] a, float[] dst) {
        if (!isJoint()) {
            throw new IllegalStateException("recurrence: no recurrent kernel stacked for a joint projection");
        }
        int width = features + units;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, ((r0 + i) * steps + ti) * features, a, i * width, features);
            System.arraycopy(h, hOff + i * units, a, i * width + features, units);
        }
        Kernels.get().sgemm(rows, a, 0, width, packed, 0f, dst, 0, columns);
    }
}
