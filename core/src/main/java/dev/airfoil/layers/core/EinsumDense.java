package dev.airfoil.layers.core;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.VarianceScaling;
import dev.airfoil.layers.KernelBiasOptions;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * A layer that uses {@code einsum} as the backing computation (Keras {@code EinsumDense}):
 * {@code output = activation(einsum(equation, input, kernel) + bias)}, a dense layer of any
 * dimensionality.
 *
 * <p>The equation takes one of three forms: {@code ab,bc->ac}, {@code ...ab,bc->...ac} (any leading
 * axes, batch included) or {@code ab...,bc->ac...} (any trailing axes). The kernel's shape follows from
 * the equation: each kernel letter takes its size from the output ({@code output_shape}) or, when the
 * output lacks it, from the input. {@code bias_axes} names the output letters that get a bias; the bias
 * has the shape of the output from the first of them on, 1 on the other axes. The einsum runs as one
 * (batched) matrix product on Airfoil's GEMM kernels: the input and the kernel are permuted to
 * {@code (batch, rows, depth)} and {@code (batch, depth, cols)}, the product is permuted to the output's
 * axis order.
 *
 * <p>Arguments: {@code equation}; {@code output_shape} (the output's shape without the batch axis and
 * the ellipsis, {@code -1} (None) where the input gives the size); {@code activation} (none);
 * {@code bias_axes} (null: no bias); {@code kernel_initializer} ({@code glorot_uniform}, whose fans
 * count the kernel's input and output axes as Keras does); {@code bias_initializer} ({@code zeros});
 * kernel / bias / activity regularizers and kernel / bias constraints (none). Weights: {@code kernel},
 * {@code bias}.
 *
 * <pre>{@code
 * new EinsumDense("ab,bc->ac", new int[] {64}, "c");            // Dense(64)
 * new EinsumDense("abc,cd->abd", new int[] {-1, 64}, "d");      // (None, 32, 128) -> (None, 32, 64)
 * EinsumDense.builder("...x,xy->...y", 64).biasAxes("y").activation("relu").build();
 * }</pre>
 */
public class EinsumDense extends Layer {
    private final String equationText;
    private final EinsumEquation equation;
    private final int[] partialOutputShape;
    private final String biasAxes;
    private final Activation activation;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint biasConstraint;
    private EinsumEquation.Analysis analysis;
    private Variable kernel;
    private Variable bias;

    /** An einsum layer without activation; {@code biasAxes} may be null for no bias. */
    public EinsumDense(String equation, int[] outputShape, String biasAxes) {
        this(builder(equation, outputShape).biasAxes(biasAxes));
    }

    /** An einsum layer from a builder. */
    public EinsumDense(Builder b) {
        super(b.name);
        this.equationText = b.equation;
        this.equation = new EinsumEquation(describe(), b.equation);
        if (b.outputShape == null) {
            throw new IllegalArgumentException(describe() + ": output_shape is required; give the output's sizes"
                    + " without the batch axis, e.g. new int[] {64}");
        }
        this.partialOutputShape = b.outputShape.clone();
        this.biasAxes = b.biasAxes;
        this.activation = Activations.get(b.activation);
        KernelBiasOptions.Resolved w = b.resolve();
        this.kernelInitializer = w.kernelInitializer();
        this.biasInitializer = w.biasInitializer();
        this.kernelRegularizer = w.kernelRegularizer();
        this.biasRegularizer = w.biasRegularizer();
        this.kernelConstraint = w.kernelConstraint();
        this.biasConstraint = w.biasConstraint();
        setActivityRegularizer(w.activityRegularizer());
        equation.requireOutputShape(partialOutputShape);
    }

    /**
     * From a Keras config ({@code output_shape} an integer or a list with nulls). LoRA ({@code lora_rank}) and
     * quantized layers ({@code quantization_config}) are refused: their extra weights have no Airfoil form.
     */
    public static EinsumDense fromConfig(ConfigMap c) {
        for (String key : new String[] {"lora_rank", "quantization_config", "gptq_unpacked_column_size"}) {
            if (c.get(key) != null) {
                throw new IllegalArgumentException("Layer '" + c.getString("name", "einsum_dense") + "' (EinsumDense): "
                        + key + " " + c.get(key) + " is not supported; in Keras, merge the LoRA weights or dequantize"
                        + " the layer (a plain float kernel) before saving");
            }
        }
        Builder b = builder(c.getString("equation", null), c.getIntArray("output_shape", null))
                .name(c.getString("name", null)).activation(c.get("activation"))
                .biasAxes(c.getString("bias_axes", null));
        return new EinsumDense(b.readConfig(c));
    }

    /** A builder with Keras's defaults ({@code outputShape}: without the batch axis, -1 for None). */
    public static Builder builder(String equation, int... outputShape) {
        return new Builder(equation, outputShape);
    }

    @Override
    protected void build(int[] inputShape) {
        EinsumEquation.Analysis a = equation.analyze(inputShape, partialOutputShape, biasAxes);
        for (int i = 0; i < a.kernelShape().length; i++) {
            if (a.kernelShape()[i] < 0) {
                throw new IllegalArgumentException(describe() + ": the size of kernel axis '" + a.weight().charAt(i)
                        + "' of equation '" + equationText + "' is unknown for input " + Shape.str(inputShape)
                        + " and output_shape " + Shape.str(partialOutputShape) + "; give it in output_shape or "
                        + "the input's shape");
            }
        }
        kernel = addWeight("kernel", a.kernelShape(), kernelInitializer(a), true, kernelRegularizer, kernelConstraint);
        if (a.biasShape() != null) {
            bias = addWeight("bias", a.biasShape(), biasInitializer, true, biasRegularizer, biasConstraint);
        }
        analysis = a;
    }

    /** A variance-scaling initializer counts the kernel's input and output axes as Keras's EinsumDense tells it. */
    private Initializer kernelInitializer(EinsumEquation.Analysis a) {
        if (!(kernelInitializer instanceof VarianceScaling vs)) {
            return kernelInitializer;
        }
        return new Initializer() {
            @Override
            public Tensor generate(int[] shape, DType dt) {
                return vs.generate(shape, dt, a.inputAxes(), a.outputAxes());
            }

            @Override
            public String className() {
                return vs.className();
            }

            @Override
            public Map<String, Object> getConfig() {
                return vs.getConfig();
            }
        };
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (analysis.input().length() != input.rank()) {
            throw new IllegalArgumentException(describe() + ": equation '" + equationText + "' was built for inputs"
                    + " of rank " + analysis.input().length() + " but received shape " + Shape.str(input.shape())
                    + "; use a new layer for another rank");
        }
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        Tensor y = contract(x, kernel.value(), bias == null ? null : bias.value());
        return activation == null ? y : activation.apply(y);
    }

    /**
     * {@code einsum(x, kernel) + bias} as one matrix product: a plain one through {@link Dense#affine}
     * (the bias added in the GEMM when it covers exactly the product's columns), else a batched
     * {@code matmul} between permuted operands.
     */
    private Tensor contract(Tensor x, Tensor w, Tensor b) {
        EinsumEquation.Contraction c = analysis.contraction(x.shape());
        if (c.sumAxes().length > 0) {
            x = x.sum(c.sumAxes(), false);
        }
        Tensor xm = x.permute(c.xPerm());
        Tensor wm = w.permute(c.wPerm());
        Tensor y;
        if (c.isPlainMatrixProduct()) {
            boolean fuseBias = b != null && biasCoversColumns(c);
            y = Dense.affine(xm.reshape(c.rows(), c.depth()), wm.reshape(c.depth(), c.cols()),
                    fuseBias ? b.reshape(c.cols()) : null);
            y = y.reshape(c.yDims());
            return b == null || fuseBias ? y : y.add(b);
        }
        y = xm.reshape(c.batch(), c.rows(), c.depth()).matmul(wm.reshape(c.batch(), c.depth(), c.cols()));
        y = y.reshape(c.yDims()).permute(c.yPerm());
        return b == null ? y : y.add(b);
    }

    /** Whether the bias has exactly the shape of the product's column axes (one value per column). */
    private boolean biasCoversColumns(EinsumEquation.Contraction c) {
        int[] bs = bias.shape();
        if (bs.length != c.colLabels().length()) {
            return false;
        }
        for (char ch : c.colLabels().toCharArray()) {
            if (biasAxes.indexOf(ch) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return equation.analyze(inputShape, partialOutputShape, biasAxes).outputShape();
    }

    /** The equation. */
    public String equation() {
        return equationText;
    }

    /** The partial output shape as given ({@code -1} for None). */
    public int[] partialOutputShape() {
        return partialOutputShape.clone();
    }

    /** The output letters that get a bias, or null. */
    public String biasAxes() {
        return biasAxes;
    }

    /** The activation, or null for linear. */
    public Activation activation() {
        return activation;
    }

    /** The kernel, once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, once built and when {@code bias_axes} is given. */
    public Variable bias() {
        return bias;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("output_shape", ConfigMap.shapeList(partialOutputShape));
        m.put("equation", equationText);
        m.put("activation", Activations.serialize(activation));
        m.put("bias_axes", biasAxes);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        m.put("quantization_config", null);
        return m;
    }

    /** Builder of {@link EinsumDense} with Keras's argument names and defaults. */
    public static final class Builder extends KernelBiasOptions<Builder> {
        private final String equation;
        private final int[] outputShape;
        private Object activation;
        private String biasAxes;
        private String name;

        Builder(String equation, int[] outputShape) {
            this.equation = equation;
            this.outputShape = outputShape;
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

        /** The output letters that get a bias (default null: no bias). */
        public Builder biasAxes(String axes) {
            this.biasAxes = axes;
            return this;
        }

        /** The layer name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public EinsumDense build() {
            return new EinsumDense(this);
        }
    }
}
