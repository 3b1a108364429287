package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential fuzzing against real Keras 3.15.1: seeded random valid configs of convolution,
 * transposed and separable convolution, pooling, cropping / up-sampling / padding, normalization,
 * recurrent, Bidirectional, attention, embedding and reshaping layers (golden/layers_fuzz.json from
 * tools/golden/keras_layer_fuzz.py). Each layer is built from Keras's config, given Keras's weights,
 * and must reproduce Keras's outputs. The second file, golden/layers_fuzz_masked.json (the same script with
 * {@code FUZZ_MASKED=1}), passes random input masks to recurrent, Bidirectional, attention,
 * MultiHeadAttention (query and value masks), TimeDistributed and GlobalAveragePooling1D draws, and draws
 * normalization axes more freely; outputs must match
 * (float64 within 1e-6 and float32 within 1e-5, both relative to the output's magnitude), Keras's output
 * mask, BatchNormalization's moving statistics after a training call, and Keras's config.
 *
 * <p>One kind of draw is legitimately unsupported: MultiHeadAttention over inputs of rank 4 (attention
 * over one or two inner axes, {@code attention_axes} other than the sequence axis). For those the test
 * asserts that Airfoil refuses clearly, naming the layer and the offending argument or input shape.
 */
class KerasLayerFuzzTest {

    static Stream<JsonNode> cases() {
        return Stream.concat(Golden.cases("/golden/layers_fuzz.json"), Golden.cases("/golden/layers_fuzz_masked.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64OutputsMatchKeras(JsonNode c) {
        assertMatchesKerasOrRefused(c, DType.FLOAT64, 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32OutputsMatchKeras(JsonNode c) {
        assertMatchesKerasOrRefused(c, DType.FLOAT32, 1e-5);
    }

    /** Keras's outputs in this dtype, or for an unsupported draw a clear refusal. */
    private static void assertMatchesKerasOrRefused(JsonNode c, DType dtype, double tolerance) {
        if (unsupported(c)) {
            assertRefusedClearly(c, () -> assertMatchesKeras(c, dtype, tolerance));
        } else {
            assertMatchesKeras(c, dtype, tolerance);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        Map<String, Object> keras = Golden.map(c.get("config"));
        if (unsupported(c) && !List.of(1).equals(keras.get("attention_axes"))) {
            assertRefusedClearly(c, () -> Layers.fromConfig(c.get("class").asText(), keras));
            return;
        }
        Layer layer = Layers.fromConfig(c.get("class").asText(), keras);
        assertEquals(KerasSequenceGoldenTest.normalise(keras), KerasSequenceGoldenTest.normalise(layer.getConfig()),
                name(c));
    }

    private static void assertMatchesKeras(JsonNode c, DType dtype, double tol) {
        String name = name(c) + " " + dtype;
        Layer layer = Golden.layer(c, dtype);
        List<Tensor> inputs = cast(list(c.get("inputs")), dtype);
        List<Tensor> masks = list(c.get("masks"));
        Map<String, Object> kwargs = Golden.map(c.get("call_kwargs"));
        boolean training = Boolean.TRUE.equals(kwargs.get("training"));
        List<Tensor> out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            SequenceCalls.call(layer, inputs, masks, null, kwargs);
            layer.setWeights(cast(list(c.get("weights")), dtype));
            out = training ? layer.apply(inputs, true) : SequenceCalls.call(layer, inputs, masks, null, kwargs);
        }
        List<Tensor> expected = list(c.get("outputs"));
        assertEquals(expected.size(), out.size(), name + ": number of outputs");
        for (int i = 0; i < expected.size(); i++) {
            assertClose(expected.get(i), out.get(i), dtype, tol, name + " output " + i);
        }
        if (!c.get("class").asText().contains("Attention") && layer instanceof SupportsMasking m) {
            Tensor want = KerasSequenceGoldenTest.tensor(c.get("output_mask"));
            Tensor ours = m.computeMask(inputs.get(0), masks.get(0));
            if (want == null) {
                assertNull(ours, name + ": Keras's compute_mask gives no mask");
            } else {
                assertArrayEquals(want.toBooleanArray(), ours.toBooleanArray(), name + " output mask");
            }
        }
        if (c.has("weights_after")) {
            List<Tensor> after = layer.getWeights();
            for (int i = 0; i < after.size(); i++) {
                assertClose(Golden.tensor(c.get("weights_after").get(i)), after.get(i), dtype, tol,
                        name + " weight " + i + " after the training call");
            }
        }
    }

    /** Within {@code tol} of Keras, absolute for values up to 1 and relative to the largest value beyond. */
    private static void assertClose(Tensor expected, Tensor actual, DType dtype, double tol, String what) {
        assertEquals(dtype, actual.dtype(), what + " dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1.0, expected.abs().max().item());
        assertTrue(actual.cast(DType.FLOAT64).allClose(expected, tol, tol * scale),
                what + ": expected " + expected + "\nactual " + actual);
    }

    /** MultiHeadAttention over rank-4 inputs: Airfoil attends over the sequence axis of rank-3 inputs only. */
    private static boolean unsupported(JsonNode c) {
        return "MultiHeadAttention".equals(c.get("class").asText())
                && c.get("inputs").get(0).get("shape").size() > 3;
    }

    /** The action fails with an error that names MultiHeadAttention and what it cannot take. */
    private static void assertRefusedClearly(JsonNode c, Executable action) {
        RuntimeException e = assertThrows(RuntimeException.class, action, name(c) + " should be refused");
        assertTrue(e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException,
                name(c) + ": " + e);
        String m = e.getMessage();
        assertTrue(m.contains("MultiHeadAttention") && (m.contains("attention_axes") || m.contains("(batch, time, features)")),
                name(c) + ": unclear message: " + m);
    }

    private static String name(JsonNode c) {
        return c.get("name").asText() + " (" + c.get("class").asText() + ")";
    }

    private static List<Tensor> list(JsonNode arr) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(KerasSequenceGoldenTest.tensor(n));
        }
        return out;
    }

    /** Float tensors in the given dtype, others (token ids, masks) as they are. */
    private static List<Tensor> cast(List<Tensor> ts, DType dtype) {
        return ts.stream().map(t -> t == null || t.dtype() != DType.FLOAT64 ? t : t.cast(dtype)).toList();
    }
}
