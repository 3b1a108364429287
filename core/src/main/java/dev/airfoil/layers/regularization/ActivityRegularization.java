package dev.airfoil.layers.regularization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.regularizers.L1L2;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * The identity, adding {@code l1 * sum(|x|) + l2 * sum(x^2)} of its output (divided by the batch
 * size) to the model's losses in training (Keras {@code ActivityRegularization}).
 *
 * <p>Arguments: {@code l1} (0); {@code l2} (0). Shape unchanged.
 *
 * <pre>{@code
 * new ActivityRegularization(1e-5, 0);
 * }</pre>
 */
public class ActivityRegularization extends Layer implements SupportsMasking {
    private final double l1;
    private final double l2;

    /** Activity regularization with the given factors. */
    public ActivityRegularization(double l1, double l2) {
        this(l1, l2, null);
    }

    /** Activity regularization with a name (null for automatic). */
    public ActivityRegularization(double l1, double l2, String name) {
        super(name);
        this.l1 = l1;
        this.l2 = l2;
        setActivityRegularizer(new L1L2(l1, l2));
    }

    /** From a Keras config. */
    public static ActivityRegularization fromConfig(ConfigMap c) {
        return new ActivityRegularization(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return input;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("l1", l1);
        m.put("l2", l2);
        return m;
    }
}
