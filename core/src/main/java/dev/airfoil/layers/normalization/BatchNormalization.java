package dev.airfoil.layers.normalization;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Normalizes its input to zero mean and unit variance per feature (Keras {@code BatchNormalization}).
 *
 * <p>In training ({@code training = true} and the layer trainable) it uses the mean and the
 * (biased) variance of the current batch over every axis but {@code axis}, and updates the
 * moving statistics as Keras does: {@code moving = moving * momentum + batch * (1 - momentum)}.
 * In inference (or when frozen) it uses the moving statistics. The output is
 * {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}.
 *
 * <p>Arguments: {@code axis} (-1, the features axis); {@code momentum} (0.99); {@code epsilon}
 * (1e-3); {@code center} (true: add {@code beta}); {@code scale} (true: multiply by {@code gamma});
 * initializers of beta ({@code zeros}), gamma ({@code ones}), moving mean ({@code zeros}) and
 * moving variance ({@code ones}); regularizers and constraints of beta and gamma.
 *
 * <p>Weights, in Keras's order: {@code gamma}, {@code beta} (trainable), {@code moving_mean},
 * {@code moving_variance} (non-trainable), each of shape {@code (input_shape[axis],)}.
 * Input and output shape: any, unchanged.
 *
 * <pre>{@code
 * model.add(new Conv2D(32, 3));
 * model.add(new BatchNormalization());
 * model.add(new ActivationLayer("relu"));
 * }</pre>
 */
public class BatchNormalization extends Layer implements SupportsMasking {
    private final int axis;
    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInitializer;
    private final Initializer gammaInitializer;
    private final Initializer movingMeanInitializer;
    private final Initializer movingVarianceInitializer;
    private final Regularizer betaRegularizer;
    private final Regularizer gammaRegularizer;
    private final Constraint betaConstraint;
    private final Constraint gammaConstraint;
    private final boolean synchronizedFlag;
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;

    /** Batch normalization with Keras's defaults. */
    public BatchNormalization() {
        this(-1, 0.99, 1e-3, true, true, null);
    }

    /** Batch normalization with the main arguments (name null for automatic). */
    public BatchNormalization(int axis, double momentum, double epsilon, boolean center, boolean scale, String name) {
        this(axis, momentum, epsilon, center, scale, "zeros", "ones", "zeros", "ones", null, null, null, null, false, name);
    }

    /** Batch normalization with every argument. */
    public BatchNormalization(int axis, double momentum, double epsilon, boolean center, boolean scale,
                              Object betaInitializer, Object gammaInitializer, Object movingMeanInitializer,
                              Object movingVarianceInitializer, Object betaRegularizer, Object gammaRegularizer,
                              Object betaConstraint, Object gammaConstraint, boolean synchronizedFlag, String name) {
        super(name);
        this.axis = axis;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.betaInitializer = Initializers.get(betaInitializer);
        this.gammaInitializer = Initializers.get(gammaInitializer);
        this.movingMeanInitializer = Initializers.get(movingMeanInitializer);
        this.movingVarianceInitializer = Initializers.get(movingVarianceInitializer);
        this.betaRegularizer = Regularizers.get(betaRegularizer);
        this.gammaRegularizer = Regularizers.get(gammaRegularizer);
        this.betaConstraint = Constraints.get(betaConstraint);
        this.gammaConstraint = Constraints.get(gammaConstraint);
        this.synchronizedFlag = synchronizedFlag;
    }

    /** From a Keras config; {@code renorm = true} is not supported. */
    public static BatchNormalization fromConfig(ConfigMap c) {
        if (c.getBoolean("renorm", false)) {
            throw new UnsupportedOperationException("BatchNormalization: renorm=True is not supported; "
                    + "retrain with renorm=False");
        }
        int[] axes = c.getIntArray("axis", new int[] {-1});
        if (axes.length != 1) {
            throw new IllegalArgumentException("BatchNormalization config: 'axis' must be one integer, got "
                    + c.get("axis"));
        }
        return new BatchNormalization(axes[0], c.getDouble("momentum", 0.99), c.getDouble("epsilon", 1e-3),
                c.getBoolean("center", true), c.getBoolean("scale", true),
                c.has("beta_initializer") ? c.get("beta_initializer") : "zeros",
                c.has("gamma_initializer") ? c.get("gamma_initializer") : "ones",
                c.has("moving_mean_initializer") ? c.get("moving_mean_initializer") : "zeros",
                c.has("moving_variance_initializer") ? c.get("moving_variance_initializer") : "ones",
                c.get("beta_regularizer"), c.get("gamma_regularizer"), c.get("beta_constraint"),
                c.get("gamma_constraint"), c.getBoolean("synchronized", false), c.getString("name", null));
    }

    private int axisFor(int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for an input of rank " + rank);
        }
        return a;
    }

    @Override
    protected void build(int[] inputShape) {
        int a = axisFor(inputShape.length);
        int n = inputShape[a];
        if (n < 0) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " of the input must be known, got "
                    + Shape.str(inputShape));
        }
        int[] s = {n};
        if (scale) {
            gamma = addWeight("gamma", s, gammaInitializer, true, gammaRegularizer, gammaConstraint);
        }
        if (center) {
            beta = addWeight("beta", s, betaInitializer, true, betaRegularizer, betaConstraint);
        }
        movingMean = addWeight("moving_mean", s, movingMeanInitializer, false);
        movingVariance = addWeight("moving_variance", s, movingVarianceInitializer, false);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return normalize(input, null, training);
    }

    /**
     * With a mask (one axis fewer than the input, e.g. {@code (batch, timesteps)}), training computes
     * the batch statistics over the kept positions only, as Keras does: sums of the kept values and of
     * their squared deviations, each divided by the number of kept positions plus 1e-7.
     */
    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return applyMaskedSingle(inputs, masks, training, (x, mask) -> {
            if (mask.rank() != x.rank() - 1) {
                throw new IllegalArgumentException(describe() + ": the mask must have one axis fewer than the input; got mask "
                        + Shape.str(mask.shape()) + " for input " + Shape.str(x.shape()));
            }
            return normalize(x, mask, training);
        });
    }

    private Tensor normalize(Tensor input, Tensor mask, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        int rank = x.rank();
        int a = axisFor(rank);
        int[] bshape = new int[rank];
        java.util.Arrays.fill(bshape, 1);
        bshape[a] = x.dim(a);
        int[] reduce = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i != a) {
                reduce[k++] = i;
            }
        }
        Tensor mean;
        Tensor variance;
        if (training && isTrainable()) {
            if (mask != null) {
                Tensor keep = Masks.asBool(mask).unsqueeze(rank - 1).broadcastTo(x.shape());
                Tensor zero = Tensor.zeros(x.dtype(), 1);
                Tensor count = keep.cast(x.dtype()).sum(reduce, true).add(1e-7);
                mean = Tensor.where(keep, x, zero).sum(reduce, true).div(count);
                variance = Tensor.where(keep, x.sub(mean), zero).square().sum(reduce, true).div(count);
            } else {
                mean = x.mean(reduce, true);
                variance = x.sub(mean).square().mean(reduce, true);
            }
            try (GradMode.Scope s = GradMode.noGrad()) {
                Tensor m = mean.detach().reshape(-1);
                Tensor v = variance.detach().reshape(-1);
                movingMean.assign(movingMean.value().mul(momentum).add(m.mul(1.0 - momentum)));
                movingVariance.assign(movingVariance.value().mul(momentum).add(v.mul(1.0 - momentum)));
            }
        } else {
            mean = movingMean.value().reshape(bshape);
            variance = movingVariance.value().reshape(bshape);
        }
        Tensor inv = variance.add(epsilon).sqrt().reciprocal();
        if (scale) {
            inv = inv.mul(gamma.value().reshape(bshape));
        }
        Tensor y = x.sub(mean).mul(inv);
        if (center) {
            y = y.add(beta.value().reshape(bshape));
        }
        return y;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The moving mean, once built. */
    public Variable movingMean() {
        return movingMean;
    }

    /** The moving variance, once built. */
    public Variable movingVariance() {
        return movingVariance;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("axis", axis);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("beta_initializer", betaInitializer.serialize());
        m.put("gamma_initializer", gammaInitializer.serialize());
        m.put("moving_mean_initializer", movingMeanInitializer.serialize());
        m.put("moving_variance_initializer", movingVarianceInitializer.serialize());
        m.put("beta_regularizer", Serialization.orNull(betaRegularizer));
        m.put("gamma_regularizer", Serialization.orNull(gammaRegularizer));
        m.put("beta_constraint", Serialization.orNull(betaConstraint));
        m.put("gamma_constraint", Serialization.orNull(gammaConstraint));
        m.put("synchronized", synchronizedFlag);
        m.put("renorm", false);
        m.put("renorm_clipping", null);
        m.put("renorm_momentum", 0.99);
        return m;
    }
}
