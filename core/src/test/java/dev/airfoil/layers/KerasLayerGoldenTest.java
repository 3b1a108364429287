package dev.airfoil.layers;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers built from the configs real Keras 3.15.1 wrote, given Keras's weights, reproduce Keras's
 * outputs (float64, and float32 within 1e-5; golden/layers.json from tools/golden/keras_layers.py), and
 * write the same config.
 */
class KerasLayerGoldenTest {

    static Stream<JsonNode> cases() {
        return Golden.cases("/golden/layers.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputMatchesKeras(JsonNode c) {
        assertMatchesKeras(c, DType.FLOAT64, 1e-10);
    }

    /** The same in the layers' default float32 (the fused and vector paths), against Keras's float32 outputs within 1e-5. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32OutputMatchesKeras(JsonNode c) {
        assertMatchesKeras(c, DType.FLOAT32, 1e-5);
    }

    private static void assertMatchesKeras(JsonNode c, DType dtype, double tol) {
        Layer layer = Golden.layer(c, dtype);
        List<Tensor> inputs = Golden.tensors(c.get("inputs"), dtype);
        Map<String, Object> kwargs = Golden.map(c.get("call_kwargs"));
        boolean training = Boolean.TRUE.equals(kwargs.get("training"));
        List<Tensor> out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (!layer.isBuilt()) {
                layer.ensureBuilt(inputs.stream().map(t -> {
                    int[] sh = t.shape();
                    sh[0] = -1;
                    return sh;
                }).toList());
            }
            layer.setWeights(Golden.tensors(c.get("weights"), dtype));
            out = layer.apply(inputs, training);
        }
        String name = c.get("name").asText() + " " + dtype;
        Tensor expected = Golden.tensor(c.get("output"), DType.FLOAT64);
        Tensor actual = out.get(0);
        assertEquals(dtype, actual.dtype(), name);
        assertTrue(actual.cast(DType.FLOAT64).allClose(expected, tol, tol), name + ": expected " + expected
                + "\nactual " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        Map<String, Object> keras = Golden.map(c.get("config"));
        Layer layer = Layers.fromConfig(c.get("class").asText(), keras);
        Map<String, Object> ours = layer.getConfig();
        assertEquals(normalise(keras), normalise(ours), c.get("name").asText());
    }

    /** Numbers compared as doubles (Keras writes 0.3 where Java may hold 0.30000001192092896 after a float round trip). */
    private static Object normalise(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), normalise(x)));
            return m;
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().map(KerasLayerGoldenTest::normalise).toList();
        }
        if (v instanceof Number) {
            return (double) (float) ((Number) v).doubleValue();
        }
        return v;
    }
}
