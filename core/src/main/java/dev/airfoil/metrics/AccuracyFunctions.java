package dev.airfoil.metrics;

import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

/** Keras's per-sample accuracy functions (1.0 for a hit, 0.0 for a miss), in float64. */
final class AccuracyFunctions {
    private AccuracyFunctions() {
    }

    static Tensor f64(Tensor x) {
        return LossUtils.as(x.detach(), DType.FLOAT64);
    }

    /** {@code y_true == y_pred}, element-wise after rank alignment. */
    static Tensor accuracy(Tensor yTrue, Tensor yPred) {
        Tensor[] p = LossUtils.squeezeOrExpand(f64(yTrue), f64(yPred));
        return p[0].eq(p[1]).cast(DType.FLOAT64);
    }

    /** {@code y_true == (y_pred > threshold)}, element-wise. */
    static Tensor binary(Tensor yTrue, Tensor yPred, double threshold) {
        Tensor[] p = LossUtils.squeezeOrExpand(f64(yTrue), f64(yPred));
        double t = (float) threshold;
        return p[0].eq(p[1].gt(t).cast(DType.FLOAT64)).cast(DType.FLOAT64);
    }

    /** {@code argmax(y_true) == argmax(y_pred)} over the last axis. */
    static Tensor categorical(Tensor yTrue, Tensor yPred) {
        requireSameShape("CategoricalAccuracy", yTrue, yPred);
        return f64(yTrue).argmax(-1).eq(f64(yPred).argmax(-1)).cast(DType.FLOAT64);
    }

    /** {@code y_true == argmax(y_pred)} with integer labels. */
    static Tensor sparse(Tensor yTrue, Tensor yPred) {
        Tensor t = f64(yTrue);
        int[] origShape = t.shape();
        boolean reshape = false;
        if (t.rank() == yPred.rank() && t.rank() > 0 && t.dim(-1) == 1) {
            t = t.squeeze(-1);
            reshape = true;
        }
        Tensor m = t.eq(f64(yPred).argmax(-1).cast(DType.FLOAT64)).cast(DType.FLOAT64);
        return reshape ? m.reshape(origShape) : m;
    }

    /** Whether the label's score ranks among the top {@code k} (ties count as in, as Keras's in_top_k). */
    static Tensor inTopK(long[] labels, Tensor yPred, int k) {
        Tensor p = f64(yPred);
        int classes = p.dim(-1);
        int rows = p.size() / classes;
        if (labels.length != rows) {
            throw new IllegalArgumentException("top-k accuracy: " + labels.length + " labels for " + rows
                    + " prediction rows of shape " + Shape.keras(yPred.shape()));
        }
        double[] v = p.toDoubleArray();
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            long label = labels[r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("top-k accuracy: label " + label + " is outside [0, " + classes
                        + ")");
            }
            double at = v[r * classes + (int) label];
            if (Double.isNaN(at)) {
                at = Double.NEGATIVE_INFINITY;
            }
            int rank = 1;
            for (int c = 0; c < classes; c++) {
                if (v[r * classes + c] > at) {
                    rank++;
                }
            }
            out[r] = rank <= k ? 1 : 0;
        }
        return Tensor.of(out, java.util.Arrays.copyOf(p.shape(), p.rank() - 1));
    }

    static Tensor topK(Tensor yTrue, Tensor yPred, int k) {
        requireSameShape("TopKCategoricalAccuracy", yTrue, yPred);
        return inTopK(f64(yTrue).argmax(-1).toLongArray(), yPred, k);
    }

    static Tensor sparseTopK(Tensor yTrue, Tensor yPred, int k) {
        Tensor t = f64(yTrue);
        if (t.rank() == yPred.rank() && t.dim(-1) == 1) {
            t = t.squeeze(-1);
        }
        return inTopK(t.toLongArray(), yPred, k);
    }

    static void requireSameShape(String who, Tensor yTrue, Tensor yPred) {
        if (!Shape.equal(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException(who + ": y_true (one-hot) and y_pred must have the same shape, got "
                    + "y_true.shape=" + Shape.keras(yTrue.shape()) + " and y_pred.shape=" + Shape.keras(yPred.shape())
                    + ". For integer class labels use the Sparse variant (e.g. SparseCategoricalAccuracy).");
        }
    }
}
