package dev.airfoil.saving.keras;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Lambda;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda layers in files ({@code tools/golden/keras_lambda_files.py}): Keras models whose Lambda functions are
 * named load once Java functions are registered under the same names and predict as Keras; a Python lambda is
 * refused with a message naming the layer and the fix; Airfoil's own and Keras files of named Lambdas
 * round-trip; an unnamed function cannot be saved and an unregistered name cannot be loaded.
 */
class LambdaFilesTest {

    @BeforeAll
    static void registerTheFunctionsKerasNamed() {
        Lambda.register("airfoil>scaled_tanh",
                (List<Tensor> xs, Map<String, Object> args) -> xs.get(0).tanh().mul(((Number) args.get("factor")).doubleValue()));
        Lambda.registerList("airfoil>pair_difference", xs -> xs.get(0).sub(xs.get(1)));
        Lambda.register("airfoil>row_sums", x -> x.sum(new int[] {-1}, true));
    }

    private static Path file(String name) {
        return KerasTestFiles.resource("golden/keras3-lambda/" + name);
    }

    private static void assertPredictsAsKeras(Model m, String what) throws Exception {
        Map<String, Object> g = KerasSavedModelsTest.golden(file("named_functions.keras"));
        List<Tensor> ys = m.predict(KerasSavedModelsTest.tensors(g, "inputs"), 32);
        KerasTestFiles.assertClose(KerasSavedModelsTest.tensors(g, "outputs").get(0), ys.get(0), 1e-5, 1e-5, what);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"named_functions.keras", "named_functions.h5"})
    void namedKerasFunctionsLoadAsRegisteredJavaFunctions(String name) throws Exception {
        Model m = Models.load(file(name));
        assertPredictsAsKeras(m, name);
        Lambda sums = (Lambda) m.layers().stream().filter(l -> l.name().equals("sums")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {3, 1}, sums.outputShape());
        Lambda tanh = (Lambda) m.layers().stream().filter(l -> l.name().equals("tanh_half")).findFirst().orElseThrow();
        assertEquals(Map.of("factor", 0.5), tanh.arguments());
    }

    @Test
    void namedFunctionsRoundTripThroughAirfoilAndKerasFiles(@TempDir Path dir) throws Exception {
        Model m = Models.load(file("named_functions.keras"));
        m.save(dir.resolve("m.airfoil"));
        assertPredictsAsKeras(Models.load(dir.resolve("m.airfoil")), "airfoil file");
        Models.exportKeras(m, dir.resolve("m.keras"));
        Model again = Models.load(dir.resolve("m.keras"));
        assertPredictsAsKeras(again, "exported .keras");
        Lambda tanh = (Lambda) again.layers().stream().filter(l -> l.name().equals("tanh_half")).findFirst().orElseThrow();
        assertEquals("airfoil>scaled_tanh", tanh.functionName());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python_lambda.keras", "python_lambda.h5"})
    void aPythonLambdaIsRefusedWithTheLayerAndTheFix(String name) {
        KerasFileException e = assertThrows(KerasFileException.class, () -> Models.load(file(name)));
        assertTrue(e.getMessage().contains("Layer 'doubler' (Lambda): its function is a Python lambda, whose code"
                + " Airfoil never parses nor runs; in Keras, replace it with a named function (a def registered with"
                + " keras.saving.register_keras_serializable) and save again, then register the same name in Java"
                + " with Lambda.register(\"name\", fn) before loading"), e.getMessage());
    }

    @Test
    void anUnregisteredNameSaysHowToRegisterIt() {
        Map<String, Object> config = Map.of("name", "mystery", "function", Map.of("module", "builtins",
                "class_name", "function", "config", "never_registered_fn", "registered_name", "function"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Lambda", config));
        assertEquals("Layer 'mystery' (Lambda): no function is registered under the name 'never_registered_fn'; call"
                + " Lambda.register(\"never_registered_fn\", fn) with the Java function before building or loading the"
                + " layer", e.getMessage());
    }

    @Test
    void anUnnamedFunctionCannotBeSaved(@TempDir Path dir) {
        Sequential s = new Sequential();
        s.add(Input.shape(3));
        s.add(new Dense(2));
        s.add(Lambda.builder(x -> x.mul(3)).name("tripler").build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.save(dir.resolve("s.airfoil")));
        assertEquals("Layer 'tripler' (Lambda): its function is Java code, which cannot be saved; register it with"
                + " Lambda.register(\"name\", fn) and build the layer with Lambda.named(\"name\")", e.getMessage());
    }

    @Test
    void aFunctionalModelWithANamedLambdaSavesAndLoads(@TempDir Path dir) throws Exception {
        Lambda.register("test_square_plus", (List<Tensor> xs, Map<String, Object> a) ->
                xs.get(0).square().add(((Number) a.get("shift")).doubleValue()));
        KerasTensor in = Input.shape(4);
        KerasTensor out = Lambda.named("test_square_plus").arguments(Map.of("shift", 1.5)).build()
                .apply(new Dense(3).apply(in));
        Model m = new Model(List.of(in), List.of(out), "sq");
        Tensor x = Tensor.randomUniform(8, -1, 1, 2, 4);
        Tensor want = m.predict(x);
        m.save(dir.resolve("sq.airfoil"));
        assertTrue(Models.load(dir.resolve("sq.airfoil")).predict(x).allClose(want, 0, 0));
        Models.exportKeras(m, dir.resolve("sq.keras"));
        assertTrue(Models.load(dir.resolve("sq.keras")).predict(x).allClose(want, 1e-6, 1e-6));
    }
}
