package dev.airfoil.layers.normalization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Scales each sample to unit L2 norm along {@code axis} (Keras {@code UnitNormalization}):
 * {@code x * min(1 / sqrt(sum(x^2)), 1e12)}.
 *
 * <p>Arguments: {@code axis} (-1; an integer or a list). Shape unchanged.
 *
 * <pre>{@code
 * new UnitNormalization();
 * }</pre>
 */
public class UnitNormalization extends Layer implements SupportsMasking {
    private final int[] axis;
    private final boolean axisIsList;

    /** Unit normalization over the last axis. */
    public UnitNormalization() {
        this(new int[] {-1}, false, null);
    }

    /** Unit normalization over the given axes. */
    public UnitNormalization(int[] axis, boolean axisIsList, String name) {
        super(name);
        this.axis = axis.clone();
        this.axisIsList = axisIsList;
    }

    /** From a Keras config. */
    public static UnitNormalization fromConfig(ConfigMap c) {
        return new UnitNormalization(c.getIntArray("axis", new int[] {-1}), c.get("axis") instanceof List,
                c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        Tensor inv = x.square().sum(axis, true).sqrt().reciprocal().minimum(1e12);
        return x.mul(inv);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axis", ScaleShift.axisConfig(axis, axisIsList));
        return m;
    }
}
