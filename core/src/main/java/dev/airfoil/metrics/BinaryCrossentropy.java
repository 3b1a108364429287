package dev.airfoil.metrics;

import java.util.Map;

/**
 * The mean binary cross-entropy between labels and predictions over everything seen (see
 * {@link dev.airfoil.losses.BinaryCrossentropy}).
 *
 * <p>Arguments: {@code from_logits} (false), {@code label_smoothing} (0).
 */
public class BinaryCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** From probabilities, no smoothing. */
    public BinaryCrossentropy() {
        this(false, 0.0, null);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param name           the metric name (null for {@code "binary_crossentropy"})
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, String name) {
        super(new dev.airfoil.losses.BinaryCrossentropy(fromLogits, labelSmoothing, -1), name, "binary_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
    }
}
