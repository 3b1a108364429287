package dev.airfoil.layers.convolutional;

import dev.airfoil.activations.Activations;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The common part of {@link DepthwiseConv1D} and {@link DepthwiseConv2D}: each input channel is
 * convolved with its own {@code depth_multiplier} filters, giving {@code in_channels * depth_multiplier}
 * outputs (channel {@code c * depth_multiplier + m}). The kernel has Keras's layout
 * {@code (*kernel_size, in_channels, depth_multiplier)}; it is computed as a grouped convolution
 * with one group per input channel.
 */
public abstract class BaseDepthwiseConv extends BaseConv {
    final int depthMultiplier;

    /** A depthwise convolution of {@code rank} spatial axes. */
    protected BaseDepthwiseConv(int rank, ConvOptions<?> o) {
        super(rank, withFilters(o));
        if (o.depthMultiplier <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": depth_multiplier must be positive, got "
                    + o.depthMultiplier);
        }
        this.depthMultiplier = o.depthMultiplier;
    }

    private static ConvOptions<?> withFilters(ConvOptions<?> o) {
        o.filters = Math.max(1, o.depthMultiplier);
        o.groups = 1;
        return o;
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputChannels(inputShape);
        int[] ks = Arrays.copyOf(kernelSize, rank + 2);
        ks[rank] = c;
        ks[rank + 1] = depthMultiplier;
        kernel = addWeight("kernel", ks, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {c * depthMultiplier}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    /** The depthwise kernel as a grouped-convolution kernel {@code (*kernel_size, 1, in * multiplier)} (same memory order). */
    static Tensor asGrouped(Tensor depthwise, int rank) {
        int[] s = depthwise.shape();
        int[] g = Arrays.copyOf(s, rank + 2);
        g[rank] = 1;
        g[rank + 1] = s[rank] * s[rank + 1];
        return depthwise.reshape(g);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int c = inputChannels(input.shape());
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        boolean first = dataFormat.equals("channels_first");
        if (first) {
            x = DataFormats.toChannelsLast(x);
        }
        Tensor y = ConvOps.conv(x, asGrouped(kernel.value(), rank), useBias ? bias.value() : null, geometry(x.shape()),
                c, fusedRelu);
        if (!fusedRelu) {
            y = activation.apply(y);
        }
        return first ? DataFormats.toChannelsFirst(y) : y;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = super.computeOutputShape(inputShape);
        int ca = dataFormat.equals("channels_first") ? 1 : s.length - 1;
        int c = inputShape[dataFormat.equals("channels_first") ? 1 : inputShape.length - 1];
        s[ca] = c < 0 ? -1 : c * depthMultiplier;
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("depth_multiplier", depthMultiplier);
        m.put("kernel_size", ConvOptions.list(kernelSize));
        m.put("strides", ConvOptions.list(strides));
        m.put("padding", padding);
        m.put("data_format", dataFormat);
        m.put("dilation_rate", ConvOptions.list(dilationRate));
        m.put("activation", Activations.serialize(activation));
        m.put("use_bias", useBias);
        m.put("depthwise_initializer", kernelInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("depthwise_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("depthwise_constraint", Serialization.orNull(kernelConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        return m;
    }
}
