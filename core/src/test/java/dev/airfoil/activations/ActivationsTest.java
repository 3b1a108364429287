package dev.airfoil.activations;

import dev.airfoil.testing.Golden;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookup, serialisation round trips, float32 behaviour and error messages of {@link Activations}. */
class ActivationsTest {
    static Stream<JsonNode> cases() {
        return ActivationGoldenTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serializeRoundTrips(JsonNode c) {
        Activation a = ActivationGoldenTest.activationOf(c);
        Activation back = Activations.get(Activations.serialize(a));
        assertEquals(a, back);
        assertEquals(a.getConfig(), back.getConfig());
        Tensor x = Tensor.of(ActivationGradCheckTest.AWAY_FROM_KINKS.clone(), 4, 4);
        assertArrayEquals(a.apply(x).toDoubleArray(), back.apply(x).toDoubleArray(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(JsonNode c) {
        Activation a = ActivationGoldenTest.activationOf(c);
        Tensor x64 = Golden.tensor(c.get("input"));
        Tensor y32 = a.apply(x64.cast(DType.FLOAT32));
        assertEquals(DType.FLOAT32, y32.dtype());
        double[] y64 = a.apply(x64).toDoubleArray();
        GoldenJson.assertAllClose(y64, y32.toDoubleArray(), 1e-5, 1e-6, c.get("name").asString() + " float32");
    }

    @Test
    void defaultsSerializeAsBareNames() {
        for (String name : Activations.names()) {
            if (name.equals("threshold")) {
                continue;
            }
            Activation a = Activations.get(name);
            Object spec = Activations.serialize(a);
            assertEquals(a.name(), spec, name);
        }
        assertEquals("relu", Activations.serialize(Activations.relu(0.0, null, 0.0)));
        Object spec = Activations.serialize(Activations.relu(0.1, 6.0, 0.0));
        assertTrue(spec instanceof Map);
        assertEquals(ConfigMap.of("negative_slope", 0.1, "max_value", 6.0, "threshold", 0.0),
                ((Map<?, ?>) spec).get("config"));
    }

    @Test
    void lookupFollowsKeras() {
        assertEquals("linear", Activations.get(null).name());
        assertEquals("silu", Activations.get("swish").name());
        assertEquals("hard_silu", Activations.get("hard_swish").name());
        Activation relu = Activations.relu();
        assertSame(relu, Activations.get(relu));
        assertEquals(Activations.relu(), Activations.get(Map.of("module", "keras.activations",
                "class_name", "function", "config", "relu", "registered_name", "relu")));
        assertEquals(Activations.gelu(true), Activations.get(Map.of("class_name", "gelu",
                "config", Map.of("approximate", true))));
        assertEquals(Map.of("negative_slope", 0.2), Activations.get("leaky_relu").getConfig());
        assertEquals(-1, Activations.get("softmax").getConfig().get("axis"));
        assertEquals(4.0, Activations.get("squareplus").getConfig().get("b"));
        assertEquals(0.5, Activations.get("hard_shrink").getConfig().get("threshold"));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        Registry.UnknownNameException e = assertThrows(Registry.UnknownNameException.class,
                () -> Activations.get("rleu"));
        assertTrue(e.getMessage().contains("'rleu'") && e.getMessage().contains("relu"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Activations.get("threshold"));
        assertTrue(t.getMessage().contains("default_value"), t.getMessage());
    }

    @Test
    void gluRejectsOddAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.glu().apply(Tensor.zeros(DType.FLOAT64, 2, 3)));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    @Test
    void integerInputsAreRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.relu().apply(Tensor.ofInts(new int[] {1, -2}, 2)));
        assertTrue(e.getMessage().contains("cast"), e.getMessage());
    }

    @Test
    void customActivationsRegisterByName() {
        Activations.register("cube_test", c -> new Activation() {
            @Override
            public Tensor apply(Tensor x) {
                return x.pow(3);
            }

            @Override
            public String name() {
                return "cube_test";
            }
        });
        assertEquals(8.0, Activations.get("cube_test").apply(Tensor.scalar(2.0)).item(), 0.0);
        assertEquals("cube_test", Activations.serialize(Activations.get("cube_test")));
        assertTrue(!Activations.names().contains("cube_test"), "names() lists the built-in Keras names only");
    }

    @Test
    void sparsemaxIsAProjectionOntoTheSimplex() {
        Tensor x = Tensor.of(new double[] {-0.5, -1.0, -2.5, -3.0, 0.5, 0.4, 0.1, -5}, 2, 4);
        double[] y = Activations.sparsemax().apply(x).toDoubleArray();
        // Row 0: support {-0.5, -1.0}, tau = (-1.5 - 1) / 2 = -1.25.
        assertArrayEquals(new double[] {0.75, 0.25, 0, 0}, java.util.Arrays.copyOfRange(y, 0, 4), 1e-12);
        // Row 1: support {0.5, 0.4, 0.1}, tau = (1.0 - 1) / 3 = 0.
        assertArrayEquals(new double[] {0.5, 0.4, 0.1, 0}, java.util.Arrays.copyOfRange(y, 4, 8), 1e-12);
    }
}
