package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequence layers (Embedding, Masking, SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed,
 * attention) built from the configs real Keras 3.15.1 wrote, given Keras's weights, reproduce every
 * Keras output (float64; golden/layers_seq.json from tools/golden/keras_layers_seq.py, and
 * golden/group_query_attention.json from tools/golden/keras_group_query_attention.py), including
 * states, attention scores, masks, go_backwards and initial states; and write the same config. Also in
 * float32 (the layers' default and fast paths) against Keras's float32 outputs.
 */
class KerasSequenceGoldenTest {

    static Stream<JsonNode> cases() {
        return Stream.concat(Golden.cases("/golden/layers_seq.json"), Golden.cases("/golden/group_query_attention.json"));
    }

    /** A tensor of the JSON's dtype ({@code bool}, {@code int32} or float64). */
    static Tensor tensor(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode dt = node.get("dtype");
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        JsonNode data = node.get("data");
        if (dt != null && "bool".equals(dt.asText())) {
            boolean[] b = new boolean[data.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = data.get(i).asBoolean();
            }
            return Tensor.ofBooleans(b, shape);
        }
        if (dt != null && "int32".equals(dt.asText())) {
            int[] v = new int[data.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = data.get(i).asInt();
            }
            return Tensor.ofInts(v, shape);
        }
        return Golden.tensor(node, DType.FLOAT64);
    }

    private static List<Tensor> list(JsonNode arr) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(tensor(n));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputsMatchKeras(JsonNode c) {
        String cls = c.get("class").asText();
        Assumptions.assumeTrue(Layers.contains(cls), cls + " is not implemented yet");
        Layer layer = Golden.layer(c, DType.FLOAT64);
        List<Tensor> inputs = list(c.get("inputs"));
        List<Tensor> masks = list(c.get("masks"));
        Map<String, Object> kwargs = Golden.map(c.get("call_kwargs"));
        List<Tensor> out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            List<Tensor> first = SequenceCalls.call(layer, inputs, masks, tensor(c.get("attention_mask")), kwargs);
            assertEquals(c.get("outputs").size(), first.size(), "number of outputs");
            layer.setWeights(list(c.get("weights")));
            out = SequenceCalls.call(layer, inputs, masks, tensor(c.get("attention_mask")), kwargs);
        }
        List<Tensor> expected = list(c.get("outputs"));
        double tol = c.has("tolerance") ? c.get("tolerance").asDouble() : 1e-9;
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).shape(), out.get(i).shape(), c.get("name").asText() + " output " + i);
            assertTrue(out.get(i).allClose(expected.get(i), tol, tol), c.get("name").asText() + " output " + i
                    + ": expected " + expected.get(i) + "\nactual " + out.get(i));
        }
        Tensor expectedMask = tensor(c.get("output_mask"));
        boolean recorded = !c.get("class").asText().contains("Attention");
        if (recorded && layer instanceof SupportsMasking m) {
            Tensor ours = m.computeMask(inputs.get(0), masks.get(0));
            if (expectedMask == null) {
                assertNull(ours, c.get("name").asText() + " output mask");
            } else {
                assertArrayEquals(expectedMask.toBooleanArray(), ours.toBooleanArray(), c.get("name").asText() + " mask");
            }
        }
    }

    /**
     * Every layer in its default float32, in inference (grad mode off; for the recurrent layers: the input
     * projection inside the steps, the joint product for SimpleRNN and LSTM, only the last output kept
     * without return_sequences) against Keras's float32 outputs, within 2e-6 for the recurrent layers
     * (SimpleRNN, LSTM, GRU and Bidirectional around them) and 1e-5 for the others.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32InferenceMatchesKeras(JsonNode c) {
        String cls = c.get("class").asText();
        Assumptions.assumeTrue(Layers.contains(cls), cls + " is not implemented yet");
        double tol = List.of("SimpleRNN", "LSTM", "GRU", "Bidirectional").contains(cls) ? 2e-6 : 1e-5;
        Layer layer = Golden.layer(c, DType.FLOAT32);
        List<Tensor> inputs = float32(list(c.get("inputs")));
        List<Tensor> masks = list(c.get("masks"));
        Map<String, Object> kwargs = Golden.map(c.get("call_kwargs"));
        Tensor attentionMask = tensor(c.get("attention_mask"));
        List<Tensor> out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            SequenceCalls.call(layer, inputs, masks, attentionMask, kwargs);
            layer.setWeights(float32(list(c.get("weights"))));
            out = SequenceCalls.call(layer, inputs, masks, attentionMask, kwargs);
        }
        List<Tensor> expected = list(c.get("outputs"));
        assertEquals(expected.size(), out.size(), c.get("name").asText());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(DType.FLOAT32, out.get(i).dtype(), c.get("name").asText() + " output " + i);
            assertArrayEquals(expected.get(i).shape(), out.get(i).shape(), c.get("name").asText() + " output " + i);
            assertTrue(out.get(i).cast(DType.FLOAT64).allClose(expected.get(i), tol, tol), c.get("name").asText()
                    + " output " + i + ": expected " + expected.get(i) + "\nactual " + out.get(i));
        }
    }

    /** Float tensors cast to float32, others (masks, indices) as they are. */
    private static List<Tensor> float32(List<Tensor> ts) {
        return ts.stream().map(t -> t == null || t.dtype() != DType.FLOAT64 ? t : t.cast(DType.FLOAT32)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        String cls = c.get("class").asText();
        Assumptions.assumeTrue(Layers.contains(cls), cls + " is not implemented yet");
        Map<String, Object> keras = Golden.map(c.get("config"));
        Layer layer = Layers.fromConfig(cls, keras);
        assertEquals(normalise(keras), normalise(layer.getConfig()), c.get("name").asText());
    }

    /**
     * Numbers compared as doubles (Keras writes 0.3 where Java may hold 0.30000001192092896); the
     * {@code build_config} of nested layers (Keras recorded built layers) is state, not config.
     */
    static Object normalise(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> {
                if (!"build_config".equals(k)) {
                    m.put(String.valueOf(k), normalise(x));
                }
            });
            return m;
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().map(KerasSequenceGoldenTest::normalise).toList();
        }
        if (v instanceof Number) {
            return (double) (float) ((Number) v).doubleValue();
        }
        return v;
    }
}
