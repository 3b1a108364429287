package dev.airfoil.layers.convolutional;

import dev.airfoil.activations.Activations;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Variable;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The common part of {@link SeparableConv1D} and {@link SeparableConv2D}: a depthwise convolution
 * (each input channel with its own {@code depth_multiplier} filters, with the layer's strides,
 * padding and dilation) followed by a pointwise (1x1) convolution to {@code filters} channels,
 * then the bias and the activation. Weights, as in Keras: {@code depthwise_kernel}
 * {@code (*kernel_size, in_channels, depth_multiplier)}, {@code pointwise_kernel}
 * {@code (1, ..., in_channels * depth_multiplier, filters)} and {@code bias (filters)}.
 */
public abstract class BaseSeparableConv extends BaseConv {
    final int depthMultiplier;
    final Initializer pointwiseInitializer;
    final Regularizer pointwiseRegularizer;
    final Constraint pointwiseConstraint;
    Variable pointwise;

    /** A separable convolution of {@code rank} spatial axes. */
    protected BaseSeparableConv(int rank, ConvOptions<?> o) {
        super(rank, o);
        if (o.depthMultiplier <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": depth_multiplier must be positive, got "
                    + o.depthMultiplier);
        }
        this.depthMultiplier = o.depthMultiplier;
        this.pointwiseInitializer = Initializers.get(o.pointwiseInitializer);
        this.pointwiseRegularizer = Regularizers.get(o.pointwiseRegularizer);
        this.pointwiseConstraint = Constraints.get(o.pointwiseConstraint);
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputChannels(inputShape);
        int[] ds = Arrays.copyOf(kernelSize, rank + 2);
        ds[rank] = c;
        ds[rank + 1] = depthMultiplier;
        kernel = addWeight("depthwise_kernel", ds, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        int[] ps = new int[rank + 2];
        Arrays.fill(ps, 1);
        ps[rank] = c * depthMultiplier;
        ps[rank + 1] = filters;
        pointwise = addWeight("pointwise_kernel", ps, pointwiseInitializer, true, pointwiseRegularizer, pointwiseConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int c = inputChannels(input.shape());
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        boolean first = dataFormat.equals("channels_first");
        if (first) {
            x = DataFormats.toChannelsLast(x);
        }
        ConvGeometry g = geometry(x.shape());
        Tensor d = ConvOps.conv(x, BaseDepthwiseConv.asGrouped(kernel.value(), rank), null, g, c, false);
        int[] one = new int[rank];
        Arrays.fill(one, 1);
        int[] dspatial = Arrays.copyOfRange(d.shape(), 1, rank + 1);
        ConvGeometry pg = ConvGeometry.forward(dspatial, one, one, one, "valid");
        Tensor y = ConvOps.conv(d, pointwise.value(), useBias ? bias.value() : null, pg, 1, fusedRelu);
        if (!fusedRelu) {
            y = activation.apply(y);
        }
        return first ? DataFormats.toChannelsFirst(y) : y;
    }

    /** The depthwise kernel, once built. */
    public Variable depthwiseKernel() {
        return kernel;
    }

    /** The pointwise kernel, once built. */
    public Variable pointwiseKernel() {
        return pointwise;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("depth_multiplier", depthMultiplier);
        m.put("filters", filters);
        m.put("kernel_size", ConvOptions.list(kernelSize));
        m.put("strides", ConvOptions.list(strides));
        m.put("padding", padding);
        m.put("data_format", dataFormat);
        m.put("dilation_rate", ConvOptions.list(dilationRate));
        m.put("activation", Activations.serialize(activation));
        m.put("use_bias", useBias);
        m.put("depthwise_initializer", kernelInitializer.serialize());
        m.put("pointwise_initializer", pointwiseInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("depthwise_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("pointwise_regularizer", Serialization.orNull(pointwiseRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("depthwise_constraint", Serialization.orNull(kernelConstraint));
        m.put("pointwise_constraint", Serialization.orNull(pointwiseConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        return m;
    }
}
