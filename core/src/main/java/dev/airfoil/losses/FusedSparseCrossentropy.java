package dev.airfoil.losses;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/**
 * Package-private: sparse categorical cross-entropy on float32 probabilities of shape
 * {@code (batch, classes)} in one primitive: per row {@code -log(clip(p[y] / Σ p, ε, 1-ε))} with its
 * exact gradient (normalisation and clipping included), instead of one-hot encoding, normalising,
 * clipping, taking logs, multiplying and summing as separate recorded operations.
 *
 * <p>Any other case (logits, {@code ignore_class}, other ranks or dtypes, invalid labels, which the
 * reference path reports) returns null and the caller takes the reference path, which this one is
 * tested against. {@code airfoil.loss.fused=false} switches it off.
 */
final class FusedSparseCrossentropy {
    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.loss.fused"));

    private FusedSparseCrossentropy() {
    }

    /** Per-sample losses, or null when the fused path does not apply. */
    static Tensor perSample(Tensor yTrue, Tensor yPred, int axis) {
        if (!enabled || yPred.dtype() != DType.FLOAT32 || yPred.rank() != 2 || (axis != -1 && axis != 1)) {
            return null;
        }
        int rows = yPred.shape()[0];
        int classes = yPred.shape()[1];
        int[] ys = yTrue.shape();
        if (!(ys.length == 1 && ys[0] == rows) && !(ys.length == 2 && ys[0] == rows && ys[1] == 1)) {
            return null;
        }
        int[] label = labels(yTrue, rows, classes);
        if (label == null || classes == 0) {
            return null;
        }
        float[] p = yPred.floatData();
        float lo = (float) LossUtils.EPSILON;
        float hi = (float) (1.0 - LossUtils.EPSILON);
        float[] loss = new float[rows];
        float[] sums = new float[rows];
        float[] clipped = new float[rows];
        boolean[] inside = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float s = 0f;
            for (int j = 0; j < classes; j++) {
                s += p[base + j];
            }
            float q = p[base + label[r]] / s;
            float c = q < lo ? lo : (q > hi ? hi : q);
            sums[r] = s;
            clipped[r] = c;
            inside[r] = q >= lo && q <= hi;
            loss[r] = -(float) Math.log(c);
        }
        Tensor out = Tensor.wrap(loss, rows);
        if (!Autograd.needsGrad(yPred)) {
            return out;
        }
        return Autograd.record(out, "sparse_categorical_crossentropy", new Tensor[] {yPred}, g -> {
            float[] gr = g.floatData();
            float[] dp = new float[rows * classes];
            for (int r = 0; r < rows; r++) {
                if (!inside[r]) {
                    continue;
                }
                int base = r * classes;
                float s = sums[r];
                float dq = -gr[r] / clipped[r];
                float common = -dq * p[base + label[r]] / (s * s);
                for (int j = 0; j < classes; j++) {
                    dp[base + j] = common;
                }
                dp[base + label[r]] += dq / s;
            }
            return new Tensor[] {Tensor.wrap(dp, rows, classes)};
        });
    }

    /** Integer class ids in [0, classes), or null when any label is not one. */
    private static int[] labels(Tensor yTrue, int rows, int classes) {
        int[] out = new int[rows];
        DType t = yTrue.dtype();
        if (t == DType.INT32) {
            int[] v = yTrue.intData();
            for (int i = 0; i < rows; i++) {
                if (v[i] < 0 || v[i] >= classes) {
                    return null;
                }
                out[i] = v[i];
            }
            return out;
        }
        if (t == DType.FLOAT32) {
            float[] v = yTrue.floatData();
            for (int i = 0; i < rows; i++) {
                float x = v[i];
                if (!(x >= 0 && x < classes) || x != (int) x) {
                    return null;
                }
                out[i] = (int) x;
            }
            return out;
        }
        return null;
    }
}
