package dev.airfoil.layers.convolutional;

import dev.airfoil.activations.Activations;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The common part of the transposed convolutions ({@link Conv1DTranspose}, {@link Conv2DTranspose},
 * {@link Conv3DTranspose}): the gradient of a convolution with respect to its input, used to
 * up-sample learned feature maps. Output sizes and padding follow Keras exactly (including
 * {@code output_padding}); the kernel has Keras's layout {@code (*kernel_size, filters, in_channels)}.
 */
public abstract class BaseConvTranspose extends BaseConv {
    final int[] outputPadding;

    /** A transposed convolution of {@code rank} spatial axes. */
    protected BaseConvTranspose(int rank, ConvOptions<?> o) {
        super(rank, checked(o));
        this.outputPadding = o.outputPadding == null ? null : o.outputPadding.clone();
    }

    private static ConvOptions<?> checked(ConvOptions<?> o) {
        if ("causal".equalsIgnoreCase(o.padding)) {
            throw new IllegalArgumentException("transposed convolutions take padding 'valid' or 'same', got 'causal'");
        }
        return o;
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputChannels(inputShape);
        int[] ks = Arrays.copyOf(kernelSize, rank + 2);
        ks[rank] = filters;
        ks[rank + 1] = c;
        kernel = addWeight("kernel", ks, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        inputChannels(input.shape());
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        boolean first = dataFormat.equals("channels_first");
        if (first) {
            x = DataFormats.toChannelsLast(x);
        }
        int[] spatial = Arrays.copyOfRange(x.shape(), 1, rank + 1);
        ConvGeometry g = ConvGeometry.transposed(spatial, kernelSize, strides, dilationRate, padding, outputPadding);
        Tensor y = ConvOps.convTranspose(x, kernel.value(), g);
        if (useBias) {
            y = y.add(bias.value());
        }
        y = activation.apply(y);
        return first ? DataFormats.toChannelsFirst(y) : y;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = dataFormat.equals("channels_first") ? DataFormats.shapeToLast(inputShape) : inputShape.clone();
        for (int i = 0; i < rank; i++) {
            s[i + 1] = ConvGeometry.transposedLength(s[i + 1], kernelSize[i], strides[i], dilationRate[i], padding,
                    outputPadding == null ? null : outputPadding[i]);
        }
        s[rank + 1] = filters;
        return dataFormat.equals("channels_first") ? DataFormats.shapeToFirst(s) : s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("filters", filters);
        m.put("kernel_size", ConvOptions.list(kernelSize));
        m.put("strides", ConvOptions.list(strides));
        m.put("padding", padding);
        m.put("output_padding", outputPadding == null ? null : ConvOptions.list(outputPadding));
        m.put("data_format", dataFormat);
        m.put("dilation_rate", ConvOptions.list(dilationRate));
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
