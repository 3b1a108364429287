package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagation through time of the RNN layer over cells against real Keras 3.15.1 (float64;
 * golden/rnn_cell_grads.json from tools/golden/keras_rnn_cell_grads.py): the gradient of
 * {@code sum(flatten(outputs) * probe)} with respect to the input and every weight, for each built-in cell
 * (fused path) and stacks (step-by-step path), with masks, go_backwards, states and zero_output_for_mask; and
 * ConvLSTM1D/2D/3D (golden/conv_lstm_grads.json from tools/golden/keras_conv_lstm_grads.py) with padding, strides,
 * dilation, data_format, return_sequences / return_state, go_backwards and inside Bidirectional.
 */
class KerasRnnCellGradientTest {

    static Stream<JsonNode> cases() {
        return Stream.concat(Golden.cases("/golden/rnn_cell_grads.json"), Golden.cases("/golden/conv_lstm_grads.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchKeras(JsonNode c) {
        String name = c.get("name").asText();
        Layer layer = Golden.layer(c, DType.FLOAT64);
        Tensor x = KerasSequenceGoldenTest.tensor(c.get("inputs").get(0));
        Tensor mask = KerasSequenceGoldenTest.tensor(c.get("masks").get(0));
        List<Tensor> masks = Arrays.asList(mask);
        try (GradMode.Scope s = GradMode.noGrad()) {
            ((SupportsMasking) layer).applyMasked(List.of(x), masks, false);
        }
        layer.setWeights(Golden.tensors(c.get("weights"), DType.FLOAT64));
        Tensor xg = x.copy().requiresGrad(true);
        List<Tensor> outs = ((SupportsMasking) layer).applyMasked(List.of(xg), masks, false);
        List<Tensor> expectedOuts = Golden.tensors(c.get("outputs"), DType.FLOAT64);
        assertEquals(expectedOuts.size(), outs.size(), name + " outputs");
        List<Tensor> flat = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            assertTrue(outs.get(i).allClose(expectedOuts.get(i), 1e-9, 1e-9), name + " output " + i);
            flat.add(outs.get(i).reshape(-1));
        }
        Tensor probe = Golden.tensor(c.get("probe"), DType.FLOAT64);
        Tensor.concatenate(flat, 0).mul(probe).sum().backward();
        List<Tensor> expected = Golden.tensors(c.get("grads"), DType.FLOAT64);
        assertClose(expected.get(0), xg.grad(), name + " input gradient");
        List<Variable> ws = layer.weights();
        assertEquals(expected.size() - 1, ws.size(), name + " weights");
        for (int i = 0; i < ws.size(); i++) {
            assertClose(expected.get(i + 1), ws.get(i).grad(), name + " gradient of " + ws.get(i).path());
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertTrue(actual.allClose(expected, 1e-9, 1e-9), what + ": expected " + expected + "\nactual " + actual);
    }
}
