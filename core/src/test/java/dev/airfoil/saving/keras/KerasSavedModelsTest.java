package dev.airfoil.saving.keras;

import dev.airfoil.layers.Layers;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras 3 {@code .keras} files (and the same models in Keras 3's legacy {@code .h5} format) saved by
 * real Keras 3.15.1 ({@code tools/golden/keras_saved_models.py}):
 * each loads and matches Keras's predictions within 1e-5 when Airfoil has all its layer types,
 * and otherwise fails with "layer type X is not supported".
 */
class KerasSavedModelsTest {
    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(KerasTestFiles.resource("golden/keras3"))) {
            return s.filter(p -> p.toString().endsWith(".keras") || p.toString().endsWith(".h5")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> golden(Path keras) throws IOException {
        Path json = keras.resolveSibling(keras.getFileName().toString().replaceAll("\\.(keras|h5)$", ".json"));
        return new ObjectMapper().readValue(json.toFile(), Map.class);
    }

    static Tensor tensor(Map<String, Object> spec) {
        int[] shape = ((List<?>) spec.get("shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        List<?> vals = (List<?>) spec.get("values");
        if (String.valueOf(spec.get("dtype")).startsWith("int")) {
            return Tensor.ofInts(vals.stream().mapToInt(v -> ((Number) v).intValue()).toArray(), shape);
        }
        double[] d = vals.stream().mapToDouble(v -> Double.parseDouble(String.valueOf(v))).toArray();
        return Tensor.of(d, shape).cast(dev.airfoil.tensor.DType.FLOAT32);
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> tensors(Map<String, Object> golden, String key) {
        List<Tensor> out = new ArrayList<>();
        for (Object o : (List<Object>) golden.get(key)) {
            out.add(tensor((Map<String, Object>) o));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsAndMatchesKeras(Path file) throws Exception {
        Map<String, Object> g = golden(file);
        List<String> missing = KerasTestFiles.list(g.get("layer_types")).stream().filter(t -> !Layers.contains(t)).toList();
        if (!missing.isEmpty()) {
            UnsupportedKerasLayerException e = assertThrows(UnsupportedKerasLayerException.class,
                    () -> KerasModelImporter.load(file));
            assertTrue(missing.contains(e.layerType()), e.getMessage());
            assertTrue(e.getMessage().contains("layer type " + e.layerType() + " is not supported"), e.getMessage());
            return;
        }
        Model model = KerasModelImporter.load(file);
        List<Tensor> ys = model.predict(tensors(g, "inputs"), 32);
        List<Tensor> expected = tensors(g, "outputs");
        assertEquals(expected.size(), ys.size());
        for (int i = 0; i < ys.size(); i++) {
            double err = KerasTestFiles.assertClose(expected.get(i), ys.get(i), 1e-5, 1e-5, g.get("model") + " output " + i);
            System.out.printf("keras3 %-20s " + file.getFileName().toString().replaceAll(".*\\.", "") + " output %d max abs error %.3g%n", g.get("model"), i, err);
        }
        if (g.containsKey("evaluate")) {
            evaluatesAsKeras(model, (Map<String, Object>) g.get("evaluate"), tensors(g, "inputs"), String.valueOf(g.get("model")));
        }
    }

    /** Compiled like the golden and evaluated on its targets (and sample weights): the loss and metrics Keras reported, by the same names. */
    @SuppressWarnings("unchecked")
    private static void evaluatesAsKeras(Model model, Map<String, Object> spec, List<Tensor> inputs, String name) {
        Map<String, Object> compile = (Map<String, Object>) spec.get("compile");
        CompileOptions.Builder options = CompileOptions.builder().optimizer("adam").loss(compile.get("loss"))
                .metricsPerOutput(compile.get("metrics"));
        if (compile.get("weighted_metrics") != null) {
            options.weightedMetricsPerOutput(compile.get("weighted_metrics"));
        }
        model.compile(options.build());
        Tensor weights = spec.containsKey("sample_weight") ? tensor((Map<String, Object>) spec.get("sample_weight")) : null;
        Map<String, Double> logs = model.evaluate(inputs.size() == 1 ? inputs.get(0) : inputs,
                tensor((Map<String, Object>) spec.get("target")), 32, weights, List.of());
        assertEquals(((Map<String, Object>) spec.get("logs")).keySet(), logs.keySet(), name + " log names");
        Map<String, Object> expected = (Map<String, Object>) spec.get("logs");
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            double want = Double.parseDouble(String.valueOf(e.getValue()));
            assertEquals(want, logs.get(e.getKey()), 1e-6 * Math.max(1, Math.abs(want)), name + " evaluate " + e.getKey() + " " + logs);
        }
    }
}
