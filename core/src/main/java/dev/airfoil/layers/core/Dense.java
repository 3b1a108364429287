package dev.airfoil.layers.core;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.FusedActivation;
import dev.airfoil.activations.Activations;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.layers.KernelBiasOptions;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Just your regular densely-connected layer: {@code output = activation(dot(input, kernel) + bias)}.
 *
 * <p>On an input of rank greater than 2 it acts on the last axis, exactly as Keras: a
 * {@code (batch, 28, 28)} input gives {@code (batch, 28, units)}.
 *
 * <p>Arguments: {@code units}; {@code activation} (default none); {@code use_bias} (true);
 * {@code kernel_initializer} ({@code glorot_uniform}); {@code bias_initializer} ({@code zeros});
 * kernel / bias / activity regularizers and kernel / bias constraints (none); {@code name}.
 *
 * <pre>{@code
 * new Dense(300, "relu");
 * Dense.builder(10).activation("softmax").kernelInitializer("he_normal").name("Dense Layer").build();
 * }</pre>
 */
public class Dense extends Layer implements SupportsMasking {
    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint biasConstraint;
    private final DenseOps.Act fusedActivation;
    /** The activation's float32 kernels when {@link #fusedActivation} is POINTWISE. */
    private final FusedActivation pointwise;
    private Variable kernel;
    private Variable bias;

    /** A linear Dense layer with default initializers. */
    public Dense(int units) {
        this(builder(units));
    }

    /** A Dense layer with an activation given by Keras name ({@code "relu"}). */
    public Dense(int units, String activation) {
        this(builder(units).activation(activation));
    }

    /** A named Dense layer with an activation given by Keras name. */
    public Dense(int units, String activation, String name) {
        this(builder(units).activation(activation).name(name));
    }

    /** A Dense layer from a builder. */
    public Dense(Builder b) {
        super(b.name);
        if (b.units <= 0) {
            throw new IllegalArgumentException("Dense: units must be a positive integer, got " + b.units);
        }
        this.units = b.units;
        this.activation = Activations.get(b.activation);
        this.fusedActivation = DenseOps.fusable(activation);
        this.pointwise = FusedActivation.of(activation);
        this.useBias = b.useBias;
        KernelBiasOptions.Resolved w = b.resolve();
        this.kernelInitializer = w.kernelInitializer();
        this.biasInitializer = w.biasInitializer();
        this.kernelRegularizer = w.kernelRegularizer();
        this.biasRegularizer = w.biasRegularizer();
        this.kernelConstraint = w.kernelConstraint();
        this.biasConstraint = w.biasConstraint();
        setActivityRegularizer(w.activityRegularizer());
    }

    /** From a Keras config. */
    public static Dense fromConfig(ConfigMap c) {
        Builder b = builder(c.getInt("units", 0)).name(c.getString("name", null))
                .activation(c.get("activation")).useBias(c.getBoolean("use_bias", true));
        return new Dense(b.readConfig(c));
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException(describe() + " needs an input of rank >= 1 (batch first), got shape "
                    + Shape.str(inputShape));
        }
        int in = inputShape[inputShape.length - 1];
        if (in < 0) {
            throw new IllegalArgumentException(describe() + ": the last axis of the input must be known, got "
                    + Shape.str(inputShape) + "; give Input a full shape");
        }
        kernel = addWeight("kernel", new int[] {in, units}, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    /**
     * {@code x · kernel + bias} over the last axis of {@code x} ({@code bias} may be null), as a Dense
     * layer without activation computes it: for float32 operands one GEMM with the bias added in place and
     * one autodiff node, else {@code matmul} then {@code add}. For layers that project their inputs, such
     * as the recurrent layers' input projection over all timesteps.
     */
    public static Tensor affine(Tensor x, Tensor kernel, Tensor bias) {
        if (DenseOps.applies(DenseOps.Act.LINEAR, x, kernel, bias)) {
            return DenseOps.forward(x, kernel, bias, DenseOps.Act.LINEAR, null);
        }
        Tensor y = x.matmul(kernel);
        return bias == null ? y : y.add(bias);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int in = kernel.shape()[0];
        if (input.rank() < 1 || input.shape()[input.rank() - 1] != in) {
            throw new IllegalArgumentException(describe() + " expects the last axis of its input to be " + in
                    + " but received shape " + Shape.str(input.shape()) + "; check the previous layer's output");
        }
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        Tensor b = useBias ? bias.value() : null;
        if (DenseOps.applies(fusedActivation, x, kernel.value(), b)) {
            return DenseOps.forward(x, kernel.value(), b, fusedActivation, pointwise);
        }
        Tensor y = x.matmul(kernel.value());
        if (useBias) {
            y = y.add(bias.value());
        }
        return activation == null ? y : activation.apply(y);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    /** The number of output units. */
    public int units() {
        return units;
    }

    /** The activation, or null for linear. */
    public Activation activation() {
        return activation;
    }

    /** The kernel of shape (input dim, units), once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias of shape (units), once built and when {@code use_bias}. */
    public Variable bias() {
        return bias;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("units", units);
        m.put("activation", Activations.serialize(activation));
        m.put("use_bias", useBias);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        m.put("quantization_config", null);
        if (activityRegularizer() != null) {
            // Keras 3 drops this key; it is kept when set so the config round-trips
            m.put("activity_regularizer", activityRegularizer().serialize());
        }
        return m;
    }

    /** Builder of {@link Dense} with Keras's argument names and defaults. */
    public static final class Builder extends KernelBiasOptions<Builder> {
        private final int units;
        private Object activation;
        private boolean useBias = true;
        private String name;

        Builder(int units) {
            this.units = units;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Activation by Keras name or {@link Activation}. */
        public Builder activation(Object a) {
            this.activation = a;
            return this;
        }

        /** Whether to add a bias (default true). */
        public Builder useBias(boolean b) {
            this.useBias = b;
            return this;
        }

        /** The layer name (any non-empty string without '/'). */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public Dense build() {
            return new Dense(this);
        }
    }
}
