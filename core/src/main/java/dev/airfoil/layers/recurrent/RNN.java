package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's generic recurrent layer ({@code RNN}): applies a cell ({@link RNNCell}) at every timestep of an
 * input {@code (batch, timesteps, features)}. The cell is a built-in one ({@link SimpleRNNCell},
 * {@link LSTMCell}, {@link GRUCell}), a {@link StackedRNNCells} (what a list of cells becomes, as Keras), or
 * a cell of one's own.
 *
 * <p>Output {@code (batch, output_size)}, or {@code (batch, timesteps, output_size)} with
 * {@code return_sequences}; with {@code return_state} the final states follow, in the cell's state order.
 * Initial states may follow the input ({@code rnn.apply(List.of(x, h0, ...), training)}).
 *
 * <p>States of a stack of cells: Keras's {@code RNN([cells], return_state=True)} returns
 * {@code [output, states_of_cell_0, states_of_cell_1, ...]}, each cell's states a list (also for a cell with
 * one state), and takes {@code initial_state} nested the same way, one entry per cell. The {@code List<Tensor>}
 * calls ({@code apply}, {@code applySymbolic}) carry that structure flattened in order (Keras's
 * {@code tree.flatten}): {@code [output, cell 0's states..., cell 1's states...]} out, and
 * {@code [input, cell 0's initial states..., cell 1's...]} in. {@link #applyGrouped} takes and returns it
 * nested per cell as Keras does, and {@link #groupStates} regroups a flat list of states (real or symbolic).
 * A single cell is one group: its states stay flat in Keras ({@code [output, h, c]}) and in the flat calls. {@code go_backwards}
 * processes the sequence in reverse (outputs then in processing order, as Keras); {@code stateful} keeps the
 * final states as the next call's initial states; {@code unroll} is accepted and changes nothing.
 *
 * <p>Masks: a masked timestep keeps the states and outputs the previous output (the cell's
 * {@link RNNCell#outputStateIndex() output state}) or, with {@code zero_output_for_mask}, zeros.
 *
 * <p>A built-in cell alone runs through the same fused time loop as {@link SimpleRNN}, {@link LSTM} and
 * {@link GRU}; other cells run step by step with differentiable ops, so a custom cell trains by
 * backpropagation through time.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder(new LSTMCell(32)).returnSequences(true).build();
 * RNN stacked = new RNN(List.of(new GRUCell(16), new SimpleRNNCell(8)));
 * }</pre>
 */
public class RNN extends Layer implements Recurrent {
    private final RNNCell cell;
    private final boolean returnSequences;
    private final boolean returnState;
    private final boolean goBackwards;
    private final boolean stateful;
    private final boolean unroll;
    private final boolean zeroOutputForMask;
    private volatile List<Tensor> states;

    /** An RNN over {@code cell} with default arguments. */
    public RNN(RNNCell cell) {
        this(builder(cell));
    }

    /** An RNN over the cells stacked in a {@link StackedRNNCells}, with default arguments. */
    public RNN(List<? extends RNNCell> cells) {
        this(builder(cells));
    }

    /** An RNN from a builder. */
    public RNN(Builder b) {
        super(b.name);
        if (b.cell == null) {
            throw new IllegalArgumentException("RNN: a cell is required; pass an RNNCell or a list of cells");
        }
        this.cell = b.cell;
        this.returnSequences = b.returnSequences;
        this.returnState = b.returnState;
        this.goBackwards = b.goBackwards;
        this.stateful = b.stateful;
        this.unroll = b.unroll;
        this.zeroOutputForMask = b.zeroOutputForMask;
    }

    /** A builder over {@code cell} with Keras's defaults. */
    public static Builder builder(RNNCell cell) {
        return new Builder(cell);
    }

    /** A builder over {@code cells}, stacked as Keras does ({@link StackedRNNCells}; one cell stays itself). */
    public static Builder builder(List<? extends RNNCell> cells) {
        return new Builder(cells.size() == 1 ? cells.get(0) : new StackedRNNCells(cells));
    }

    /** From a Keras config ({@code cell} one serialised cell, or a list of them); a dtype in it applies to the cell too. */
    @SuppressWarnings("unchecked")
    public static RNN fromConfig(ConfigMap c) {
        Object spec = c.get("cell");
        Builder b;
        if (spec instanceof List<?> l) {
            List<RNNCell> cells = new ArrayList<>();
            for (Object o : l) {
                cells.add(cellOf(o, c.get("dtype")));
            }
            b = builder(cells);
        } else {
            b = builder(cellOf(spec, c.get("dtype")));
        }
        return b.name(c.getString("name", null))
                .returnSequences(c.getBoolean("return_sequences", false))
                .returnState(c.getBoolean("return_state", false))
                .goBackwards(c.getBoolean("go_backwards", false))
                .stateful(c.getBoolean("stateful", false))
                .unroll(c.getBoolean("unroll", false))
                .zeroOutputForMask(c.getBoolean("zero_output_for_mask", false))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static RNNCell cellOf(Object spec, Object dtype) {
        if (!(spec instanceof Map)) {
            throw new IllegalArgumentException("RNN: the config's 'cell' must be a serialised cell, got " + spec);
        }
        Layer l = Layers.deserialize(Wrappers.withDtype((Map<String, Object>) spec, dtype));
        if (!(l instanceof RNNCell rc)) {
            throw new IllegalArgumentException("RNN: 'cell' must be a recurrent cell (SimpleRNNCell, LSTMCell, "
                    + "GRUCell, StackedRNNCells or a registered RNNCell), got " + l.className());
        }
        return rc;
    }

    // ---------------------------------------------------------------- building and calling

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if (s.length != cell.stepInputRank() + 1 || s.length == 3 && s[2] < 0) {
            throw new IllegalArgumentException(describe() + " expects input of rank " + (cell.stepInputRank() + 1)
                    + " " + inputLayout() + (s.length == 3 ? " with known features" : "") + ", got " + Shape.str(s));
        }
        int[] step = stepShape(s);
        step[0] = -1;
        cell.ensureBuilt(List.of(step));
    }

    @Override
    protected void build(int[] inputShape) {
        build(List.of(inputShape));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return run(List.of(input), null, training).get(0);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return run(inputs, null, training);
    }

    @Override
    public List<Tensor> apply(List<Tensor> inputs, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuilt(anyLength(inputs));
            return super.apply(inputs, training);
        });
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return undoBuildOnFailure(() -> {
            ensureBuilt(anyLength(inputs));
            checkInputs(inputs.stream().map(Tensor::shape).toList());
            return run(inputs, Masks.first(masks), training);
        });
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return returnSequences ? previousMask : null;
    }

    private List<Tensor> run(List<Tensor> inputs, Tensor mask, boolean training) {
        return run(inputs, mask, training, returnState);
    }

    private List<Tensor> run(List<Tensor> inputs, Tensor mask, boolean training, boolean withStates) {
        Tensor x = inputs.get(0);
        if (x.rank() != cell.stepInputRank() + 1) {
            throw new IllegalArgumentException(describe() + " expects input of rank " + (cell.stepInputRank() + 1)
                    + " " + inputLayout() + ", got shape " + Shape.str(x.shape()));
        }
        if (x.dtype() != dtype) {
            x = x.cast(dtype);
        }
        int b = x.shape()[0];
        int t = x.shape()[1];
        mask = Masks.check(mask, b, t, describe());
        List<Tensor> init = initialStates(inputs, b);
        List<Tensor> out;
        if (cell instanceof BuiltinCell bc) {
            Tensor packed = bc.sequence(x, init, mask, training, goBackwards, zeroOutputForMask,
                    !GradMode.isEnabled() && !returnSequences);
            out = RecurrentLayer.unpack(packed, t, init.size(), returnSequences);
        } else {
            out = steps(x, init, mask, training);
        }
        if (stateful) {
            states = out.subList(1, out.size()).stream().map(s -> s.detach().copy()).toList();
        }
        return withStates ? out : List.of(out.get(0));
    }

    /** The time loop one cell step at a time: {@code [output, final state...]}. */
    private List<Tensor> steps(Tensor x, List<Tensor> init, Tensor mask, boolean training) {
        int b = x.shape()[0];
        int t = x.shape()[1];
        int held = cell.outputStateIndex();
        cell.beginSequence(b, training);
        List<Tensor> st = init;
        List<Tensor> outs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            int ti = goBackwards ? t - 1 - s : s;
            CellOutput r = cell.step(x.select(1, ti), st, training);
            List<Tensor> next = r.states();
            if (next.size() != st.size()) {
                throw new IllegalStateException(describe() + ": cell " + cell.name() + " returned " + next.size()
                        + " state(s) from a step, but its stateSizes() declares " + st.size());
            }
            Tensor o = r.output();
            if (mask != null) {
                Tensor m = mask.select(1, ti);
                while (m.rank() < o.rank()) {
                    m = m.unsqueeze(m.rank());
                }
                o = Tensor.where(m, o, zeroOutputForMask ? Tensor.zerosLike(o) : st.get(held));
                List<Tensor> kept = new ArrayList<>();
                for (int k = 0; k < next.size(); k++) {
                    kept.add(Tensor.where(m, next.get(k), st.get(k)));
                }
                next = kept;
            }
            if (returnSequences || s == t - 1) {
                outs.add(o);
            }
            st = next;
        }
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? Tensor.stack(outs, 1) : outs.get(0));
        out.addAll(st);
        return out;
    }

    private List<Tensor> initialStates(List<Tensor> inputs, int b) {
        if (inputs.size() > 1) {
            return cell.checkStates(inputs.subList(1, inputs.size()), stepShape(inputs.get(0).shape()));
        }
        List<Tensor> kept = states;
        if (stateful && kept != null) {
            if (kept.get(0).shape()[0] != b) {
                throw new IllegalArgumentException(describe() + " is stateful with batch size " + kept.get(0).shape()[0]
                        + " but received a batch of " + b + "; a stateful RNN needs the same batch size on every call "
                        + "(resetStates() does not change that: build a new layer)");
            }
            return kept;
        }
        return cell.initialStates(b);
    }

    /** The input shapes with the batch axis, and the first input's time axis, unknown (any rank of sequence). */
    private static List<int[]> anyLength(List<Tensor> inputs) {
        List<int[]> shapes = RecurrentLayer.anyLength(inputs);
        if (shapes.get(0).length > 3) {
            shapes.get(0)[1] = -1;
        }
        return shapes;
    }

    /** A sequence shape without its time axis: the shape of one step. */
    private static int[] stepShape(int[] s) {
        int[] step = new int[s.length - 1];
        step[0] = s[0];
        System.arraycopy(s, 2, step, 1, s.length - 2);
        return step;
    }

    /** The input layout for messages: {@code (batch, timesteps, features)}, or with the step's feature maps. */
    private String inputLayout() {
        if (cell instanceof ConvLSTMCell c) {
            return c.inputLayout();
        }
        return cell.stepInputRank() == 2 ? "(batch, timesteps, features)" : "(batch, timesteps, *step_shape)";
    }

    /**
     * Keras's nested call of an RNN: {@code rnn(x, initial_state=[[...cell 0's states], [...cell 1's]])}
     * returning {@code [output, [cell 0's final states], [cell 1's], ...]}. The states are grouped per cell of
     * a {@link StackedRNNCells} (one group for any other cell), each group in that cell's state order.
     *
     * @param input         {@code (batch, timesteps, features)}
     * @param initialStates one group per cell, each with that cell's number of states {@code (batch, size)};
     *                      null for zeros (or, when stateful, the kept states)
     * @param training      dropout on
     * @return the output and the final states grouped per cell (whether or not {@code return_state} is set)
     */
    public GroupedOutput applyGrouped(Tensor input, List<List<Tensor>> initialStates, boolean training) {
        List<Tensor> in = new ArrayList<>();
        in.add(input);
        if (initialStates != null) {
            int[] counts = stateCounts();
            List<Integer> got = initialStates.stream().map(g -> g == null ? 0 : g.size()).toList();
            boolean ok = initialStates.size() == counts.length;
            for (int i = 0; ok && i < counts.length; i++) {
                ok = got.get(i) == counts[i];
            }
            if (!ok) {
                throw new IllegalArgumentException(describe() + " expects initial states grouped per cell with "
                        + java.util.Arrays.toString(counts) + " states per cell, got " + initialStates.size()
                        + " group(s) with " + got + " states; pass one list per cell, each with that cell's states"
                        + " in its order (for example [h, c] for an LSTMCell)");
            }
            initialStates.forEach(in::addAll);
        }
        List<Tensor> out = undoBuildOnFailure(() -> {
            ensureBuilt(anyLength(in));
            checkInputs(in.stream().map(Tensor::shape).toList());
            return run(in, null, training, true);
        });
        return new GroupedOutput(out.get(0), groupStates(out.subList(1, out.size())));
    }

    /**
     * Groups a flat list of states in cell order (the states after the output of a {@code return_state}
     * call, or the initial states after the input) per cell, as Keras nests them: one list per cell of a
     * {@link StackedRNNCells}, each a list also for a one-state cell; one group for any other cell. Works on
     * tensors and on symbolic tensors alike.
     */
    public <T> List<List<T>> groupStates(List<T> flatStates) {
        int[] counts = stateCounts();
        int total = java.util.Arrays.stream(counts).sum();
        if (flatStates.size() != total) {
            throw new IllegalArgumentException(describe() + " has " + total + " states (" + java.util.Arrays.toString(counts)
                    + " per cell) but was given " + flatStates.size() + " to group; pass the states after the output");
        }
        List<List<T>> groups = new ArrayList<>();
        int k = 0;
        for (int n : counts) {
            groups.add(List.copyOf(flatStates.subList(k, k + n)));
            k += n;
        }
        return groups;
    }

    /** How many states each group has: one entry per cell of a stack, or one for a single cell. */
    private int[] stateCounts() {
        if (cell instanceof StackedRNNCells stack) {
            return stack.cells().stream().mapToInt(c -> c.stateSizes().length).toArray();
        }
        return new int[] {cell.stateSizes().length};
    }

    /**
     * The result of {@link #applyGrouped}: the output and the final states, one list per cell.
     *
     * @param output the last output {@code (batch, units)} or the sequence with {@code return_sequences}
     * @param states the final states grouped per cell, each {@code (batch, size)}
     */
    public record GroupedOutput(Tensor output, List<List<Tensor>> states) {
    }

    /** Clears the kept states of a stateful layer (Keras {@code reset_state}); the next call starts from zeros. */
    public void resetStates() {
        states = null;
    }

    /** The kept states of a stateful layer after its last call, or null. */
    public List<Tensor> states() {
        return states;
    }

    // ---------------------------------------------------------------- shapes, weights, config

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int[] step = stepShape(s);
        List<int[]> out = new ArrayList<>();
        int[] o = cell.outputShape(step);
        out.add(RNNCell.batched(s[0], returnSequences ? RNNCell.batched(s[1], o) : o));
        if (returnState) {
            for (int[] shape : cell.stateShapes(step)) {
                out.add(RNNCell.batched(s[0], shape));
            }
        }
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return computeOutputShapes(List.of(inputShape)).get(0);
    }

    @Override
    public List<Variable> weights() {
        return cell.weights();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        cell.setTrainable(trainable);
    }

    /** The cell applied at each timestep. */
    public RNNCell cell() {
        return cell;
    }

    /** Whether the full sequence is returned. */
    @Override
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Whether the final states are returned after the output. */
    @Override
    public boolean returnState() {
        return returnState;
    }

    /** Whether the sequence is processed in reverse. */
    @Override
    public boolean goBackwards() {
        return goBackwards;
    }

    /** Whether the final states of a call are the initial states of the next. */
    @Override
    public boolean stateful() {
        return stateful;
    }

    /** The cell's state sizes. */
    @Override
    public int[] stateSizes() {
        return cell.stateSizes();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("return_sequences", returnSequences);
        m.put("return_state", returnState);
        m.put("go_backwards", goBackwards);
        m.put("stateful", stateful);
        m.put("unroll", unroll);
        m.put("zero_output_for_mask", zeroOutputForMask);
        m.put("cell", Wrappers.serializeInner(cell));
        return m;
    }

    /** Builder of {@link RNN} with Keras's argument names and defaults (all false). */
    public static final class Builder {
        private final RNNCell cell;
        private boolean returnSequences;
        private boolean returnState;
        private boolean goBackwards;
        private boolean stateful;
        private boolean unroll;
        private boolean zeroOutputForMask;
        private String name;

        Builder(RNNCell cell) {
            this.cell = cell;
        }

        /** Return the whole output sequence instead of the last output. */
        public Builder returnSequences(boolean v) {
            this.returnSequences = v;
            return this;
        }

        /** Also return the final states. */
        public Builder returnState(boolean v) {
            this.returnState = v;
            return this;
        }

        /** Process the sequence backwards (outputs in reverse order). */
        public Builder goBackwards(boolean v) {
            this.goBackwards = v;
            return this;
        }

        /** Keep the final states of a batch as the initial states of the next. */
        public Builder stateful(boolean v) {
            this.stateful = v;
            return this;
        }

        /** Accepted for compatibility; has no effect. */
        public Builder unroll(boolean v) {
            this.unroll = v;
            return this;
        }

        /** Output zeros (instead of the previous output) at masked timesteps. */
        public Builder zeroOutputForMask(boolean v) {
            this.zeroOutputForMask = v;
            return this;
        }

        /** The layer name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public RNN build() {
            return new RNN(this);
        }
    }
}
