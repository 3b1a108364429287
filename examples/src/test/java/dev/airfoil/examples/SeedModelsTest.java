package dev.airfoil.examples;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Names;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's models: parameter totals equal Keras's, and {@code summary()} equals the text real
 * Keras 3.15.1 printed (golden files from tools/golden/keras_summaries.py), row by row.
 */
class SeedModelsTest {
    private static final Path GOLDEN = Path.of("..", "core", "src", "test", "resources", "golden", "summary");

    @BeforeEach
    void freshSession() {
        Names.clearSession();
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("sequential_add", (Supplier<Model>) SeedModels::sequentialWithAdd, 39_810L),
                Arguments.of("sequential_list", (Supplier<Model>) SeedModels::sequentialFromList, 39_810L),
                Arguments.of("functional_flatten", (Supplier<Model>) SeedModels::functionalWithFlatten, 266_610L),
                Arguments.of("functional_concat", (Supplier<Model>) SeedModels::concatenate, 5_989L),
                Arguments.of("two_inputs", (Supplier<Model>) SeedModels::twoInputs, 3_931L),
                Arguments.of("two_outputs", (Supplier<Model>) SeedModels::twoOutputs, 2_132L),
                Arguments.of("two_in_two_out", (Supplier<Model>) SeedModels::twoInputsTwoOutputs, 3_942L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void parameterCountEqualsKeras(String name, Supplier<Model> build, long total) {
        assertEquals(total, build.get().countParams());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void summaryEqualsKerasAtDefaultWidth(String name, Supplier<Model> build, long total) throws IOException {
        Model model = build.get();
        assertLines(read(GOLDEN.resolve(name + ".txt")), model.summary(null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void summaryEqualsKerasInA100ColumnTerminal(String name, Supplier<Model> build, long total) throws IOException {
        Model model = build.get();
        String golden = read(GOLDEN.resolve("cols100").resolve(name + ".txt"));
        int width = golden.lines().skip(1).findFirst().orElseThrow().length();
        assertLines(golden, model.summary(width, false));
    }

    @Test
    void nestedModelSummaryCollapsedAndExpanded() throws IOException {
        Sequential inner = SeedModels.sequentialWithAdd();
        KerasTensor inp = Input.shape(28, 28);
        KerasTensor x = inner.apply(inp);
        Model model = new Model(inp, new Dense(3).apply(x));
        assertLines(read(GOLDEN.resolve("nested.txt")), model.summary(null, false));
        assertLines(read(GOLDEN.resolve("nested_expanded.txt")), model.summary(null, true));
    }

    @Test
    void denseActsOnTheLastAxis() {
        Model model = SeedModels.sequentialWithAdd();
        Tensor out = model.predict(Tensor.zeros(3, 28, 28));
        assertArrayEquals(new int[] {3, 28, 10}, out.shape());
    }

    @Test
    void heNormalDenseFromTheSeed() {
        Dense d = SeedModels.heNormalDense();
        assertEquals("Dense Layer", d.name());
        Tensor y = d.apply(Tensor.ones(2, 784));
        assertArrayEquals(new int[] {2, 10}, y.shape());
        double std = d.kernel().value().std(null, false).item();
        // truncated normal with stddev sqrt(2 / 784) = 0.0505 (Keras's he_normal)
        assertEquals(Math.sqrt(2.0 / 784), std, 0.004);
    }

    @Test
    void subclassedModelTracksItsLayers() {
        SubclassedModel m = SubclassedModel.example();
        assertEquals(3, m.layers().size());
        assertEquals(8 * 30 + 30 + 30 * 30 + 30 + 30 + 1, m.countParams());
        assertArrayEquals(new int[] {5, 1}, m.predict(Tensor.ones(5, 8)).shape());
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void assertLines(String expected, String actual) {
        List<String> e = expected.strip().lines().toList();
        List<String> a = actual.strip().lines().toList();
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            assertEquals(e.get(i), a.get(i), "line " + (i + 1) + "\nexpected:\n" + expected + "\nactual:\n" + actual);
        }
        assertEquals(e.size(), a.size(), "line count\nexpected:\n" + expected + "\nactual:\n" + actual);
        assertTrue(a.size() > 5);
    }
}
