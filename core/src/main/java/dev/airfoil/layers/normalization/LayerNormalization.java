package dev.airfoil.layers.normalization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Normalizes each sample over {@code axis} to zero mean and unit variance, independently of the
 * batch (Keras {@code LayerNormalization}): {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}.
 * With {@code rms_scaling} the mean is not subtracted and there is no beta:
 * {@code gamma * x / sqrt(var + epsilon)}, as Keras computes it; gamma is then created and applied
 * whatever {@code scale} says, as in Keras.
 *
 * <p>Arguments: {@code axis} (-1; an integer or a list); {@code epsilon} (1e-3); {@code center}
 * (true); {@code scale} (true); {@code rms_scaling} (false); beta / gamma initializers
 * ({@code zeros} / {@code ones}), regularizers and constraints. Weights: {@code gamma}, {@code beta}
 * of shape {@code input_shape[axis]}. Input and output shape: any, unchanged.
 *
 * <pre>{@code
 * new LayerNormalization();
 * new LayerNormalization(new int[] {1, 2}, 1e-6, true, true, false, null);
 * }</pre>
 */
public class LayerNormalization extends Layer implements SupportsMasking {
    private final int[] axis;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private final boolean rmsScaling;
    private final ScaleShift affine;
    private final boolean axisIsList;
    private Variable gamma;
    private Variable beta;

    /** Layer normalization over the last axis with Keras's defaults. */
    public LayerNormalization() {
        this(new int[] {-1}, 1e-3, true, true, false, null);
    }

    /** Layer normalization with the main arguments. */
    public LayerNormalization(int[] axis, double epsilon, boolean center, boolean scale, boolean rmsScaling, String name) {
        this(axis, axis.length != 1, epsilon, center, scale, rmsScaling, "zeros", "ones", null, null, null, null, name);
    }

    /** Layer normalization with every argument ({@code axisIsList}: write the axis as a list in the config). */
    public LayerNormalization(int[] axis, boolean axisIsList, double epsilon, boolean center, boolean scale,
                              boolean rmsScaling, Object betaInitializer, Object gammaInitializer,
                              Object betaRegularizer, Object gammaRegularizer, Object betaConstraint,
                              Object gammaConstraint, String name) {
        super(name);
        this.axis = axis.clone();
        this.axisIsList = axisIsList;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.rmsScaling = rmsScaling;
        this.affine = new ScaleShift(betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
                betaConstraint, gammaConstraint);
    }

    /** From a Keras config. */
    public static LayerNormalization fromConfig(ConfigMap c) {
        Object ax = c.get("axis");
        int[] axis = c.getIntArray("axis", new int[] {-1});
        return new LayerNormalization(axis, ax instanceof List, c.getDouble("epsilon", 1e-3),
                c.getBoolean("center", true), c.getBoolean("scale", true), c.getBoolean("rms_scaling", false),
                c.has("beta_initializer") ? c.get("beta_initializer") : "zeros",
                c.has("gamma_initializer") ? c.get("gamma_initializer") : "ones",
                c.get("beta_regularizer"), c.get("gamma_regularizer"), c.get("beta_constraint"),
                c.get("gamma_constraint"), c.getString("name", null));
    }

    private int[] axes(int rank) {
        return ScaleShift.resolveAxes(axis, rank, describe());
    }

    @Override
    protected void build(int[] inputShape) {
        int[] a = axes(inputShape.length);
        int[] p = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = inputShape[a[i]];
            if (p[i] < 0) {
                throw new IllegalArgumentException(describe() + ": the normalized axes must be known, got "
                        + Shape.str(inputShape));
            }
        }
        if (scale || rmsScaling) {
            gamma = addWeight("gamma", p, affine.gammaInitializer, true, affine.gammaRegularizer, affine.gammaConstraint);
        }
        if (center && !rmsScaling) {
            beta = addWeight("beta", p, affine.betaInitializer, true, affine.betaRegularizer, affine.betaConstraint);
        }
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        int[] a = axes(x.rank());
        int[] bshape = new int[x.rank()];
        Arrays.fill(bshape, 1);
        for (int d : a) {
            bshape[d] = x.dim(d);
        }
        Tensor mean = x.mean(a, true);
        Tensor variance = x.sub(mean).square().mean(a, true);
        Tensor inv = variance.add(epsilon).sqrt().reciprocal();
        if (gamma != null) {
            inv = inv.mul(gamma.value().reshape(bshape));
        }
        if (rmsScaling) {
            return x.mul(inv);
        }
        Tensor y = x.sub(mean).mul(inv);
        return beta != null ? y.add(beta.value().reshape(bshape)) : y;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axis", ScaleShift.axisConfig(axis, axisIsList));
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("rms_scaling", rmsScaling);
        affine.putConfig(m);
        return m;
    }
}
