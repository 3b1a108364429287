package dev.airfoil.losses;

import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Negative log-likelihood of a categorical output, {@code -log p[label]}, as PyTorch's
 * {@code NLLLoss} (from log-probabilities) and {@code CrossEntropyLoss} (from logits) but with the
 * Keras {@code (y_true, y_pred)} signature.
 *
 * <p>{@code y_true} is either integer class ids of shape {@code (batch, ..)} (or {@code (batch, .., 1)}), or
 * a distribution over classes of the same shape as {@code y_pred} (one-hot or soft labels), in which case
 * the value is {@code -sum(y_true * log p)}.
 *
 * <p>Arguments: {@code input} says what {@code y_pred} holds along its last axis:
 * {@code "probabilities"} (default; clipped to {@code [1e-7, 1]} before the log, not renormalized),
 * {@code "logits"} (log-softmax, stable) or {@code "log_probabilities"} (used as they are).
 * Labels outside {@code [0, num_classes)} raise an error.
 */
public class CategoricalNLL extends Loss {
    /** {@code y_pred} holds probabilities. */
    public static final String PROBABILITIES = "probabilities";
    /** {@code y_pred} holds unnormalized logits. */
    public static final String LOGITS = "logits";
    /** {@code y_pred} holds log-probabilities (a log-softmax output). */
    public static final String LOG_PROBABILITIES = "log_probabilities";

    private final String input;

    /** From probabilities. */
    public CategoricalNLL() {
        this(PROBABILITIES);
    }

    /** @param input {@link #PROBABILITIES}, {@link #LOGITS} or {@link #LOG_PROBABILITIES} */
    public CategoricalNLL(String input) {
        this(input, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param input     {@link #PROBABILITIES}, {@link #LOGITS} or {@link #LOG_PROBABILITIES}
     * @param name      the loss name (null for {@code "categorical_nll"})
     * @param reduction see {@link Loss}
     */
    public CategoricalNLL(String input, String name, String reduction) {
        super(name, reduction, "categorical_nll");
        if (!PROBABILITIES.equals(input) && !LOGITS.equals(input) && !LOG_PROBABILITIES.equals(input)) {
            throw new IllegalArgumentException("CategoricalNLL: input must be 'probabilities', 'logits' or"
                    + " 'log_probabilities', got '" + input + "'");
        }
        this.input = input;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = LossUtils.as(yPred, LossUtils.computeType(yPred));
        Tensor logp;
        if (LOGITS.equals(input)) {
            logp = y.logSoftmax(-1);
        } else if (LOG_PROBABILITIES.equals(input)) {
            logp = y;
        } else {
            logp = y.clip(LossUtils.EPSILON, 1.0).log();
        }
        if (yTrue.rank() == y.rank() && Shape.equal(yTrue.shape(), y.shape()) && y.dim(-1) > 1) {
            return LossUtils.as(yTrue, y.dtype()).mul(logp).sum(-1).neg();
        }
        SparseCategoricalCrossentropy.Labels l = SparseCategoricalCrossentropy.labels(className(), yTrue, y, -1,
                null);
        return l.oneHot().mul(logp).sum(-1).neg();
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("input", input);
    }
}
