package dev.airfoil.layers.convolutional;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The hyperparameters shared by the convolution layers, with Keras's argument names and defaults,
 * as a fluent builder: {@code Conv2D.builder(64, 3).strides(2).padding("same").activation("relu").build()}.
 * Arguments a layer does not have (such as {@code groups} for a transposed convolution) are ignored.
 *
 * @param <L> the layer the builder makes
 */
public final class ConvOptions<L extends Layer> {
    final int rank;
    int filters;
    int[] kernelSize;
    int[] strides;
    String padding = "valid";
    String dataFormat = "channels_last";
    int[] dilationRate;
    int groups = 1;
    int depthMultiplier = 1;
    int[] outputPadding;
    Object activation;
    boolean useBias = true;
    Object kernelInitializer = "glorot_uniform";
    Object biasInitializer = "zeros";
    Object kernelRegularizer;
    Object biasRegularizer;
    Object activityRegularizer;
    Object kernelConstraint;
    Object biasConstraint;
    Object pointwiseInitializer = "glorot_uniform";
    Object pointwiseRegularizer;
    Object pointwiseConstraint;
    String name;
    private final Function<ConvOptions<L>, L> factory;

    ConvOptions(int rank, int filters, int[] kernelSize, Function<ConvOptions<L>, L> factory) {
        this.rank = rank;
        this.filters = filters;
        this.kernelSize = kernelSize == null ? null : tuple(kernelSize, rank, "kernel_size");
        this.strides = ones(rank);
        this.dilationRate = ones(rank);
        this.factory = factory;
    }

    private static int[] ones(int rank) {
        int[] r = new int[rank];
        java.util.Arrays.fill(r, 1);
        return r;
    }

    /** Expands a single integer to {@code rank} copies; checks the length and positivity of a tuple. */
    public static int[] tuple(int[] v, int rank, String what) {
        if (v.length == 1 && rank > 1) {
            int[] r = new int[rank];
            java.util.Arrays.fill(r, v[0]);
            return r;
        }
        if (v.length != rank) {
            throw new IllegalArgumentException("'" + what + "' must be an integer or a tuple of " + rank
                    + " integers, got " + java.util.Arrays.toString(v));
        }
        return v.clone();
    }

    /** A tuple as the list a Keras config holds. */
    public static List<Object> list(int[] v) {
        List<Object> l = new ArrayList<>();
        for (int x : v) {
            l.add(x);
        }
        return l;
    }

    /** Reads every key a Keras convolution config may have. */
    ConvOptions<L> read(ConfigMap c) {
        filters = c.getInt("filters", filters);
        if (c.has("kernel_size")) {
            kernelSize = tuple(c.getIntArray("kernel_size", null), rank, "kernel_size");
        }
        strides = tuple(c.getIntArray("strides", strides), rank, "strides");
        padding = c.getString("padding", padding);
        dataFormat = c.getString("data_format", dataFormat);
        dilationRate = tuple(c.getIntArray("dilation_rate", dilationRate), rank, "dilation_rate");
        groups = c.getInt("groups", groups);
        depthMultiplier = c.getInt("depth_multiplier", depthMultiplier);
        int[] op = c.getIntArray("output_padding", null);
        outputPadding = op == null ? null : tuple(op, rank, "output_padding");
        activation = c.get("activation");
        useBias = c.getBoolean("use_bias", true);
        if (c.has("kernel_initializer")) {
            kernelInitializer = c.get("kernel_initializer");
        }
        if (c.has("depthwise_initializer")) {
            kernelInitializer = c.get("depthwise_initializer");
        }
        if (c.has("bias_initializer")) {
            biasInitializer = c.get("bias_initializer");
        }
        if (c.has("pointwise_initializer")) {
            pointwiseInitializer = c.get("pointwise_initializer");
        }
        kernelRegularizer = c.has("depthwise_regularizer") ? c.get("depthwise_regularizer") : c.get("kernel_regularizer");
        kernelConstraint = c.has("depthwise_constraint") ? c.get("depthwise_constraint") : c.get("kernel_constraint");
        biasRegularizer = c.get("bias_regularizer");
        biasConstraint = c.get("bias_constraint");
        activityRegularizer = c.get("activity_regularizer");
        pointwiseRegularizer = c.get("pointwise_regularizer");
        pointwiseConstraint = c.get("pointwise_constraint");
        name = c.getString("name", null);
        return this;
    }

    /** Strides, one integer for every axis or one each (default 1). */
    public ConvOptions<L> strides(int... s) {
        this.strides = tuple(s, rank, "strides");
        return this;
    }

    /** {@code "valid"} (default), {@code "same"}, or {@code "causal"} for 1-D convolutions. */
    public ConvOptions<L> padding(String p) {
        this.padding = p;
        return this;
    }

    /** {@code "channels_last"} (default, {@code (batch, *spatial, channels)}) or {@code "channels_first"}. */
    public ConvOptions<L> dataFormat(String f) {
        this.dataFormat = f;
        return this;
    }

    /** The dilation rate of the kernel (default 1). */
    public ConvOptions<L> dilationRate(int... d) {
        this.dilationRate = tuple(d, rank, "dilation_rate");
        return this;
    }

    /** The number of channel groups convolved independently (default 1). */
    public ConvOptions<L> groups(int g) {
        this.groups = g;
        return this;
    }

    /** Output channels per input channel of a depthwise or separable convolution (default 1). */
    public ConvOptions<L> depthMultiplier(int m) {
        this.depthMultiplier = m;
        return this;
    }

    /** Extra output size at the end of each axis of a transposed convolution (default none). */
    public ConvOptions<L> outputPadding(int... p) {
        this.outputPadding = p == null ? null : tuple(p, rank, "output_padding");
        return this;
    }

    /** The activation by Keras name or instance (default linear). */
    public ConvOptions<L> activation(Object a) {
        this.activation = a;
        return this;
    }

    /** Whether to add a bias (default true). */
    public ConvOptions<L> useBias(boolean b) {
        this.useBias = b;
        return this;
    }

    /** The kernel (or depthwise kernel) initializer (default {@code glorot_uniform}). */
    public ConvOptions<L> kernelInitializer(Object i) {
        this.kernelInitializer = i;
        return this;
    }

    /** The bias initializer (default {@code zeros}). */
    public ConvOptions<L> biasInitializer(Object i) {
        this.biasInitializer = i;
        return this;
    }

    /** The pointwise kernel initializer of a separable convolution (default {@code glorot_uniform}). */
    public ConvOptions<L> pointwiseInitializer(Object i) {
        this.pointwiseInitializer = i;
        return this;
    }

    /** The kernel (or depthwise kernel) regularizer. */
    public ConvOptions<L> kernelRegularizer(Object r) {
        this.kernelRegularizer = r;
        return this;
    }

    /** The bias regularizer. */
    public ConvOptions<L> biasRegularizer(Object r) {
        this.biasRegularizer = r;
        return this;
    }

    /** The pointwise kernel regularizer of a separable convolution. */
    public ConvOptions<L> pointwiseRegularizer(Object r) {
        this.pointwiseRegularizer = r;
        return this;
    }

    /** The output (activity) regularizer. */
    public ConvOptions<L> activityRegularizer(Object r) {
        this.activityRegularizer = r;
        return this;
    }

    /** The kernel (or depthwise kernel) constraint. */
    public ConvOptions<L> kernelConstraint(Object c) {
        this.kernelConstraint = c;
        return this;
    }

    /** The bias constraint. */
    public ConvOptions<L> biasConstraint(Object c) {
        this.biasConstraint = c;
        return this;
    }

    /** The pointwise kernel constraint of a separable convolution. */
    public ConvOptions<L> pointwiseConstraint(Object c) {
        this.pointwiseConstraint = c;
        return this;
    }

    /** The layer name. */
    public ConvOptions<L> name(String n) {
        this.name = n;
        return this;
    }

    /** The layer. */
    public L build() {
        return factory.apply(this);
    }

    /** The padding in lower case, checked: {@code valid}, {@code same}, or {@code causal} where allowed. */
    public static String normalisePadding(String p, String owner, boolean causalAllowed) {
        String s = p == null ? "valid" : p.toLowerCase(Locale.ROOT);
        if (!(s.equals("valid") || s.equals("same") || causalAllowed && s.equals("causal"))) {
            throw new IllegalArgumentException(owner + ": padding must be 'valid' or 'same'"
                    + (causalAllowed ? " or 'causal'" : "") + ", got '" + p + "'");
        }
        return s;
    }
}
