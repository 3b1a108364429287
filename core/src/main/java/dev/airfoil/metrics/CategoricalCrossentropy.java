package dev.airfoil.metrics;

import java.util.Map;

/**
 * The mean categorical cross-entropy between one-hot labels and predictions over everything seen (see
 * {@link dev.airfoil.losses.CategoricalCrossentropy}).
 *
 * <p>Arguments: {@code from_logits} (false), {@code label_smoothing} (0), {@code axis} (-1).
 */
public class CategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** From probabilities, no smoothing, last axis. */
    public CategoricalCrossentropy() {
        this(false, 0.0, -1, null);
    }

    /**
     * @param fromLogits     whether predictions are logits
     * @param labelSmoothing smoothing in [0, 1]
     * @param axis           the class axis
     * @param name           the metric name (null for {@code "categorical_crossentropy"})
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, String name) {
        super(new dev.airfoil.losses.CategoricalCrossentropy(fromLogits, labelSmoothing, axis), name,
                "categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }
}
