package dev.airfoil.layers.core;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.activations.FusedActivation;
import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.BatchBuffers;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.PackedMatrix;
import dev.airfoil.tensor.kernels.PackedWeights;
import dev.airfoil.tensor.kernels.Parallel;
import dev.airfoil.tensor.kernels.RowEpilogue;

/**
 * Package-private: the fused Dense primitive {@code activation(x · kernel + bias)} in float32, one
 * output buffer and one autodiff node, with a fused backward ({@code dz} from the activation's
 * derivative, then {@code dX = dz · Wᵀ}, {@code dW = Xᵀ · dz}, {@code db = Σ dz}).
 *
 * <p>It covers the linear, default ReLU and last-axis softmax activations, and those with a
 * {@link FusedActivation} form (tanh, sigmoid, silu, gelu, elu, selu, leaky_relu, softplus, mish), applied
 * to the product in place (into a second array when their derivative needs the pre-activation). Inside a
 * {@link BatchBuffers} scope (a {@code predict} call or a training step) its output, pre-activation and
 * gradient arrays are reused from the previous batch or step. Anything else (other activations,
 * float64 layers used by gradient checks) takes the reference path of {@code matmul}, {@code add} and
 * the activation, which the fused path is tested against. The system property
 * {@code airfoil.dense.fused=false} switches the fused path off.
 */
final class DenseOps {
    /** The fused activations: POINTWISE is any activation with a {@link FusedActivation} form. */
    enum Act { LINEAR, RELU, SOFTMAX, POINTWISE }

    private static final Activation RELU = Activations.relu();
    private static final Activation SOFTMAX = Activations.softmax(-1);
    private static final Activation LINEAR = Activations.linear();
    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.dense.fused"));
    /**
     * Whether a pointwise activation that works in place runs in the product's row epilogue (see
     * {@link #finish}) rather than in a pass of its own after the product; the same bits either way.
     * System property {@code airfoil.dense.activationOnRows}.
     */
    static volatile boolean activationOnRows = !"false".equals(System.getProperty("airfoil.dense.activationOnRows"));

    private DenseOps() {
    }

    /** The fused activation for a layer's activation, or null when the fused path does not apply. */
    static Act fusable(Activation a) {
        if (a == null || a.equals(LINEAR)) {
            return Act.LINEAR;
        }
        if (a.equals(RELU)) {
            return Act.RELU;
        }
        if (a.equals(SOFTMAX)) {
            return Act.SOFTMAX;
        }
        return FusedActivation.of(a) != null ? Act.POINTWISE : null;
    }

    /** Whether the fused path applies to these operands. */
    static boolean applies(Act act, Tensor x, Tensor kernel, Tensor bias) {
        return enabled && act != null && x.dtype() == DType.FLOAT32 && kernel.dtype() == DType.FLOAT32
                && (bias == null || bias.dtype() == DType.FLOAT32) && x.rank() >= 2 && kernel.rank() == 2;
    }

    /**
     * {@code act(x · kernel + bias)}, recorded as one node when a gradient is needed; {@code pointwise} is
     * the activation's fused form when {@code act} is POINTWISE (else ignored).
     */
    static Tensor forward(Tensor x, Tensor kernel, Tensor bias, Act act, FusedActivation pointwise) {
        int in = kernel.shape()[0];
        int units = kernel.shape()[1];
        int rows = x.size() / in;
        float[] xa = x.floatStorage();
        int xOff = x.storageOffset();
        float[] w = kernel.floatData();
        boolean grad = Autograd.needsGrad(x, kernel, bias);
        // every element is written below (GEMM with beta 0), so a reused array may hold anything; outside a
        // predict call or a training step (BatchBuffers' scopes) every array here is a new one
        float[] y = BatchBuffers.floats(rows * units);
        Kernels kernels = Kernels.get();
        // the pointwise activation works on the product in place, with the rows, unless its derivative
        // needs the pre-activation (the output then gets its own array after the product)
        boolean keepZ = act == Act.POINTWISE && grad && pointwise.needsInput();
        boolean onRows = act == Act.POINTWISE && !keepZ && activationOnRows;
        RowEpilogue finish = finish(kernels, act, onRows ? pointwise : null, y, units,
                bias == null ? null : bias.floatData());
        // inside a predict call the kernel is packed once for all its batches
        PackedMatrix packed = grad ? null : PackedWeights.get(kernels, false, units, in, w, 0, units);
        if (packed != null) {
            kernels.sgemm(rows, xa, xOff, in, packed, 0f, y, 0, units, finish);
        } else {
            kernels.sgemm(false, false, rows, units, in, 1f, xa, xOff, in, w, 0, units, 0f, y, 0, units, finish);
        }
        float[] z = null;
        if (keepZ) {
            z = y;
            y = BatchBuffers.floats(rows * units);
            pointwise.forward(z, 0, y, 0, rows * units);
        } else if (act == Act.POINTWISE && !onRows) {
            pointwise.forward(y, 0, y, 0, rows * units);
        }
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = units;
        Tensor out = Tensor.wrap(y, outShape);
        if (!grad) {
            return out;
        }
        Tensor[] inputs = bias == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        float[] yOut = y;
        float[] zIn = z;
        String op = "dense_" + (act == Act.POINTWISE ? pointwise.toString() : act.name().toLowerCase(java.util.Locale.ROOT));
        return Autograd.record(out, op, inputs, g -> {
            float[] dz;
            if (act == Act.POINTWISE) {
                dz = BatchBuffers.floats(rows * units);
                pointwise.backward(g.floatData(), 0, zIn, 0, yOut, 0, dz, 0, rows * units);
            } else {
                dz = activationGrad(act, g.floatData(), yOut, rows, units);
            }
            Tensor[] grads = new Tensor[inputs.length];
            Kernels k = Kernels.get();
            // arrays taken here, on the caller's thread (BatchBuffers' scope is per thread); the kernel's
            // previous gradient array when the training loop recycled it (beta 0 overwrites it)
            float[] dx = x.requiresGrad() ? BatchBuffers.floats(rows * in) : null;
            float[] dw = kernel.requiresGrad() ? kernel.gradientBuffer() : null;
            Runnable inputGrad = () -> k.sgemm(false, true, rows, in, units, 1f, dz, 0, units, w, 0, units, 0f, dx, 0, in);
            Runnable kernelGrad = () -> k.sgemm(true, false, in, units, rows, 1f, xa, xOff, in, dz, 0, units, 0f, dw, 0, units);
            if (dx != null && dw != null) {
                Parallel.both((long) rows * in * units, inputGrad, kernelGrad);
            } else if (dx != null) {
                inputGrad.run();
            } else if (dw != null) {
                kernelGrad.run();
            }
            if (dx != null) {
                grads[0] = Tensor.freshGradient(dx, x.shape());
            }
            if (dw != null) {
                grads[1] = Tensor.freshGradient(dw, in, units);
            }
            if (bias != null && bias.requiresGrad()) {
                float[] db = new float[units];
                k.columnSums(dz, 0, rows, units, db);
                grads[2] = Tensor.freshGradient(db, units);
            }
            return grads;
        });
    }

    /**
     * The bias, then ReLU, softmax or {@code pointwise} (when {@code act} is POINTWISE and it is not null),
     * on rows of the product as they become final (the product runs it on the thread that computed them,
     * while they are in its cache); null when there is nothing to do. Every element of the pointwise
     * activation gets the same formula wherever a block of rows ends (see {@link Kernels#tanh(float[], int, float[], int, int)}), so the
     * values do not depend on how the product split its rows.
     */
    static RowEpilogue finish(Kernels kernels, Act act, FusedActivation pointwise, float[] y, int units, float[] bias) {
        if (act == Act.POINTWISE && pointwise != null) {
            return new RowEpilogue() {
                @Override
                public void rows(int i0, int i1) {
                    kernels.biasRelu(y, i0 * units, i1 - i0, units, bias, false);
                    pointwise.forward(y, i0 * units, y, i0 * units, (i1 - i0) * units);
                }

                @Override
                public long rowCost() {
                    return (long) units * pointwise.cost();
                }
            };
        }
        boolean relu = act == Act.RELU;
        if (act == Act.SOFTMAX) {
            return new RowEpilogue() {
                @Override
                public void rows(int i0, int i1) {
                    kernels.biasRelu(y, i0 * units, i1 - i0, units, bias, false);
                    softmaxRows(y, i0, i1, units);
                }

                @Override
                public long rowCost() {
                    return (long) units * SOFTMAX_COST;
                }
            };
        }
        return bias == null && !relu ? null : (i0, i1) -> kernels.biasRelu(y, i0 * units, i1 - i0, units, bias, relu);
    }

    /** A softmax element's exponential, in multiply-adds of a product (about 10 ns against 0.02 ns per multiply-add). */
    private static final int SOFTMAX_COST = 500;

    /** The gradient of the pre-activation from the output gradient and the output. */
    static float[] activationGrad(Act act, float[] g, float[] y, int rows, int units) {
        switch (act) {
            case RELU -> {
                float[] dz = BatchBuffers.floats(g.length);
                Kernels.get().reluBackward(g, 0, y, 0, dz, 0, g.length);
                return dz;
            }
            case SOFTMAX -> {
                float[] dz = BatchBuffers.floats(g.length);
                for (int r = 0; r < rows; r++) {
                    int base = r * units;
                    float dot = 0f;
                    for (int j = 0; j < units; j++) {
                        dot += g[base + j] * y[base + j];
                    }
                    for (int j = 0; j < units; j++) {
                        dz[base + j] = y[base + j] * (g[base + j] - dot);
                    }
                }
                return dz;
            }
            default -> {
                return g;
            }
        }
    }

    /** Softmax of rows {@code [r0, r1)} in place, computed as {@code Tensor.softmax} does (max-shifted, double sum). */
    static void softmaxRows(float[] y, int r0, int r1, int len) {
        for (int p = r0; p < r1; p++) {
            int base = p * len;
            float m = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < len; k++) {
                m = Math.max(m, y[base + k]);
            }
            if (m == Float.NEGATIVE_INFINITY) {
                m = 0;
            }
            double s = 0;
            for (int k = 0; k < len; k++) {
                float e = (float) Math.exp(y[base + k] - m);
                y[base + k] = e;
                s += e;
            }
            float inv = (float) (1.0 / s);
            for (int k = 0; k < len; k++) {
                y[base + k] *= inv;
            }
        }
    }
}
