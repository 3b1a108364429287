package dev.airfoil.layers.activation;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Parametric ReLU (Keras {@code PReLU}): {@code x} for x &gt;= 0, {@code alpha * x} otherwise, with a
 * learned {@code alpha} per input unit (shared along {@code shared_axes}). Alpha starts at zeros.
 */
public class PReLU extends Layer implements SupportsMasking {
    private final Initializer alphaInitializer;
    private final Regularizer alphaRegularizer;
    private final Constraint alphaConstraint;
    private final int[] sharedAxes;
    private Variable alpha;

    /** Alpha initialised to zeros, one per unit. */
    public PReLU() {
        this("zeros", null, null, null, null);
    }

    /** All Keras arguments (null for defaults); {@code sharedAxes} are 1-based non-batch axes. */
    public PReLU(Object alphaInitializer, Object alphaRegularizer, Object alphaConstraint, int[] sharedAxes, String name) {
        super(name);
        this.alphaInitializer = Initializers.get(alphaInitializer == null ? "zeros" : alphaInitializer);
        this.alphaRegularizer = Regularizers.get(alphaRegularizer);
        this.alphaConstraint = Constraints.get(alphaConstraint);
        this.sharedAxes = sharedAxes == null ? null : sharedAxes.clone();
    }

    /** From a Keras config. */
    public static PReLU fromConfig(ConfigMap c) {
        return new PReLU(c.get("alpha_initializer"), c.get("alpha_regularizer"), c.get("alpha_constraint"),
                c.getIntArray("shared_axes", null), c.getString("name", null));
    }

    @Override
    protected String defaultNamePrefix() {
        return "p_re_lu";
    }

    @Override
    protected void build(int[] inputShape) {
        int[] shape = java.util.Arrays.copyOfRange(inputShape, 1, inputShape.length);
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                shape[a - 1] = 1;
            }
        }
        alpha = addWeight("alpha", shape, alphaInitializer, true, alphaRegularizer, alphaConstraint);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor pos = x.relu();
        Tensor neg = x.neg().relu().neg().mul(alpha.value());
        return pos.add(neg);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The learned slopes. */
    public Variable alpha() {
        return alpha;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("alpha_initializer", alphaInitializer.serialize());
        m.put("alpha_regularizer", Serialization.orNull(alphaRegularizer));
        m.put("alpha_constraint", Serialization.orNull(alphaConstraint));
        m.put("shared_axes", sharedAxes == null ? null : ConfigMap.shapeList(sharedAxes));
        return m;
    }
}
