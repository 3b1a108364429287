package dev.airfoil.losses;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loss base class: computes per-sample values with {@link #call} and turns them into the training
 * objective with {@link #compute}, which applies sample weights, masks and the reduction exactly as
 * Keras 3's {@code Loss.__call__}.
 *
 * <p>Arguments shared by every loss:
 * <ul>
 *   <li>{@code reduction}: {@code "sum_over_batch_size"} (default) sums the weighted values and divides
 *       by their number of elements; {@code "mean"} is the same; {@code "sum"} sums;
 *       {@code "mean_with_sample_weight"} sums and divides by the sum of the sample weights (or by the
 *       number of elements when there are none); {@code "none"} returns the weighted values.</li>
 *   <li>{@code name}: the loss's name, by default Keras's snake_case name ({@code "mean_squared_error"}).</li>
 * </ul>
 *
 * <p>Sample weights and masks: per-sample values and weights are aligned with Keras's
 * {@code squeeze_or_expand_to_same_rank} (a trailing size-1 axis is removed or added when ranks differ
 * by one) and then multiplied with NumPy broadcasting, so a scalar value (as {@link Dice} with
 * {@code axis=null} returns) times a {@code (batch,)} weight gives {@code (batch,)} values. A mask (from
 * the model or from the loss itself, as {@link SparseCategoricalCrossentropy} with {@code ignore_class})
 * is folded into the weights; for {@code "sum_over_batch_size"} and {@code "mean"} it is first scaled by
 * {@code total / valid}, so the result is the mean over the valid entries only.
 *
 * <p>Computation happens in {@code y_pred}'s floating dtype (float32 normally, float64 in gradient
 * checks); {@code y_true} is cast to it.
 *
 * <pre>{@code
 * Loss mse = new MeanSquaredError();
 * Tensor value = mse.compute(yTrue, yPred);              // scalar, differentiable w.r.t. yPred
 * Tensor perSample = mse.call(yTrue, yPred);             // shape (batch,)
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 *
 * <p>Subclasses implement {@link #call}, add their hyperparameters in {@link #addConfig}, and are
 * registered in {@link Losses}.
 */
public abstract class Loss implements Configurable {
    /** Sum of the weighted values divided by their number of elements (the default). */
    public static final String SUM_OVER_BATCH_SIZE = "sum_over_batch_size";
    /** Sum of the weighted values. */
    public static final String SUM = "sum";
    /** Same as {@link #SUM_OVER_BATCH_SIZE}. */
    public static final String MEAN = "mean";
    /** Sum of the weighted values divided by the sum of the sample weights. */
    public static final String MEAN_WITH_SAMPLE_WEIGHT = "mean_with_sample_weight";
    /** No reduction: the weighted per-sample values. */
    public static final String NONE = "none";

    private static final Set<String> REDUCTIONS = Set.of(SUM_OVER_BATCH_SIZE, SUM, MEAN, MEAN_WITH_SAMPLE_WEIGHT, NONE);

    private final String name;
    private final String reduction;

    /**
     * @param name      the loss name (null for {@code defaultName})
     * @param reduction one of the reduction constants (null means {@code "none"}, as Keras's {@code None})
     * @param defaultName Keras's default name for the class
     */
    protected Loss(String name, String reduction, String defaultName) {
        this.name = name == null ? defaultName : name;
        this.reduction = standardizeReduction(reduction);
    }

    /** Validates a reduction name (null means {@code "none"}). */
    public static String standardizeReduction(String reduction) {
        if (reduction == null) {
            return NONE;
        }
        if (!REDUCTIONS.contains(reduction)) {
            throw new IllegalArgumentException("Invalid value for argument `reduction`. Expected one of "
                    + "[sum_over_batch_size, sum, mean, mean_with_sample_weight, none]. Received: reduction="
                    + reduction);
        }
        return reduction;
    }

    /** The loss name. */
    public final String name() {
        return name;
    }

    /** The reduction. */
    public final String reduction() {
        return reduction;
    }

    /**
     * Per-sample loss values, before weighting and reduction (Keras's {@code call}). Most losses reduce
     * the last axis, so {@code (batch, d)} inputs give {@code (batch,)}.
     *
     * @param yTrue targets (any numeric dtype; cast to {@code yPred}'s floating type)
     * @param yPred predictions
     */
    public abstract Tensor call(Tensor yTrue, Tensor yPred);

    /**
     * Per-sample values together with the mask the loss itself produces (null for most losses; the
     * valid entries for {@link SparseCategoricalCrossentropy} with {@code ignore_class}).
     */
    public Masked callMasked(Tensor yTrue, Tensor yPred) {
        return new Masked(call(yTrue, yPred), null);
    }

    /**
     * Per-sample values with an optional mask (1/true = valid).
     *
     * @param values the per-sample loss values
     * @param mask   the valid entries, or null when all are
     */
    public record Masked(Tensor values, Tensor mask) {
    }

    /** The reduced loss without sample weights. */
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        return compute(yTrue, yPred, null, null);
    }

    /** The reduced loss with optional sample weights (null for none). */
    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return compute(yTrue, yPred, sampleWeight, null);
    }

    /**
     * The reduced loss, as Keras's {@code loss(y_true, y_pred, sample_weight)}.
     *
     * @param yTrue        targets
     * @param yPred        predictions (the tensor gradients flow to)
     * @param sampleWeight optional weights, typically of shape {@code (batch,)}; null for none
     * @param mask         optional mask on {@code y_pred} (as Keras's {@code _keras_mask}); null for none
     * @return a scalar, or the weighted per-sample values for {@code reduction="none"}
     */
    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor mask) {
        DType t = LossUtils.computeType(yPred);
        Masked out = callMasked(LossUtils.as(yTrue, t), LossUtils.as(yPred, t));
        Tensor m = mask;
        if (m != null && out.mask() != null) {
            m = m.cast(DType.BOOL).and(out.mask().cast(DType.BOOL));
        } else if (m == null) {
            m = out.mask();
        }
        return reduceWeightedValues(out.values(), sampleWeight, m, reduction);
    }

    /** Keras's {@code reduce_weighted_values}: merges mask into weights, weights the values, reduces. */
    public static Tensor reduceWeightedValues(Tensor values, Tensor sampleWeight, Tensor mask, String reduction) {
        reduction = standardizeReduction(reduction);
        DType t = values.dtype().isFloating() ? values.dtype() : DType.FLOAT32;
        values = LossUtils.as(values, t);
        Tensor sw = sampleWeight == null ? null : LossUtils.as(sampleWeight.detach(), t);
        if (mask != null) {
            Tensor mk = LossUtils.as(mask.detach(), t);
            if (reduction.equals(MEAN) || reduction.equals(SUM_OVER_BATCH_SIZE)) {
                double total = mk.size();
                double valid = mk.sum().item();
                mk = mk.mul(valid == 0 ? 0 : total / valid);
            }
            if (sw != null) {
                Tensor[] p = LossUtils.squeezeOrExpand(mk, sw);
                sw = p[1].mul(p[0]);
            } else {
                sw = mk;
            }
        }
        if (sw != null) {
            Tensor[] p = LossUtils.squeezeOrExpand(values, sw);
            values = p[0].mul(p[1]);
            sw = p[1];
        }
        return reduceValues(values, sw, reduction);
    }

    /** Keras's {@code reduce_values}. */
    static Tensor reduceValues(Tensor values, Tensor sampleWeight, String reduction) {
        int[] s = values.shape();
        if (reduction.equals(NONE) || s.length == 0 || (s.length == 1 && s[0] == 0)) {
            return values;
        }
        Tensor loss = values.sum();
        if (reduction.equals(SUM)) {
            return loss;
        }
        double divisor = reduction.equals(MEAN_WITH_SAMPLE_WEIGHT) && sampleWeight != null
                ? sampleWeight.sum().item() : values.size();
        if (divisor == 0) {
            // divide_no_nan: 0 with a zero gradient.
            return Tensor.where(Tensor.scalar(DType.BOOL, 0), loss, Tensor.zerosLike(loss));
        }
        return loss.div(divisor);
    }

    /** The Keras class name, such as {@code "MeanSquaredError"}. */
    @Override
    public String className() {
        return getClass().getSimpleName();
    }

    /** {@code "keras.losses"}. */
    @Override
    public String module() {
        return "keras.losses";
    }

    /** {@code name}, {@code reduction} and the subclass's hyperparameters, with Keras's keys. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("reduction", reduction);
        addConfig(m);
        return m;
    }

    /** Adds the subclass's hyperparameters to a config. */
    protected void addConfig(Map<String, Object> config) {
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
