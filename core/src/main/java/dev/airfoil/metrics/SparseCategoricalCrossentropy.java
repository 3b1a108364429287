package dev.airfoil.metrics;

import java.util.Map;

/**
 * The mean sparse categorical cross-entropy between integer labels and predictions over everything
 * seen (see {@link dev.airfoil.losses.SparseCategoricalCrossentropy}).
 *
 * <p>Arguments: {@code from_logits} (false), {@code ignore_class} (null), {@code axis} (-1). As in Keras,
 * ignored entries are excluded from the count only when sample weights are given.
 */
public class SparseCategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final Integer ignoreClass;
    private final int axis;

    /** From probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false, null, -1, null);
    }

    /**
     * @param fromLogits  whether predictions are logits
     * @param ignoreClass a label value to ignore, or null
     * @param axis        the class axis
     * @param name        the metric name (null for {@code "sparse_categorical_crossentropy"})
     */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, int axis, String name) {
        super(new dev.airfoil.losses.SparseCategoricalCrossentropy(fromLogits, ignoreClass, axis), name,
                "sparse_categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
        this.axis = axis;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        config.put("axis", axis);
    }
}
