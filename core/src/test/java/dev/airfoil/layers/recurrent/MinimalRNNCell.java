package dev.airfoil.layers.recurrent;

import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Variable;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A user-written cell, as Keras's custom-cell example: {@code h = tanh(x · kernel + h_prev · recurrent_kernel)},
 * output {@code h}, plus a second state that counts the steps taken (to exercise several states of different
 * sizes through {@link RNN}'s step-by-step path). Built only from public API.
 */
public class MinimalRNNCell extends RNNCell {
    private final int units;
    private Variable kernel;
    private Variable recurrentKernel;

    /** A cell of {@code units} units; {@code name} null for an automatic one. */
    public MinimalRNNCell(int units, String name) {
        super(name);
        this.units = units;
    }

    /** From its config. */
    public static MinimalRNNCell fromConfig(ConfigMap c) {
        return new MinimalRNNCell(c.getInt("units", 0), c.getString("name", null));
    }

    @Override
    public int[] stateSizes() {
        return new int[] {units, 1};
    }

    @Override
    protected void build(int[] inputShape) {
        kernel = addWeight("kernel", new int[] {inputShape[1], units}, Initializers.get("glorot_uniform"), true);
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, units}, Initializers.get("orthogonal"), true);
    }

    @Override
    public CellOutput step(Tensor input, List<Tensor> states, boolean training) {
        Tensor h = input.matmul(kernel.value()).add(states.get(0).matmul(recurrentKernel.value())).tanh();
        return new CellOutput(h, List.of(h, states.get(1).add(1)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("units", units);
        return m;
    }
}
