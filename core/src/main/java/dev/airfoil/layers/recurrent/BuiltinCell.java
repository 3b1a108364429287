package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.Variable;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common part of {@link SimpleRNNCell}, {@link LSTMCell} and {@link GRUCell}: a cell whose arguments,
 * weights and step are those of the matching layer ({@link SimpleRNN}, {@link LSTM}, {@link GRU}), which it
 * keeps inside and runs with the sequence arguments of the {@link RNN} that holds it. So a cell computes
 * exactly what the layer computes, through the same fused kernel and backpropagation through time.
 *
 * <p>Weights: {@code kernel}, {@code recurrent_kernel}, {@code bias}, in the layer's Keras layout. Dropout
 * masks are drawn once per sequence ({@link #beginSequence}) and reused at every step, as Keras.
 */
public abstract class BuiltinCell extends RNNCell implements RandomState {
    /** The keys of the layer's config that belong to {@link RNN}, not to a cell. */
    private static final Set<String> SEQUENCE_KEYS = Set.of("return_sequences", "return_state", "go_backwards",
            "stateful", "unroll", "zero_output_for_mask", "activity_regularizer");
    private final RecurrentLayer layer;
    private Tensor inputDrop;
    private Tensor recurrentDrop;
    /** The batch size the dropout masks were drawn for, or -1 when there are none. */
    private int maskBatch = -1;

    /** A cell around a layer built from {@code b}, which must not set the sequence arguments of {@link RNN}. */
    BuiltinCell(RecurrentLayer.Builder<?> b, java.util.function.Function<String, RecurrentLayer> build) {
        super(b.name);
        if (b.returnSequences || b.returnState || b.goBackwards || b.stateful || b.unroll || b.zeroOutputForMask
                || b.activityRegularizer != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name() + "': return_sequences, "
                    + "return_state, go_backwards, stateful, unroll, zero_output_for_mask and activity_regularizer "
                    + "are arguments of the RNN layer, not of a cell; set them on RNN instead");
        }
        this.layer = build.apply(name());
    }

    /** The layer whose arguments and weights this cell has. */
    RecurrentLayer layer() {
        return layer;
    }

    /** The number of units. */
    public int units() {
        return layer.units();
    }

    @Override
    public int[] stateSizes() {
        return layer.stateCount() == 2 ? new int[] {units(), units()} : new int[] {units()};
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] < 0) {
            throw new IllegalArgumentException(describe() + " expects a step input of shape (batch, features) with "
                    + "known features, got " + Shape.str(inputShape));
        }
        layer.applyBaseConfig(new ConfigMap(name(), Map.of("dtype", dtype.kerasName(), "trainable", isTrainable())));
        layer.ensureBuilt(List.of(new int[] {-1, -1, inputShape[1]}));
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        layer.setTrainable(trainable);
    }

    @Override
    public void beginSequence(int batch, boolean training) {
        inputDrop = null;
        recurrentDrop = null;
        maskBatch = -1;
        if (training && layer.isBuilt()) {
            inputDrop = layer.inputDropout(batch, layer.kernel().shape()[0], true);
            recurrentDrop = layer.recurrentDropout(batch, true);
            maskBatch = batch;
        }
    }

    /** One step: the layer's recurrence over a sequence of one timestep, with this sequence's dropout masks. */
    @Override
    public CellOutput step(Tensor input, List<Tensor> states, boolean training) {
        int b = input.shape()[0];
        if (input.rank() != 2) {
            throw new IllegalArgumentException(describe() + " expects a step input of shape (batch, features), got "
                    + Shape.str(input.shape()));
        }
        ensureBuilt(List.of(new int[] {-1, input.shape()[1]}));
        if (input.dtype() != dtype) {
            input = input.cast(dtype);
        }
        if (training && maskBatch != b) {
            beginSequence(b, true);
        }
        Tensor xd = training ? inputDrop : null;
        Tensor rd = training ? recurrentDrop : null;
        Tensor packed = layer.sequence(input.unsqueeze(1), states, null, xd, rd, false, false, false);
        List<Tensor> out = RecurrentLayer.unpack(packed, 1, states.size(), false);
        return new CellOutput(out.get(0), out.subList(1, out.size()));
    }

    /**
     * The whole sequence {@code x (batch, time, features)} in one fused call, for {@link RNN} over this cell
     * alone: the packed result of {@link RecurrentLayer#sequence}.
     */
    Tensor sequence(Tensor x, List<Tensor> init, Tensor mask, boolean training, boolean backwards, boolean zeroOutput,
                    boolean lastOnly) {
        int b = x.shape()[0];
        Tensor xd = layer.inputDropout(b, x.shape()[2], training);
        Tensor rd = layer.recurrentDropout(b, training);
        return layer.sequence(x, init, mask, xd, rd, backwards, zeroOutput, lastOnly);
    }

    /** The generator of this cell's dropout masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return layer.random();
    }

    /** The layer's config without the sequence arguments, under this cell's name, trainable flag and dtype. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        for (Map.Entry<String, Object> e : layer.getConfig().entrySet()) {
            if (!m.containsKey(e.getKey()) && !SEQUENCE_KEYS.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.putIfAbsent("seed", null); // SimpleRNN leaves an unset seed out; its cell, as every Keras cell, writes it
        return m;
    }
}
