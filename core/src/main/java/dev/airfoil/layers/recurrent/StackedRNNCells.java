package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cells applied one after the other at each timestep (Keras {@code StackedRNNCells}): the output of a cell is
 * the input of the next, and the last cell's output is the step's output. The states are every cell's states
 * in cell order ({@code [h_1, (c_1,) h_2, ...]}); with {@code return_state} {@link RNN} returns them in that
 * order. {@code new RNN(List.of(cell1, cell2))} wraps its cells in one of these, as Keras.
 *
 * <p>Weights: each cell's, in cell order.
 */
public class StackedRNNCells extends RNNCell {
    private final List<RNNCell> cells;

    /** Stacks {@code cells} (at least one) under an automatic name. */
    public StackedRNNCells(List<? extends RNNCell> cells) {
        this(cells, null);
    }

    /** Stacks {@code cells} (at least one); {@code name} null for an automatic one. */
    public StackedRNNCells(List<? extends RNNCell> cells, String name) {
        super(name);
        if (cells == null || cells.isEmpty()) {
            throw new IllegalArgumentException("StackedRNNCells: expected at least one cell, got none; pass the "
                    + "cells to apply at each step, first to last");
        }
        this.cells = List.copyOf(cells);
    }

    /** From a Keras config ({@code cells}: the serialised cells); a dtype in it applies to the cells too. */
    @SuppressWarnings("unchecked")
    public static StackedRNNCells fromConfig(ConfigMap c) {
        Object list = c.get("cells");
        if (!(list instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("StackedRNNCells: the config needs a non-empty list 'cells', got " + list);
        }
        List<RNNCell> cells = new ArrayList<>();
        for (Object o : l) {
            Layer cell = Layers.deserialize(Wrappers.withDtype((Map<String, Object>) o, c.get("dtype")));
            if (!(cell instanceof RNNCell rc)) {
                throw new IllegalArgumentException("StackedRNNCells: every entry of 'cells' must be a recurrent cell, "
                        + "got " + cell.className());
            }
            cells.add(rc);
        }
        return new StackedRNNCells(cells, c.getString("name", null));
    }

    /** The cells, first to last. */
    public List<RNNCell> cells() {
        return cells;
    }

    @Override
    public int[] stateSizes() {
        return cells.stream().flatMapToInt(cell -> Arrays.stream(cell.stateSizes())).toArray();
    }

    @Override
    public int outputSize() {
        return cells.get(cells.size() - 1).outputSize();
    }

    /** The last cell's first state: the previous output that a masked step repeats (Keras's rule for stacks). */
    @Override
    public int outputStateIndex() {
        return stateSizes().length - cells.get(cells.size() - 1).stateSizes().length
                + cells.get(cells.size() - 1).outputStateIndex();
    }

    @Override
    protected void build(int[] inputShape) {
        int features = inputShape[inputShape.length - 1];
        for (RNNCell cell : cells) {
            cell.ensureBuilt(List.of(new int[] {-1, features}));
            features = cell.outputSize();
        }
    }

    @Override
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>();
        for (RNNCell cell : cells) {
            all.addAll(cell.weights());
        }
        return all;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        cells.forEach(cell -> cell.setTrainable(trainable));
    }

    @Override
    public void beginSequence(int batch, boolean training) {
        cells.forEach(cell -> cell.beginSequence(batch, training));
    }

    @Override
    public CellOutput step(Tensor input, List<Tensor> states, boolean training) {
        List<Tensor> next = new ArrayList<>();
        Tensor x = input;
        int k = 0;
        for (RNNCell cell : cells) {
            int n = cell.stateSizes().length;
            CellOutput r = cell.step(x, states.subList(k, k + n), training);
            x = r.output();
            next.addAll(r.states());
            k += n;
        }
        return new CellOutput(x, next);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("cells", cells.stream().map(cell -> (Object) Wrappers.serializeInner(cell)).toList());
        return m;
    }
}
