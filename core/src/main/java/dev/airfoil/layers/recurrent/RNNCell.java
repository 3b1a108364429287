package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent cell: what {@link RNN} applies at every timestep (Keras's cell protocol, {@code state_size},
 * {@code output_size} and {@code call(inputs, states)}). Airfoil's cells are {@link SimpleRNNCell},
 * {@link LSTMCell}, {@link GRUCell} and {@link StackedRNNCells}; a cell of one's own extends this class,
 * creates its weights in {@link #build(int[])} (input shape {@code (batch, features)}) and computes a step
 * with ordinary tensor ops, so {@link RNN} trains it through backpropagation through time:
 *
 * <pre>{@code
 * class MinimalCell extends RNNCell {
 *     private final int units;
 *     private Variable kernel, recurrent;
 *     MinimalCell(int units) { super(null); this.units = units; }
 *     public int[] stateSizes() { return new int[] {units}; }
 *     protected void build(int[] s) {
 *         kernel = addWeight("kernel", new int[] {s[1], units}, Initializers.get("glorot_uniform"), true);
 *         recurrent = addWeight("recurrent_kernel", new int[] {units, units}, Initializers.get("orthogonal"), true);
 *     }
 *     public CellOutput step(Tensor x, List<Tensor> states, boolean training) {
 *         Tensor h = x.matmul(kernel.value()).add(states.get(0).matmul(recurrent.value())).tanh();
 *         return new CellOutput(h, List.of(h));
 *     }
 * }
 * Tensor y = new RNN(new MinimalCell(32)).apply(x);   // (batch, time, features) -> (batch, 32)
 * }</pre>
 *
 * <p>As a layer of its own a cell computes one step: {@code cell.apply(List.of(x, state...), training)}
 * returns {@code [output, new state...]}.
 */
public abstract class RNNCell extends Layer {

    /** A cell with the given name, or an automatic one when null. */
    protected RNNCell(String name) {
        super(name);
    }

    /** A cell configured from the base keys of a Keras config ({@code name}, {@code trainable}, {@code dtype}). */
    protected RNNCell(ConfigMap config) {
        super(config);
    }

    /** Builds from the input's shape, the first of {@code [x, state...]}: {@link #build(int[])} with {@code (batch, features)}. */
    @Override
    protected void build(List<int[]> inputShapes) {
        build(inputShapes.get(0));
    }

    /** The size of each state, in the order {@link #step} takes and returns them (Keras {@code state_size}). */
    public abstract int[] stateSizes();

    /** The size of a step's output (Keras {@code output_size}); by default the first state's size. */
    public int outputSize() {
        return stateSizes()[0];
    }

    /**
     * The rank of a step's input, batch axis included: 2 ({@code (batch, features)}) by default; a cell whose
     * steps are feature maps ({@link ConvLSTMCell}: {@code (batch, *spatial, channels)}) returns more, and
     * {@link RNN} then takes inputs of one more rank (the time axis second).
     */
    public int stepInputRank() {
        return 2;
    }

    /**
     * The shape of each state without the batch axis, for steps of shape {@code stepInputShape} (batch first):
     * {@code (size)} for each of {@link #stateSizes()} by default. A cell with shaped states overrides it.
     */
    public List<int[]> stateShapes(int[] stepInputShape) {
        List<int[]> out = new ArrayList<>();
        for (int size : stateSizes()) {
            out.add(new int[] {size});
        }
        return out;
    }

    /** The shape of a step's output without the batch axis: {@code (outputSize())} by default. */
    public int[] outputShape(int[] stepInputShape) {
        return new int[] {outputSize()};
    }

    /**
     * One timestep: the input {@code (batch, features)} and the states from the previous step to the step's
     * output and new states. Called once per timestep by {@link RNN}; {@code training} selects training
     * behaviour (dropout).
     */
    public abstract CellOutput step(Tensor input, List<Tensor> states, boolean training);

    /** The states a sequence starts from when none are given: zeros (Keras {@code get_initial_state}). */
    public List<Tensor> initialStates(int batch) {
        List<Tensor> out = new ArrayList<>();
        for (int size : stateSizes()) {
            out.add(Tensor.zeros(dtype, batch, size));
        }
        return out;
    }

    /**
     * Called by {@link RNN} before the first step of each sequence, so that a cell can draw what stays fixed
     * over the sequence (the dropout masks of the built-in cells; Keras's {@code reset_dropout_mask}). Does
     * nothing by default.
     */
    public void beginSequence(int batch, boolean training) {
    }

    /**
     * The index, among the states, of the one that holds the previous output: at a masked timestep {@link RNN}
     * outputs it again (Keras's rule). The first state by default.
     */
    public int outputStateIndex() {
        return 0;
    }

    /** One step as a layer: inputs {@code [x, state...]}, outputs {@code [output, new state...]}. */
    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        int[] sizes = stateSizes();
        if (inputs.size() != 1 + sizes.length) {
            throw new IllegalArgumentException(describe() + " expects the input followed by " + sizes.length
                    + " state(s), got " + inputs.size() + " tensor(s); pass [x, state...] or use the cell inside RNN");
        }
        CellOutput r = step(inputs.get(0), checkStates(inputs.subList(1, inputs.size()), inputs.get(0).shape()), training);
        List<Tensor> out = new ArrayList<>();
        out.add(r.output());
        out.addAll(r.states());
        return out;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        throw new IllegalArgumentException(describe() + " computes one step from an input and its states: pass "
                + "[x, state...] (" + (1 + stateSizes().length) + " tensors), or wrap the cell in RNN for sequences");
    }

    /** The states, checked against {@link #stateShapes} for steps of shape {@code stepInputShape}. */
    final List<Tensor> checkStates(List<Tensor> states, int[] stepInputShape) {
        List<int[]> shapes = stateShapes(stepInputShape);
        if (states.size() != shapes.size()) {
            throw new IllegalArgumentException(describe() + " expects " + shapes.size() + " state(s), got "
                    + states.size());
        }
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            Tensor s = states.get(k);
            int[] expected = batched(stepInputShape[0], shapes.get(k));
            if (!java.util.Arrays.equals(s.shape(), expected)) {
                throw new IllegalArgumentException(describe() + ": state " + k + " must have shape "
                        + Shape.str(expected) + ", got " + Shape.str(s.shape()));
            }
            out.add(s.dtype() == dtype ? s : s.cast(dtype));
        }
        return out;
    }

    /** {@code shape} with the batch size {@code batch} in front. */
    static int[] batched(int batch, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = batch;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        List<int[]> out = new ArrayList<>();
        out.add(batched(s[0], outputShape(s)));
        for (int[] shape : stateShapes(s)) {
            out.add(batched(s[0], shape));
        }
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return batched(inputShape[0], outputShape(inputShape));
    }
}
