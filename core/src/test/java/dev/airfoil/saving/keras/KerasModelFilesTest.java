package dev.airfoil.saving.keras;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled and trained models saved by real Keras 3.15.1 as {@code .keras} and legacy {@code .h5}
 * ({@code tools/golden/keras_model_files.py}): attention, merging on several axes, reshaping, a
 * shared layer and a nested Sequential, masked recurrent layers, BatchNormalization with trained
 * moving statistics, several inputs and outputs. Each file loads through {@link Models#load} and
 * predicts as Keras within 1e-5; its export ({@link Models#exportKeras}) loads back to the same predictions
 * (and {@code tools/golden/check_airfoil_export.py} checks that Keras loads it too).
 */
class KerasModelFilesTest {
    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(KerasTestFiles.resource("golden/keras3-files"))) {
            return s.filter(p -> p.toString().endsWith(".keras") || p.toString().endsWith(".h5")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void predictsAsKeras(Path file) throws Exception {
        Map<String, Object> g = KerasSavedModelsTest.golden(file);
        Model model = Models.load(file);
        assertPredicts(model, g, file.getFileName().toString());
    }

    /**
     * As Keras's {@code load_model} (compile=True by default), a file that carries a compile config
     * ({@code .keras} compile_config, {@code .h5} training_config) loads compiled with it: the same
     * optimizer class and hyperparameters, losses, loss weights and metrics.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @SuppressWarnings("unchecked")
    void loadsCompiledAsKeras(Path file) throws Exception {
        Map<String, Object> want = (Map<String, Object>) KerasSavedModelsTest.golden(file).get("compile_config");
        Model model = Models.load(file);
        String what = file.getFileName().toString();
        assertNotNull(model.compiled(), what + " is not compiled");
        Map<String, Object> optimizer = (Map<String, Object>) want.get("optimizer");
        assertEquals(optimizer.get("class_name"), model.optimizer().className(), what + " optimizer");
        Map<String, Object> actual = model.optimizer().getConfig();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) optimizer.get("config")).entrySet()) {
            if (e.getKey().equals("name")) {
                continue;
            }
            Object a = actual.get(e.getKey());
            if (e.getValue() instanceof Number n) {
                assertTrue(a instanceof Number, what + " optimizer " + e.getKey() + ": " + a);
                assertEquals(n.doubleValue(), ((Number) a).doubleValue(), 1e-7, what + " optimizer " + e.getKey());
            } else {
                assertEquals(e.getValue(), a, what + " optimizer " + e.getKey());
            }
        }
        CompileOptions co = model.compileOptions();
        assertEquals(want.get("loss"), co.loss(), what + " loss");
        assertEquals(want.get("loss_weights"), co.lossWeights(), what + " loss_weights");
        // Airfoil keeps "no metrics" as an empty list, Keras as None
        assertEquals(want.get("metrics") == null ? List.of() : want.get("metrics"), co.metrics(), what + " metrics");
    }

    /** A compile config Airfoil cannot honour (here a custom loss) leaves the model loadable, uncompiled. */
    @Test
    void anUnknownLossLoadsUncompiled(@TempDir Path dir) throws Exception {
        Path file = KerasTestFiles.resource("golden/keras3-files/conv_bn.keras");
        Path copy = dir.resolve("custom_loss.keras");
        try (ZipFile in = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("config.json")) {
                    data = new String(data, StandardCharsets.UTF_8).replace("\"loss\": \"sparse_categorical_crossentropy\"",
                            "\"loss\": \"my_focal_loss\"").getBytes(StandardCharsets.UTF_8);
                    assertTrue(new String(data, StandardCharsets.UTF_8).contains("my_focal_loss"));
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        Model model = Models.load(copy);
        assertNull(model.compiled());
        assertPredicts(model, KerasSavedModelsTest.golden(file), "custom_loss.keras");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void exportReloadsWithTheSamePredictions(Path file, @TempDir Path dir) throws Exception {
        Map<String, Object> g = KerasSavedModelsTest.golden(file);
        Model model = Models.load(file);
        // also leaves the export in target/keras-export for tools/golden/check_airfoil_export.py
        String name = "files_" + file.getFileName().toString().replace('.', '_');
        Model again = KerasExportTest.roundTrip(model, KerasSavedModelsTest.tensors(g, "inputs"), dir, name);
        assertPredicts(again, g, "export of " + file.getFileName());
        // and keeps the compile config (Keras's load_model compiles it too: check_airfoil_export.py)
        assertNotNull(again.compiled(), "export of " + file.getFileName() + " is not compiled");
        assertEquals(model.optimizer().getConfig(), again.optimizer().getConfig());
        assertEquals(model.compileOptions().loss(), again.compileOptions().loss());
        // the exported config alone (architecture, fresh weights) builds the same graph
        Model fromJson = KerasModelImporter.fromConfigJson(Models.toJson(model));
        assertEquals(model.weights().size(), fromJson.weights().size());
    }

    /**
     * The exported config calls every layer as Keras's own file does (the same arguments, nested the
     * same way: a list for merging layers, separate query/value for MultiHeadAttention) and gives
     * each built layer's {@code build_config} under the same keys, so Keras can rebuild it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void exportCallsAndBuildsLayersAsKeras(Path file, @TempDir Path dir) throws Exception {
        if (!file.toString().endsWith(".keras")) {
            return;
        }
        Path out = dir.resolve("m.keras");
        Models.exportKeras(Models.load(file), out);
        Map<String, Map<String, Object>> keras = layersByName(config(file));
        Map<String, Map<String, Object>> airfoil = layersByName(config(out));
        assertEquals(keras.keySet(), airfoil.keySet(), file.getFileName() + " layers");
        for (String name : keras.keySet()) {
            Map<String, Object> k = keras.get(name);
            Map<String, Object> a = airfoil.get(name);
            assertEquals(calls(k.get("inbound_nodes")), calls(a.get("inbound_nodes")), name + " inbound_nodes");
            if (k.get("build_config") instanceof Map<?, ?> kb) {
                assertTrue(a.get("build_config") instanceof Map<?, ?> ab && ab.keySet().equals(kb.keySet()),
                        name + " build_config: Keras " + kb + ", Airfoil " + a.get("build_config"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Path keras) throws IOException {
        try (ZipFile z = new ZipFile(keras.toFile())) {
            return new ObjectMapper().readValue(z.getInputStream(z.getEntry("config.json")), Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> layersByName(Map<String, Object> model) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Object o : (List<Object>) ((Map<String, Object>) model.get("config")).get("layers")) {
            Map<String, Object> l = (Map<String, Object>) o;
            out.put(String.valueOf(((Map<String, Object>) l.get("config")).get("name")), l);
        }
        return out;
    }

    /** Inbound nodes with each tensor reduced to its {@code keras_history}, keeping the nesting of the arguments. */
    @SuppressWarnings("unchecked")
    private static Object calls(Object o) {
        if (o instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name"))) {
            return ((Map<String, Object>) m.get("config")).get("keras_history");
        }
        if (o instanceof Map<?, ?> m) {
            return m.containsKey("args") ? calls(m.get("args")) : m;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(KerasModelFilesTest::calls).toList();
        }
        return o;
    }

    /**
     * Where Keras's summary text was recorded, the loaded model's {@code summary()} has the same layer
     * rows (name, class, output shape, parameters, connections) and the same trainable-parameter line.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void summaryRowsMatchKeras(Path file) throws Exception {
        Object keras = KerasSavedModelsTest.golden(file).get("summary");
        if (keras == null) {
            return;
        }
        String ours = Models.load(file).summary(null, false);
        List<String> rows = ((String) keras).lines()
                .filter(l -> l.startsWith("│") && !l.contains("Layer (type)") || l.contains("Trainable params:"))
                .toList();
        assertTrue(rows.size() > 2, file.getFileName() + ": no layer rows in Keras's summary");
        List<String> ourLines = ours.lines().toList();
        for (String row : rows) {
            assertTrue(ourLines.contains(row), file.getFileName() + ": Keras's summary row\n" + row
                    + "\nis not in Airfoil's summary:\n" + ours);
        }
    }

    private static void assertPredicts(Model model, Map<String, Object> g, String what) {
        List<Tensor> ys = model.predict(KerasSavedModelsTest.tensors(g, "inputs"), 32);
        List<Tensor> expected = KerasSavedModelsTest.tensors(g, "outputs");
        assertEquals(expected.size(), ys.size(), what + " outputs");
        for (int i = 0; i < ys.size(); i++) {
            KerasTestFiles.assertClose(expected.get(i), ys.get(i), 1e-5, 1e-5, what + " output " + i);
        }
    }
}
