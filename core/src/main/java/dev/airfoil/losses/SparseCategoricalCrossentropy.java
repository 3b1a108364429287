package dev.airfoil.losses;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Cross-entropy between integer class labels and predicted class probabilities or logits:
 * {@code -log(p[label])}.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code from_logits} (default false): as in {@link CategoricalCrossentropy} (log-softmax of logits,
 *       or normalized probabilities clipped to {@code [1e-7, 1 - 1e-7]}).</li>
 *   <li>{@code ignore_class} (default null): a label value (often -1 or 255, the "void" class in
 *       segmentation) whose entries get loss 0 and a mask, so that {@code "sum_over_batch_size"} averages over
 *       the remaining entries only.</li>
 *   <li>{@code axis} (default -1): the class axis of {@code y_pred}. Keras 3's class has no {@code axis}
 *       argument (its function does); it appears in the config only when not -1.</li>
 * </ul>
 *
 * <p>Shapes: {@code y_true} is {@code (batch, d0, ..)} or {@code (batch, d0, .., 1)} holding class ids in
 * {@code [0, num_classes)}, {@code y_pred} is {@code (batch, d0, .., num_classes)}. One-hot labels raise an
 * error pointing to {@link CategoricalCrossentropy}; labels outside {@code [0, num_classes)} raise an error
 * (Keras's JAX backend would silently give them loss 0).
 */
public class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final Integer ignoreClass;
    private final int axis;

    /** From probabilities, no ignored class. */
    public SparseCategoricalCrossentropy() {
        this(false, null, -1);
    }

    /** @param fromLogits whether predictions are logits */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, null, -1);
    }

    /**
     * @param fromLogits  whether predictions are logits
     * @param ignoreClass a label value to ignore, or null
     * @param axis        the class axis of {@code y_pred}
     */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, int axis) {
        this(fromLogits, ignoreClass, axis, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param fromLogits  whether predictions are logits
     * @param ignoreClass a label value to ignore, or null
     * @param axis        the class axis of {@code y_pred}
     * @param name        the loss name (null for {@code "sparse_categorical_crossentropy"})
     * @param reduction   see {@link Loss}
     */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, int axis, String name,
            String reduction) {
        super(name, reduction, "sparse_categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
        this.axis = axis;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The ignored label value, or null. */
    public Integer ignoreClass() {
        return ignoreClass;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return callMasked(yTrue, yPred).values();
    }

    @Override
    public Masked callMasked(Tensor yTrue, Tensor yPred) {
        if (!fromLogits && ignoreClass == null) {
            Tensor fused = FusedSparseCrossentropy.perSample(yTrue, yPred, axis);
            if (fused != null) {
                return new Masked(fused, null);
            }
        }
        Labels l = labels(className(), yTrue, yPred, axis, ignoreClass);
        Tensor logp = CategoricalCrossentropy.logProbabilities(l.pred, fromLogits, -1);
        Tensor res = l.oneHot.mul(logp).sum(-1).neg();
        if (l.valid == null) {
            return new Masked(res, null);
        }
        res = Tensor.where(l.valid, res, Tensor.zerosLike(res));
        return new Masked(res, l.valid);
    }

    /** Predictions with the class axis last, the one-hot labels, and the valid mask (null without ignore_class). */
    record Labels(Tensor pred, Tensor oneHot, Tensor valid) {
    }

    /**
     * Validates sparse labels against predictions and one-hot encodes them (ignored entries become
     * all-zero rows). Shared with the sparse metrics.
     */
    static Labels labels(String who, Tensor yTrue, Tensor yPred, int axis, Integer ignoreClass) {
        DType t = LossUtils.computeType(yPred);
        Tensor pred = LossUtils.as(yPred, t);
        if (pred.rank() == 0) {
            throw new IllegalArgumentException(who + ": y_pred must have a class axis, got a scalar");
        }
        int a = Shape.axis(axis, pred.rank(), who);
        if (a != pred.rank() - 1) {
            int[] perm = new int[pred.rank()];
            for (int i = 0, j = 0; i < perm.length; i++) {
                if (i != a) {
                    perm[j++] = i;
                }
            }
            perm[perm.length - 1] = a;
            pred = pred.permute(perm);
        }
        Tensor labels = yTrue;
        if (labels.rank() == pred.rank() && labels.dim(-1) == 1) {
            labels = labels.squeeze(-1);
        }
        int classes = pred.dim(-1);
        int[] expected = Arrays.copyOf(pred.shape(), pred.rank() - 1);
        if (!Shape.equal(labels.shape(), expected)) {
            String hint = Shape.equal(labels.shape(), pred.shape())
                    ? " y_true has the shape of y_pred, so it looks one-hot encoded: use CategoricalCrossentropy"
                    + " ('categorical_crossentropy') / CategoricalAccuracy, or pass the integer class ids."
                    : " y_true must hold one integer class id per prediction row, shape " + Shape.keras(expected)
                    + " (or " + Shape.keras(withOne(expected)) + ").";
            throw new IllegalArgumentException(who + ": y_true shape " + Shape.keras(yTrue.shape())
                    + " does not match y_pred shape " + Shape.keras(yPred.shape()) + " without its class axis "
                    + Shape.keras(expected) + "." + hint);
        }
        double[] v = labels.toDoubleArray();
        long[] safe = new long[v.length];
        boolean[] valid = ignoreClass == null ? null : new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (ignoreClass != null && x == ignoreClass) {
                continue;
            }
            if (valid != null) {
                valid[i] = true;
            }
            if (x != Math.rint(x) || x < 0 || x >= classes) {
                throw new IllegalArgumentException(who + ": label " + (x == Math.rint(x) ? Long.toString((long) x)
                        : Double.toString(x)) + " at position " + i + " is outside [0, " + classes + ") for y_pred with "
                        + classes + " classes (shape " + Shape.keras(yPred.shape()) + "). Labels must be integer"
                        + " class ids 0.." + (classes - 1) + (x == classes ? "; 1-based labels need 1 subtracted" : "")
                        + "; to skip a label value, pass it as ignore_class.");
            }
            safe[i] = (long) x;
        }
        Tensor oh = LossUtils.as(Tensor.oneHot(Tensor.ofLongs(safe, labels.shape()), classes), t);
        Tensor mask = null;
        if (valid != null) {
            mask = Tensor.ofBooleans(valid, labels.shape());
            oh = oh.mul(LossUtils.as(mask, t).unsqueeze(-1));
        }
        return new Labels(pred, oh, mask);
    }

    private static int[] withOne(int[] shape) {
        int[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = 1;
        return s;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        if (axis != -1) {
            config.put("axis", axis);
        }
    }
}
