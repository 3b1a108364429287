package dev.airfoil.layers.normalization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Group normalization (Keras {@code GroupNormalization}): the channels on {@code axis} are split
 * into {@code groups} groups, and each sample is normalized over every non-batch axis within each
 * group; then scaled by {@code gamma} and shifted by {@code beta} per channel. With
 * {@code groups = 1} it is layer normalization over all axes, with {@code groups = channels}
 * instance normalization.
 *
 * <p>Arguments: {@code groups} (32; must divide the channels); {@code axis} (-1); {@code epsilon}
 * (1e-3); {@code center}, {@code scale} (true); beta / gamma initializers, regularizers and
 * constraints. Weights: {@code gamma}, {@code beta} of shape {@code (channels,)}. Shape unchanged.
 *
 * <pre>{@code
 * new GroupNormalization(4);
 * }</pre>
 */
public class GroupNormalization extends Layer implements SupportsMasking {
    private final int groups;
    private final int axis;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private final ScaleShift affine;
    private Variable gamma;
    private Variable beta;

    /** Group normalization over the last axis. */
    public GroupNormalization(int groups) {
        this(groups, -1, 1e-3, true, true, "zeros", "ones", null, null, null, null, null);
    }

    /** Group normalization with every argument. */
    public GroupNormalization(int groups, int axis, double epsilon, boolean center, boolean scale,
                              Object betaInitializer, Object gammaInitializer, Object betaRegularizer,
                              Object gammaRegularizer, Object betaConstraint, Object gammaConstraint, String name) {
        super(name);
        if (groups <= 0) {
            throw new IllegalArgumentException("GroupNormalization: groups must be positive, got " + groups);
        }
        this.groups = groups;
        this.axis = axis;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.affine = new ScaleShift(betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
                betaConstraint, gammaConstraint);
    }

    /** From a Keras config. */
    public static GroupNormalization fromConfig(ConfigMap c) {
        return new GroupNormalization(c.getInt("groups", 32), c.getInt("axis", -1), c.getDouble("epsilon", 1e-3),
                c.getBoolean("center", true), c.getBoolean("scale", true),
                c.has("beta_initializer") ? c.get("beta_initializer") : "zeros",
                c.has("gamma_initializer") ? c.get("gamma_initializer") : "ones",
                c.get("beta_regularizer"), c.get("gamma_regularizer"), c.get("beta_constraint"),
                c.get("gamma_constraint"), c.getString("name", null));
    }

    private int axisFor(int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a <= 0 || a >= rank) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputShape[axisFor(inputShape.length)];
        if (c < 0) {
            throw new IllegalArgumentException(describe() + ": the channel axis must be known, got " + Shape.str(inputShape));
        }
        if (c % groups != 0 || c < groups) {
            throw new IllegalArgumentException(describe() + ": the number of channels (" + c
                    + ") must be a multiple of groups (" + groups + ")");
        }
        if (scale) {
            gamma = addWeight("gamma", new int[] {c}, affine.gammaInitializer, true, affine.gammaRegularizer,
                    affine.gammaConstraint);
        }
        if (center) {
            beta = addWeight("beta", new int[] {c}, affine.betaInitializer, true, affine.betaRegularizer,
                    affine.betaConstraint);
        }
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        int[] s = x.shape();
        int a = axisFor(s.length);
        int c = s[a];
        List<Integer> gs = new ArrayList<>();
        for (int v : s) {
            gs.add(v);
        }
        gs.set(a, c / groups);
        gs.add(a, groups);
        int[] gshape = gs.stream().mapToInt(Integer::intValue).toArray();
        Tensor g = x.reshape(gshape);
        int[] reduce = new int[gshape.length - 2];
        for (int i = 1, k = 0; i < gshape.length; i++) {
            if (i != a) {
                reduce[k++] = i;
            }
        }
        int[] bshape = new int[gshape.length];
        Arrays.fill(bshape, 1);
        bshape[a] = groups;
        bshape[a + 1] = c / groups;
        Tensor mean = g.mean(reduce, true);
        Tensor variance = g.sub(mean).square().mean(reduce, true);
        Tensor inv = variance.add(epsilon).sqrt().reciprocal();
        if (scale) {
            inv = inv.mul(gamma.value().reshape(bshape));
        }
        Tensor y = g.sub(mean).mul(inv);
        if (center) {
            y = y.add(beta.value().reshape(bshape));
        }
        return y.reshape(s);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("groups", groups);
        m.put("axis", axis);
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        affine.putConfig(m);
        return m;
    }
}
