package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every optimizer case of {@code golden/training/optimizers.json} (Keras 3.15.1, JAX,
 * float32): six {@code apply_gradients} calls on a (3, 2) kernel and a (2,) bias, checking the
 * learning rate before each step, the iteration count and the variables after each step, the
 * slot variables (names, shapes, values) at the end, the EMA finalisation, the config, its round
 * trip, and that saving the state mid-run and resuming gives exactly the same continuation.
 */
class OptimizerGoldenTest {

    static Stream<Arguments> cases() {
        return Golden.optimizerCases().stream().map(r -> Arguments.of(r.get("id"), r));
    }

    private static void assumeSupported(Map<String, Object> record) {
        Assumptions.assumeTrue(record.get("error") == null, "Keras raised for this case");
        Assumptions.assumeTrue(Optimizers.REGISTRY.contains((String) record.get("class")),
                record.get("class") + " is not implemented");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trajectoryMatchesKeras(String id, Map<String, Object> record) {
        assumeSupported(record);
        Optimizer opt = Golden.build(record);
        List<Variable> vars = Golden.freshVariables();
        List<Map<String, Object>> steps = Golden.list(record.get("steps"));
        for (int t = 0; t < steps.size(); t++) {
            Map<String, Object> s = steps.get(t);
            Golden.assertClose(((Number) s.get("learning_rate_before_step")).doubleValue(), opt.learningRate(),
                    id + " step " + (t + 1) + " learning rate");
            opt.applyGradients(vars, Golden.gradients(t));
            assertEquals(((Number) s.get("iterations_after")).longValue(), opt.iterations(), id + " step " + (t + 1) + " iterations");
            Golden.assertClose(Golden.floats(s.get("kernel")), vars.get(0).value().toFloatArray(), id + " step " + (t + 1) + " kernel");
            Golden.assertClose(Golden.floats(s.get("bias")), vars.get(1).value().toFloatArray(), id + " step " + (t + 1) + " bias");
        }

        List<Map<String, Object>> expectedVars = Golden.list(record.get("optimizer_variables"));
        List<Variable> actualVars = opt.variables();
        List<String> expectedNames = new ArrayList<>();
        List<String> actualNames = new ArrayList<>();
        for (Map<String, Object> e : expectedVars) {
            String path = (String) e.get("path");
            expectedNames.add(e.get("name") + " @ " + path.substring(path.indexOf('/') + 1));
        }
        for (Variable v : actualVars) {
            assertTrue(v.path().startsWith(opt.name() + "/"), v.path());
            actualNames.add(v.name() + " @ " + v.path().substring(opt.name().length() + 1));
        }
        assertEquals(expectedNames, actualNames, id + ": optimizer variables");
        for (int i = 0; i < expectedVars.size(); i++) {
            Map<String, Object> e = expectedVars.get(i);
            Variable v = actualVars.get(i);
            int[] shape = ((List<?>) e.get("shape")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            assertArrayEquals(shape, v.shape(), id + ": shape of " + v.path());
            Golden.assertClose(Golden.floats(e.get("value")), v.value().cast(dev.airfoil.tensor.DType.FLOAT32).toFloatArray(),
                    id + ": value of " + v.path());
        }

        Map<String, Object> fin = Golden.map(record.get("after_finalize_variable_values"));
        if (fin != null) {
            opt.finalizeVariableValues(vars);
            Golden.assertClose(Golden.floats(fin.get("kernel")), vars.get(0).value().toFloatArray(), id + " finalized kernel");
            Golden.assertClose(Golden.floats(fin.get("bias")), vars.get(1).value().toFloatArray(), id + " finalized bias");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKerasAndRoundTrips(String id, Map<String, Object> record) {
        assumeSupported(record);
        Optimizer opt = Golden.build(record);
        Map<String, Object> expected = new LinkedHashMap<>(Golden.map(record.get("config")));
        Map<String, Object> actual = new LinkedHashMap<>(opt.getConfig());
        assertEquals("keras.optimizers", opt.serialize().get("module"));
        expected.remove("name");
        actual.remove("name");
        dev.airfoil.testing.Golden.assertConfigEquals(expected, actual, id);

        Optimizer copy = Optimizers.get(opt.serialize());
        assertEquals(opt.getClass(), copy.getClass());
        dev.airfoil.testing.Golden.assertConfigEquals(opt.getConfig(), copy.getConfig(), id + " round trip");
        // Keras's own config (with Keras's name) loads too
        Optimizer fromKeras = Optimizers.get(Map.of("class_name", record.get("class"), "config", record.get("config")));
        assertEquals(record.get("config") instanceof Map ? Golden.map(record.get("config")).get("name") : null, fromKeras.name());
        dev.airfoil.testing.Golden.assertConfigEquals(record.get("config"), fromKeras.getConfig(), id + " from Keras config");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stateSaveAndRestoreContinuesExactly(String id, Map<String, Object> record) {
        assumeSupported(record);
        int n = Golden.steps();
        int cut = 3;
        Optimizer straight = Golden.build(record);
        List<Variable> a = Golden.freshVariables();
        for (int t = 0; t < n; t++) {
            straight.applyGradients(a, Golden.gradients(t));
        }

        Optimizer first = Golden.build(record);
        List<Variable> b = Golden.freshVariables();
        for (int t = 0; t < cut; t++) {
            first.applyGradients(b, Golden.gradients(t));
        }
        Map<String, Tensor> store = new HashMap<>();
        first.saveOwnVariables(store);
        List<Tensor> weights = List.of(b.get(0).value().copy(), b.get(1).value().copy());

        Optimizer resumed = Optimizers.get(first.serialize());
        List<Variable> c = Golden.freshVariables();
        c.get(0).assign(weights.get(0));
        c.get(1).assign(weights.get(1));
        resumed.build(c);
        assertTrue(resumed.loadOwnVariables(store), id + ": state not loaded");
        assertEquals(first.iterations(), resumed.iterations());
        for (int t = cut; t < n; t++) {
            resumed.applyGradients(c, Golden.gradients(t));
        }
        assertArrayEquals(a.get(0).value().toFloatArray(), c.get(0).value().toFloatArray(), id + ": kernel after resume");
        assertArrayEquals(a.get(1).value().toFloatArray(), c.get(1).value().toFloatArray(), id + ": bias after resume");
        List<Tensor> s1 = straight.getState();
        List<Tensor> s2 = resumed.getState();
        assertEquals(s1.size(), s2.size());
        for (int i = 0; i < s1.size(); i++) {
            assertArrayEquals(s1.get(i).cast(dev.airfoil.tensor.DType.FLOAT64).toDoubleArray(),
                    s2.get(i).cast(dev.airfoil.tensor.DType.FLOAT64).toDoubleArray(), id + ": state " + i);
        }
    }
}
