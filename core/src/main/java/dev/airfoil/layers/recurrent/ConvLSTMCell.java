package dev.airfoil.layers.recurrent;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.DropoutMasks;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.layers.convolutional.ConvOptions;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The step of {@link ConvLSTM1D}, {@link ConvLSTM2D} and {@link ConvLSTM3D} (Keras's {@code ConvLSTMCell}): an
 * LSTM whose input and recurrent transformations are convolutions. With {@code *} the convolution,
 *
 * <pre>
 * z = x * kernel + bias + h * recurrent_kernel      (4 * filters channels, gates i, f, c, o)
 * i = recurrent_activation(z_i), f = recurrent_activation(z_f), o = recurrent_activation(z_o)
 * c' = f c + i activation(z_c),   h' = o activation(c')
 * </pre>
 *
 * <p>The input convolution has the layer's {@code strides}, {@code padding} and {@code dilation_rate}; the
 * recurrent one stride 1, {@code "same"} padding and no dilation, so the states keep the input convolution's
 * output size. Both run through {@link ConvOps#conv}. Weights, as Keras: {@code kernel
 * (*kernel_size, channels, 4 * filters)}, {@code recurrent_kernel (*kernel_size, filters, 4 * filters)},
 * {@code bias (4 * filters)}.
 *
 * <p>States {@code [h, c]}, each {@code (batch, *out_spatial, filters)} ({@code channels_first}:
 * {@code (batch, filters, *out_spatial)}); output {@code h}. Dropout as Keras computes it: one multiplier map
 * of the step input's shape per gate, drawn once per sequence and shared by all samples of the batch.
 *
 * <p>Built by the layers from a {@link ConvLSTM.Builder}; not a Keras-registered class of its own.
 */
public final class ConvLSTMCell extends RNNCell implements RandomState {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final String padding;
    private final String dataFormat;
    private final int[] dilationRate;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer recurrentInitializer;
    private final Initializer biasInitializer;
    private final boolean unitForgetBias;
    private final Regularizer kernelRegularizer;
    private final Regularizer recurrentRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint recurrentConstraint;
    private final Constraint biasConstraint;
    private final double dropout;
    private final double recurrentDropout;
    private final Long seed;
    private final LayerRandom rng;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;
    /** Channels-last spatial sizes of the step input and of the states, once built. */
    private int[] inSpatial;
    private int[] outSpatial;
    private int inputDim;
    private ConvGeometry inputGeometry;
    private ConvGeometry recurrentGeometry;
    private List<Tensor> inputDrop;
    private List<Tensor> recurrentDrop;

    /** A cell of {@code rank} spatial axes with the cell arguments of {@code b}, named {@code conv_lstm_cell} as Keras. */
    ConvLSTMCell(int rank, ConvLSTM.Builder b) {
        super("conv_lstm_cell");
        String owner = "ConvLSTM" + rank + "D";
        if (b.filters <= 0) {
            throw new IllegalArgumentException(owner + ": filters must be a positive integer, got " + b.filters);
        }
        if (b.kernelSize == null) {
            throw new IllegalArgumentException(owner + ": kernel_size is required");
        }
        this.rank = rank;
        this.filters = b.filters;
        this.kernelSize = positive(ConvOptions.tuple(b.kernelSize, rank, "kernel_size"), "kernel_size", owner);
        this.strides = positive(ConvOptions.tuple(b.strides, rank, "strides"), "strides", owner);
        this.dilationRate = positive(ConvOptions.tuple(b.dilationRate, rank, "dilation_rate"), "dilation_rate", owner);
        if (Arrays.stream(strides).max().getAsInt() > 1 && Arrays.stream(dilationRate).max().getAsInt() > 1) {
            throw new IllegalArgumentException(owner + ": strides > 1 is not compatible with dilation_rate > 1, got "
                    + "strides=" + Arrays.toString(strides) + " and dilation_rate=" + Arrays.toString(dilationRate)
                    + "; set one of them to 1");
        }
        this.padding = ConvOptions.normalisePadding(b.padding, owner, false);
        this.dataFormat = DataFormats.check(b.dataFormat, owner);
        this.activation = Activations.get(b.activation);
        this.recurrentActivation = Activations.get(b.recurrentActivation);
        this.useBias = b.useBias;
        this.kernelInitializer = Initializers.get(b.kernelInitializer);
        this.recurrentInitializer = Initializers.get(b.recurrentInitializer);
        this.biasInitializer = Initializers.get(b.biasInitializer);
        this.unitForgetBias = b.unitForgetBias;
        this.kernelRegularizer = Regularizers.get(b.kernelRegularizer);
        this.recurrentRegularizer = Regularizers.get(b.recurrentRegularizer);
        this.biasRegularizer = Regularizers.get(b.biasRegularizer);
        this.kernelConstraint = Constraints.get(b.kernelConstraint);
        this.recurrentConstraint = Constraints.get(b.recurrentConstraint);
        this.biasConstraint = Constraints.get(b.biasConstraint);
        this.dropout = Math.min(1.0, Math.max(0.0, b.dropout));
        this.recurrentDropout = Math.min(1.0, Math.max(0.0, b.recurrentDropout));
        this.seed = b.seed;
        this.rng = new LayerRandom(Seeds.orNext(b.seed));
    }

    private static int[] positive(int[] v, String what, String owner) {
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must be positive, got " + Arrays.toString(v));
            }
        }
        return v;
    }

    private boolean first() {
        return dataFormat.equals("channels_first");
    }

    @Override
    public int stepInputRank() {
        return rank + 2;
    }

    /** The channels of each state, {@code [filters, filters]}; their full shapes are {@link #stateShapes}. */
    @Override
    public int[] stateSizes() {
        return new int[] {filters, filters};
    }

    /** The states' shape (either one) without the batch axis, for a step of shape {@code stepInputShape}. */
    @Override
    public List<int[]> stateShapes(int[] stepInputShape) {
        int[] s = outputShape(stepInputShape);
        return List.of(s, s.clone());
    }

    /** The input convolution's output shape without the batch axis, in the data format. */
    @Override
    public int[] outputShape(int[] stepInputShape) {
        int[] s = first() ? DataFormats.shapeToLast(stepInputShape) : stepInputShape.clone();
        int[] out = new int[rank + 1];
        for (int i = 0; i < rank; i++) {
            out[i] = s[i + 1] < 0 ? -1
                    : ConvGeometry.outputLength(s[i + 1], kernelSize[i], strides[i], dilationRate[i], padding);
        }
        out[rank] = filters;
        return first() ? Arrays.copyOfRange(DataFormats.shapeToFirst(RNNCell.batched(-1, out)), 1, rank + 2) : out;
    }

    /** The layer's input layout for messages: {@code (batch, timesteps, rows, cols, channels)} and so on. */
    String inputLayout() {
        String spatial = rank == 1 ? "steps" : rank == 2 ? "rows, cols" : "dim1, dim2, dim3";
        return first() ? "(batch, timesteps, channels, " + spatial + ")" : "(batch, timesteps, " + spatial + ", channels)";
    }

    @Override
    protected void build(int[] inputShape) {
        String layout = inputLayout();
        if (inputShape.length != rank + 2) {
            throw new IllegalArgumentException(describe() + " expects steps of rank " + (rank + 2) + ", inputs "
                    + layout + ", got a step of shape " + Shape.str(inputShape));
        }
        int[] last = first() ? DataFormats.shapeToLast(inputShape) : inputShape;
        for (int i = 1; i <= rank + 1; i++) {
            if (last[i] < 0) {
                throw new IllegalArgumentException(describe() + ": ConvLSTM needs known spatial sizes and channels "
                        + layout + ", got a step of shape " + Shape.str(inputShape) + "; give the Input a full shape");
            }
        }
        inSpatial = Arrays.copyOfRange(last, 1, rank + 1);
        inputDim = last[rank + 1];
        ConvGeometry.requireWindowFits(describe(), inputShape, inSpatial, "kernel_size", kernelSize, dilationRate,
                padding);
        inputGeometry = ConvGeometry.forward(inSpatial, kernelSize, strides, dilationRate, padding);
        outSpatial = inputGeometry.out();
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        recurrentGeometry = ConvGeometry.forward(outSpatial, kernelSize, ones, ones, "same");
        int[] ks = Arrays.copyOf(kernelSize, rank + 2);
        ks[rank] = inputDim;
        ks[rank + 1] = 4 * filters;
        kernel = addWeight("kernel", ks, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        int[] rs = ks.clone();
        rs[rank] = filters;
        recurrentKernel = addWeight("recurrent_kernel", rs, recurrentInitializer, true, recurrentRegularizer,
                recurrentConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {4 * filters},
                    unitForgetBias ? LSTM.unitForgetBias(biasInitializer, filters) : biasInitializer, true,
                    biasRegularizer, biasConstraint);
        }
    }

    @Override
    public List<Tensor> initialStates(int batch) {
        int[] s = RNNCell.batched(batch, stateShapes(stepShape(-1)).get(0));
        return List.of(Tensor.zeros(dtype, s), Tensor.zeros(dtype, s));
    }

    /** The built step shape with batch {@code b}, in the data format. */
    private int[] stepShape(int b) {
        int[] last = new int[rank + 2];
        last[0] = b;
        System.arraycopy(inSpatial, 0, last, 1, rank);
        last[rank + 1] = inputDim;
        return first() ? DataFormats.shapeToFirst(last) : last;
    }

    @Override
    public void beginSequence(int batch, boolean training) {
        inputDrop = null;
        recurrentDrop = null;
        if (training && isBuilt()) {
            inputDrop = gateMasks(inSpatial, inputDim, dropout);
            recurrentDrop = gateMasks(outSpatial, filters, recurrentDropout);
        }
    }

    /** Four dropout multiplier maps {@code (1, *spatial, channels)}, or null without dropout. */
    private List<Tensor> gateMasks(int[] spatial, int channels, double rate) {
        if (!(rate > 0 && rate < 1)) {
            return null;
        }
        int[] shape = RNNCell.batched(1, Arrays.copyOf(spatial, rank + 1));
        shape[rank + 1] = channels;
        List<Tensor> out = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            out.add(DropoutMasks.inverted(rng, shape, rate, dtype));
        }
        return out;
    }

    @Override
    public CellOutput step(Tensor input, List<Tensor> states, boolean training) {
        ensureBuilt(List.of(input.shape()));
        int b = input.shape()[0];
        int[] expected = stepShape(b);
        if (!Arrays.equals(input.shape(), expected)) {
            throw new IllegalArgumentException(describe() + " was built for steps of shape " + Shape.str(expected)
                    + ", got " + Shape.str(input.shape()) + "; ConvLSTM layers take one spatial size and channel count");
        }
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        if (first()) {
            x = DataFormats.toChannelsLast(x);
            h = DataFormats.toChannelsLast(h);
            c = DataFormats.toChannelsLast(c);
        }
        if (training && (inputDrop == null && dropout > 0 && dropout < 1
                || recurrentDrop == null && recurrentDropout > 0 && recurrentDropout < 1)) {
            beginSequence(b, true);
        }
        Tensor z = convolve(x, kernel.value(), useBias ? bias.value() : null, inputGeometry,
                training ? inputDrop : null)
                .add(convolve(h, recurrentKernel.value(), null, recurrentGeometry, training ? recurrentDrop : null));
        List<Tensor> gates = z.split(4, rank + 1);
        Tensor i = recurrentActivation.apply(gates.get(0));
        Tensor f = recurrentActivation.apply(gates.get(1));
        Tensor cNew = f.mul(c).add(i.mul(activation.apply(gates.get(2))));
        Tensor o = recurrentActivation.apply(gates.get(3));
        Tensor hNew = o.mul(activation.apply(cNew));
        if (first()) {
            hNew = DataFormats.toChannelsFirst(hNew);
            cNew = DataFormats.toChannelsFirst(cNew);
        }
        return new CellOutput(hNew, List.of(hNew, cNew));
    }

    /**
     * The convolution of {@code x} (channels last) with the four gates' kernel {@code w}: one convolution, or
     * with dropout one per gate on its masked input, concatenated in gate order.
     */
    private Tensor convolve(Tensor x, Tensor w, Tensor b, ConvGeometry g, List<Tensor> masks) {
        if (masks == null) {
            return ConvOps.conv(x, w, b, g, 1, false);
        }
        List<Tensor> w4 = w.split(4, rank + 1);
        List<Tensor> b4 = b == null ? null : b.split(4, 0);
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            out.add(ConvOps.conv(x.mul(masks.get(k)), w4.get(k), b4 == null ? null : b4.get(k), g, 1, false));
        }
        return Tensor.concatenate(out, rank + 1);
    }

    @Override
    public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        if (kernel != null) {
            out.add(kernel);
            out.add(recurrentKernel);
            if (bias != null) {
                out.add(bias);
            }
        }
        return out;
    }

    /** The generator of the dropout masks. */
    @Override
    public LayerRandom random() {
        return rng;
    }

    /** The kernel {@code (*kernel_size, channels, 4 * filters)}, once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The recurrent kernel {@code (*kernel_size, filters, 4 * filters)}, once built. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** The bias {@code (4 * filters)}, once built and when {@code use_bias}. */
    public Variable bias() {
        return bias;
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    /** The cell's keys of a Keras ConvLSTM config, in Keras's order (after the RNN keys). */
    void putConfig(Map<String, Object> m, Regularizer activityRegularizer) {
        m.put("filters", filters);
        m.put("kernel_size", ConvOptions.list(kernelSize));
        m.put("strides", ConvOptions.list(strides));
        m.put("padding", padding);
        m.put("data_format", dataFormat);
        m.put("dilation_rate", ConvOptions.list(dilationRate));
        m.put("activation", Activations.serialize(activation));
        m.put("recurrent_activation", Activations.serialize(recurrentActivation));
        m.put("use_bias", useBias);
        m.put("kernel_initializer", kernelInitializer.serialize());
        m.put("recurrent_initializer", recurrentInitializer.serialize());
        m.put("bias_initializer", biasInitializer.serialize());
        m.put("unit_forget_bias", unitForgetBias);
        m.put("kernel_regularizer", Serialization.orNull(kernelRegularizer));
        m.put("recurrent_regularizer", Serialization.orNull(recurrentRegularizer));
        m.put("bias_regularizer", Serialization.orNull(biasRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer));
        m.put("kernel_constraint", Serialization.orNull(kernelConstraint));
        m.put("recurrent_constraint", Serialization.orNull(recurrentConstraint));
        m.put("bias_constraint", Serialization.orNull(biasConstraint));
        m.put("dropout", dropout);
        m.put("recurrent_dropout", recurrentDropout);
        m.put("seed", seed);
    }

    /** The cell's own config (base keys and the cell arguments). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        putConfig(m, null);
        m.remove("activity_regularizer");
        return m;
    }
}
