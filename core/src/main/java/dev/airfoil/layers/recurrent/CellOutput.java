package dev.airfoil.layers.recurrent;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * What one step of an {@link RNNCell} returns: the step's output {@code (batch, output_size)} and the new
 * states, one {@code (batch, size)} tensor per entry of {@link RNNCell#stateSizes()}, in the same order
 * (Keras's {@code (output, new_states)}).
 *
 * @param output the step's output
 * @param states the new states
 */
public record CellOutput(Tensor output, List<Tensor> states) {
    /** A step result; the state list is copied. */
    public CellOutput {
        states = List.copyOf(states);
    }
}
