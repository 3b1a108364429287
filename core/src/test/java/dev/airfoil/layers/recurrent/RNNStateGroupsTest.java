package dev.airfoil.layers.recurrent;

import tools.jackson.databind.JsonNode;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The states of an RNN over a stack of cells grouped per cell, as Keras 3.15.1's {@code RNN([cells])} returns
 * and takes them ({@code [output, [h, c], [h]]}), checked against the Keras goldens of layers_seq.json (written
 * by keras_layers_seq.py from Keras's nested call, flattened in order).
 */
class RNNStateGroupsTest {
    private static JsonNode golden(String name) {
        return Golden.cases("/golden/layers_seq.json").filter(c -> c.get("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private static List<Tensor> list(JsonNode arr) {
        List<Tensor> out = new ArrayList<>();
        arr.forEach(n -> out.add(Golden.tensor(n, DType.FLOAT64)));
        return out;
    }

    private static RNN built(JsonNode c, List<Tensor> inputs) {
        RNN rnn = (RNN) Golden.layer(c, DType.FLOAT64);
        rnn.apply(inputs, false);
        rnn.setWeights(list(c.get("weights")));
        return rnn;
    }

    private static void close(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertTrue(actual.allClose(expected, 1e-9, 1e-9), what + ": expected " + expected + "\nactual " + actual);
    }

    @Test
    void finalStatesComeGroupedPerCellAsInKeras() {
        JsonNode c = golden("rnn_stacked_gru_simple_state"); // GRUCell(3) then SimpleRNNCell(2), return_state
        List<Tensor> in = list(c.get("inputs"));
        RNN rnn = built(c, in);
        List<Tensor> keras = list(c.get("outputs")); // [output, gru h, simple h] flattened from [out, [h], [h]]
        RNN.GroupedOutput out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = rnn.applyGrouped(in.get(0), null, false);
        }
        close(keras.get(0), out.output(), "output");
        assertEquals(2, out.states().size(), "one group per cell");
        assertEquals(1, out.states().get(0).size());
        assertEquals(1, out.states().get(1).size());
        close(keras.get(1), out.states().get(0).get(0), "GRUCell state");
        close(keras.get(2), out.states().get(1).get(0), "SimpleRNNCell state");
    }

    @Test
    void initialStatesNestedPerCellAsInKeras() {
        // SimpleRNNCell(2) then LSTMCell(2), go_backwards, masked; Keras got initial_state=[[h], [h, c]]
        JsonNode c = golden("rnn_stacked_back_masked_initial_state");
        List<Tensor> in = list(c.get("inputs"));
        List<Tensor> masks = new ArrayList<>();
        c.get("masks").forEach(n -> masks.add(KerasSequenceGoldenTest.tensor(n)));
        RNN rnn = built(c, in);
        List<Tensor> flat;
        try (GradMode.Scope s = GradMode.noGrad()) {
            flat = rnn.applyMasked(in, masks, false);
        }
        close(list(c.get("outputs")).get(0), flat.get(0), "flat call output");
        // the grouped call without a mask equals the flat call without one
        List<List<Tensor>> nested = List.of(List.of(in.get(1)), List.of(in.get(2), in.get(3)));
        Tensor grouped = rnn.applyGrouped(in.get(0), nested, false).output();
        close(rnn.apply(in, false).get(0), grouped, "grouped vs flat initial states");
        assertEquals(List.of(List.of(in.get(1)), List.of(in.get(2), in.get(3))),
                rnn.groupStates(in.subList(1, 4)));
    }

    @Test
    void aWronglyGroupedInitialStateIsRefusedWithTheExpectedStructure() {
        RNN rnn = new RNN(List.of(new LSTMCell(3), new GRUCell(2)));
        Tensor x = Tensor.ones(2, 4, 3);
        Tensor h = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.applyGrouped(x, List.of(List.of(h), List.of(h, Tensor.zeros(2, 2))), false));
        assertTrue(e.getMessage().contains(rnn.name()) && e.getMessage().contains("[2, 1]")
                && e.getMessage().contains("[1, 2]"), e.getMessage());
        assertTrue(!rnn.isBuilt(), "a refused call builds nothing");
        RNN.GroupedOutput ok = rnn.applyGrouped(x, List.of(List.of(h, h), List.of(Tensor.zeros(2, 2))), false);
        assertArrayEquals(new int[] {2, 2}, ok.output().shape());
        assertEquals(List.of(2, 1), ok.states().stream().map(List::size).toList());
    }

    @Test
    void symbolicStatesGroupTheSameWayAndASingleCellIsOneGroup() {
        RNN rnn = RNN.builder(List.of(new LSTMCell(3), new GRUCell(2), new SimpleRNNCell(4))).returnState(true).build();
        List<KerasTensor> out = rnn.applySymbolic(List.of(Input.shape(5, 3)));
        List<List<KerasTensor>> groups = rnn.groupStates(out.subList(1, out.size()));
        assertEquals(List.of(2, 1, 1), groups.stream().map(List::size).toList());
        assertArrayEquals(new int[] {-1, 3}, groups.get(0).get(1).shape());
        assertArrayEquals(new int[] {-1, 4}, groups.get(2).get(0).shape());
        Layer single = RNN.builder(new LSTMCell(3)).returnState(true).build();
        List<Tensor> flat = single.apply(List.of(Tensor.ones(2, 5, 3)), false);
        assertEquals(3, flat.size(), "a single cell's states stay flat: [output, h, c]");
        assertEquals(List.of(List.of(flat.get(1), flat.get(2))), ((RNN) single).groupStates(flat.subList(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> rnn.groupStates(out.subList(1, 3)));
    }
}
