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
 * Convolution, pooling, normalization, spatial regularization and reshaping layers built from the
 * configs real Keras 3.15.1 wrote, given Keras's weights, reproduce Keras's outputs in float64 and, within
 * 1e-5, in float32 (golden/layers_conv.json from tools/golden/keras_layers_conv.py), the moving statistics
 * BatchNormalization holds after a training call, and Keras's configs. The same checks run on
 * EinsumDense, RMSNormalization and SpectralNormalization (golden/layers_extra.json from
 * tools/golden/keras_layers_extra.py; SpectralNormalization's kernel and vector_u after a training call).
 */
class KerasConvGoldenTest {

    static Stream<JsonNode> cases() {
        return Stream.concat(Golden.cases("/golden/layers_conv.json"), Golden.cases("/golden/layers_extra.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputMatchesKeras(JsonNode c) {
        assertMatchesKeras(c, DType.FLOAT64, 1e-9);
    }

    /**
     * The same in the layers' default float32 (the fast paths: chunked and fused convolutions, vector
     * pooling), against Keras's float32 outputs within 1e-5.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32OutputMatchesKeras(JsonNode c) {
        assertMatchesKeras(c, DType.FLOAT32, 1e-5);
    }

    private static void assertMatchesKeras(JsonNode c, DType dtype, double tol) {
        Layer layer = Golden.layer(c, dtype);
        Tensor x = Golden.tensor(c.get("inputs").get(0), dtype);
        boolean training = Boolean.TRUE.equals(Golden.map(c.get("call_kwargs")).get("training"));
        Tensor out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            // built for the input's own shape, batch size included, as the script built Keras's layer (an
            // EinsumDense kernel may take its size from the batch axis)
            layer.ensureBuilt(List.of(x.shape()));
            layer.setWeights(Golden.tensors(c.get("weights"), dtype));
            out = layer.apply(x, training);
        }
        String name = c.get("name").asText() + " " + dtype;
        assertEquals(dtype, out.dtype(), name);
        Tensor expected = Golden.tensor(c.get("output"), DType.FLOAT64);
        assertTrue(out.cast(DType.FLOAT64).allClose(expected, tol, tol), name + ": expected " + expected + "\nactual " + out);
        if (c.has("weights_after")) {
            List<Tensor> after = layer.getWeights();
            for (int i = 0; i < after.size(); i++) {
                Tensor want = Golden.tensor(c.get("weights_after").get(i), DType.FLOAT64);
                assertTrue(after.get(i).cast(DType.FLOAT64).allClose(want, tol, tol), name + " weight " + i
                        + " after the call: expected " + want + "\nactual " + after.get(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        Map<String, Object> keras = Golden.map(c.get("config"));
        Layer layer = Layers.fromConfig(c.get("class").asText(), keras);
        assertEquals(normalise(keras), normalise(layer.getConfig()), c.get("name").asText());
    }

    /** Numbers compared as float32; a wrapped layer's {@code build_config} (state Keras records, not config) left out. */
    private static Object normalise(Object v) {
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
            return ((List<?>) v).stream().map(KerasConvGoldenTest::normalise).toList();
        }
        if (v instanceof Number) {
            return (double) (float) ((Number) v).doubleValue();
        }
        return v;
    }
}
