package dev.airfoil.layers.convolutional;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The common part of {@link Conv1D}, {@link Conv2D} and {@link Conv3D}: an N-d convolution
 * {@code activation(conv(inputs, kernel) + bias)} with Keras's arguments and kernel layout
 * {@code (*kernel_size, in_channels / groups, filters)}.
 *
 * <p>Computed by the fused im2col + GEMM primitive {@link ConvOps#conv} on channels-last data;
 * {@code channels_first} inputs are transposed in and out.
 */
public abstract class BaseConv extends Layer {
    final int rank;
    final int filters;
    final int[] kernelSize;
    final int[] strides;
    final String padding;
    final String dataFormat;
    final int[] dilationRate;
    final int groups;
    final Activation activation;
    final boolean useBias;
    final Initializer kernelInitializer;
    final Initializer biasInitializer;
    final Regularizer kernelRegularizer;
    final Regularizer biasRegularizer;
    final Constraint kernelConstraint;
    final Constraint biasConstraint;
    final boolean fusedRelu;
    /** Whether the activation is the identity (with {@link #fusedRelu}: whether a max pooling may be fused after this layer). */
    final boolean linear;
    Variable kernel;
    Variable bias;
    private volatile ConvGeometry geometry;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    /** A convolution of {@code rank} spatial axes from its options. */
    protected BaseConv(int rank, ConvOptions<?> o) {
        super(o.name);
        this.rank = rank;
        String owner = getClass().getSimpleName();
        if (o.filters <= 0) {
            throw new IllegalArgumentException(owner + ": filters must be a positive integer, got " + o.filters);
        }
        if (o.kernelSize == null) {
            throw new IllegalArgumentException(owner + ": kernel_size is required");
        }
        checkPositive(o.kernelSize, "kernel_size", owner);
        checkPositive(o.strides, "strides", owner);
        checkPositive(o.dilationRate, "dilation_rate", owner);
        if (o.groups <= 0 || o.filters % o.groups != 0) {
            throw new IllegalArgumentException(owner + ": filters (" + o.filters + ") must be divisible by groups ("
                    + o.groups + ")");
        }
        this.filters = o.filters;
        this.kernelSize = o.kernelSize.clone();
        this.strides = o.strides.clone();
        this.padding = ConvOptions.normalisePadding(o.padding, owner, rank == 1);
        this.dataFormat = DataFormats.check(o.dataFormat, owner);
        this.dilationRate = o.dilationRate.clone();
        this.groups = o.groups;
        this.activation = Activations.get(o.activation);
        this.fusedRelu = "relu".equals(Activations.serialize(activation));
        this.linear = "linear".equals(Activations.serialize(activation));
        this.useBias = o.useBias;
        this.kernelInitializer = Initializers.get(o.kernelInitializer);
        this.biasInitializer = Initializers.get(o.biasInitializer);
        this.kernelRegularizer = Regularizers.get(o.kernelRegularizer);
        this.biasRegularizer = Regularizers.get(o.biasRegularizer);
        this.kernelConstraint = Constraints.get(o.kernelConstraint);
        this.biasConstraint = Constraints.get(o.biasConstraint);
        setActivityRegularizer(Regularizers.get(o.activityRegularizer));
    }

    static void checkPositive(int[] v, String what, String owner) {
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must be positive, got " + Arrays.toString(v));
            }
        }
    }

    int channelAxis(int inputRank) {
        return dataFormat.equals("channels_first") ? 1 : inputRank - 1;
    }

    int inputChannels(int[] inputShape) {
        if (inputShape.length != rank + 2) {
            throw new IllegalArgumentException(describe() + " expects an input of rank " + (rank + 2)
                    + " (batch, " + (dataFormat.equals("channels_first") ? "channels, " + spatialNames() : spatialNames() + ", channels")
                    + "), got shape " + Shape.str(inputShape));
        }
        int c = inputShape[channelAxis(inputShape.length)];
        if (c < 0) {
            throw new IllegalArgumentException(describe() + ": the channel axis of the input must be known, got "
                    + Shape.str(inputShape));
        }
        return c;
    }

    private String spatialNames() {
        return rank == 1 ? "steps" : rank == 2 ? "rows, cols" : "dim1, dim2, dim3";
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputChannels(inputShape);
        if (c % groups != 0) {
            throw new IllegalArgumentException(describe() + ": the number of input channels (" + c
                    + ") must be divisible by groups (" + groups + ")");
        }
        int[] ks = Arrays.copyOf(kernelSize, rank + 2);
        ks[rank] = c / groups;
        ks[rank + 1] = filters;
        kernel = addWeight("kernel", ks, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    /** The cached geometry for a channels-last input shape. */
    ConvGeometry geometry(int[] lastShape) {
        int[] spatial = Arrays.copyOfRange(lastShape, 1, rank + 1);
        ConvGeometry g = geometry;
        if (g == null || !Arrays.equals(g.in(), spatial)) {
            ConvGeometry.requireWindowFits(describe(), lastShape, spatial, "kernel_size", kernelSize, dilationRate, padding);
            try {
                g = ConvGeometry.forward(spatial, kernelSize, strides, dilationRate, padding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": input " + Shape.str(lastShape) + ": " + e.getMessage(), e);
            }
            geometry = g;
        }
        return g;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        inputChannels(input.shape());
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        boolean first = dataFormat.equals("channels_first");
        if (first) {
            x = DataFormats.toChannelsLast(x);
        }
        Tensor y = ConvOps.conv(x, kernel.value(), useBias ? bias.value() : null, geometry(x.shape()), groups, fusedRelu);
        if (!fusedRelu) {
            y = activation.apply(y);
        }
        return first ? DataFormats.toChannelsFirst(y) : y;
    }

    /**
     * Whether {@link #callMaxPooled} computes this layer on {@code input}: the layer is built for the
     * input's shape, has no activity regularizer, keeps {@code channels_last} data, its activation is
     * ReLU or linear, and input, kernel and bias are float32 ({@link ConvOps#fusesMaxPool}).
     */
    public boolean fusesMaxPool(Tensor input) {
        return acceptsInputShapes(java.util.List.of(input.shape())) && activityRegularizer() == null
                && dataFormat.equals("channels_last") && (fusedRelu || linear)
                && input.dtype() == dtype && ConvOps.fusesMaxPool(input, kernel.value(), useBias ? bias.value() : null);
    }

    /**
     * This layer followed by max pooling over {@code pool} (a geometry on this layer's output
     * positions) as one primitive, {@link ConvOps#convMaxPool}: what a model runs for a convolution
     * whose only consumer is a max pooling, when {@link #fusesMaxPool} holds. The result equals the
     * pooling layer applied to this layer's output, values and gradients alike.
     */
    public Tensor callMaxPooled(Tensor input, ConvGeometry pool) {
        if (!fusesMaxPool(input)) {
            throw new IllegalArgumentException(describe() + ": cannot run fused with max pooling on an input of shape "
                    + Shape.str(input.shape()) + " and dtype " + input.dtype() + "; call apply() and the pooling layer instead");
        }
        return ConvOps.convMaxPool(input, kernel.value(), useBias ? bias.value() : null, geometry(input.shape()), groups,
                fusedRelu, pool);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = dataFormat.equals("channels_first") ? DataFormats.shapeToLast(inputShape) : inputShape.clone();
        ConvGeometry.requireWindowFits(describe(), inputShape, Arrays.copyOfRange(s, 1, rank + 1), "kernel_size",
                kernelSize, dilationRate, padding);
        for (int i = 0; i < rank; i++) {
            s[i + 1] = ConvGeometry.outputLength(s[i + 1], kernelSize[i], strides[i], dilationRate[i], padding);
        }
        s[rank + 1] = filters;
        return dataFormat.equals("channels_first") ? DataFormats.shapeToFirst(s) : s;
    }

    /** The kernel {@code (*kernel_size, in_channels / groups, filters)}, once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code (filters)}, once built and when {@code use_bias}. */
    public Variable bias() {
        return bias;
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("filters", filters);
        m.put("kernel_size", ConvOptions.list(kernelSize));
        m.put("strides", ConvOptions.list(strides));
        m.put("padding", padding);
        m.put("data_format", dataFormat);
        m.put("dilation_rate", ConvOptions.list(dilationRate));
        m.put("groups", groups);
        m.put("activation", Activations.serialize(activation));
        m.put("use_bias", useBias);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        return m;
    }
}
