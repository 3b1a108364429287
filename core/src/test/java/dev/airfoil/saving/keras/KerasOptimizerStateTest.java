package dev.airfoil.saving.keras;

import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optimizer state in Keras files ({@code tools/golden/keras_optimizer_state.py}): a model Keras
 * trained three steps and saved ({@code .keras} and legacy {@code .h5}) loads with Keras's optimizer
 * variables, and Airfoil's next step on the same batch gives the weights Keras's next step gives;
 * a model Airfoil trained further and exported carries its own state, so the export resumes
 * exactly where Airfoil stopped (and {@code tools/golden/check_airfoil_export.py} checks that
 * Keras's next step from the export matches Airfoil's).
 */
class KerasOptimizerStateTest {
    private static final String DIR = "golden/keras3-optimizer-state";
    private static final Path EXPORT_DIR = Path.of("target", "keras-export");

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(KerasTestFiles.resource(DIR))) {
            return s.filter(p -> p.toString().endsWith(".keras") || p.toString().endsWith(".h5")).sorted().toList()
                    .stream();
        }
    }

    private static List<Tensor> values(List<Variable> vars) {
        return vars.stream().map(v -> v.value().copy()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @SuppressWarnings("unchecked")
    void loadsKerasStateAndTakesKerassNextStep(Path file) throws Exception {
        Map<String, Object> g = KerasSavedModelsTest.golden(file);
        Model model = KerasModelImporter.load(file);
        Optimizer opt = model.optimizer();
        assertNotNull(opt, file + ": the file's compile config compiles the model");
        List<Map<String, Object>> saved = (List<Map<String, Object>>) g.get("optimizer_variables");
        List<Variable> vars = opt.variables();
        assertEquals(saved.size(), vars.size(), file + ": optimizer variables " + vars);
        for (int i = 0; i < vars.size(); i++) {
            // Keras's slot names carry the model's name too (mlp_adam_dense_kernel_momentum), Airfoil's do not
            String kerasPath = (String) saved.get(i).get("path");
            String path = vars.get(i).path();
            assertTrue(kerasPath.startsWith(opt.name() + "/") && kerasPath.endsWith(path.substring(path.indexOf('/') + 1)),
                    file + ": variable " + i + " is " + path + ", Keras's " + kerasPath);
            Tensor expected = KerasSavedModelsTest.tensor(saved.get(i));
            KerasTestFiles.assertClose(expected.cast(vars.get(i).dtype()), vars.get(i).value(), 0, 0,
                    file + ": " + vars.get(i).path());
        }
        assertEquals(3, opt.iterations());

        model.trainOnBatch(KerasSavedModelsTest.tensor((Map<String, Object>) g.get("x")),
                KerasSavedModelsTest.tensor((Map<String, Object>) g.get("y")));
        List<Tensor> expected = KerasSavedModelsTest.tensors(g, "next_step_weights");
        List<Variable> weights = model.weights();
        assertEquals(expected.size(), weights.size());
        double worst = 0;
        for (int i = 0; i < weights.size(); i++) {
            worst = Math.max(worst, KerasTestFiles.assertClose(expected.get(i), weights.get(i).value(), 1e-5, 0,
                    file + ": weight " + weights.get(i).path() + " after the next step"));
        }
        System.out.println(file.getFileName() + ": largest difference from Keras's next step " + worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @SuppressWarnings("unchecked")
    void exportCarriesAirfoilsStateSoTheNextStepMatches(Path file, @TempDir Path dir) throws Exception {
        if (!file.toString().endsWith(".keras")) {
            return;
        }
        Map<String, Object> g = KerasSavedModelsTest.golden(file);
        Tensor x = KerasSavedModelsTest.tensor((Map<String, Object>) g.get("x"));
        Tensor y = KerasSavedModelsTest.tensor((Map<String, Object>) g.get("y"));
        Model model = KerasModelImporter.load(file);
        model.trainOnBatch(x, y); // two steps of Airfoil's own: state Keras never saw
        model.trainOnBatch(x, y);
        String name = "optimizer_state_" + g.get("optimizer");
        Path exported = dir.resolve(name + ".keras");
        Models.exportKeras(model, exported);
        List<Tensor> state = values(model.optimizer().variables());

        Model again = KerasModelImporter.load(exported);
        List<Variable> loaded = again.optimizer().variables();
        assertEquals(state.size(), loaded.size());
        for (int i = 0; i < state.size(); i++) {
            KerasTestFiles.assertClose(state.get(i), loaded.get(i).value(), 0, 0, name + ": " + loaded.get(i).path());
        }
        assertEquals(5, again.optimizer().iterations());

        Tensor predicted = again.predict(List.of(x), 32).get(0); // what the exported file predicts
        model.trainOnBatch(x, y);
        again.trainOnBatch(x, y);
        List<Tensor> next = values(model.weights());
        for (int i = 0; i < next.size(); i++) {
            KerasTestFiles.assertClose(next.get(i), again.weights().get(i).value(), 0, 0, name + ": weight " + i);
        }
        // for tools/golden/check_airfoil_export.py: Keras's next step from the export must give `next`
        Files.createDirectories(EXPORT_DIR);
        Files.copy(exported, EXPORT_DIR.resolve(name + ".keras"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", name);
        doc.put("inputs", List.of(g.get("x")));
        doc.put("outputs", List.of(KerasExportTest.spec(predicted)));
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("x", g.get("x"));
        train.put("y", g.get("y"));
        train.put("iterations", 5);
        List<Object> ws = new ArrayList<>();
        for (Tensor t : next) {
            ws.add(KerasExportTest.spec(t));
        }
        train.put("next_step_weights", ws);
        doc.put("train", train);
        Files.writeString(EXPORT_DIR.resolve(name + ".json"), new ObjectMapper().writeValueAsString(doc));
    }

    @Test
    void exportWritesKerasOptimizerLayout(@TempDir Path dir) throws Exception {
        Model model = KerasModelImporter.load(KerasTestFiles.resource(DIR + "/rmsprop.keras"));
        Path exported = dir.resolve("m.keras");
        Models.exportKeras(model, exported);
        Path h5 = dir.resolve("w.h5");
        try (var z = new java.util.zip.ZipFile(exported.toFile())) {
            Files.write(h5, z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes());
        }
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
            var vars = (io.jhdf.api.Group) f.getByPath("optimizer/vars");
            assertEquals("rm_sprop", vars.getAttribute("name").getData());
            // iteration, learning_rate, velocity/momentum/average_gradient per kernel and bias of two Dense layers
            assertEquals(14, vars.getChildren().size());
            var iteration = (io.jhdf.api.Dataset) vars.getChild("0");
            assertTrue(iteration.isScalar());
            assertEquals(3L, ((Number) iteration.getData()).longValue());
            assertEquals(float.class, ((io.jhdf.api.Dataset) vars.getChild("13")).getJavaType());
        }
    }

    /** The golden adam.keras with its model.weights.h5 rewritten: same layers, optimizer variables from {@code opt}. */
    private static Path withOptimizerVars(Path dir, java.util.function.Consumer<Hdf5Writer.GroupNode> opt)
            throws Exception {
        Path golden = KerasTestFiles.resource(DIR + "/adam.keras");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var z = new java.util.zip.ZipFile(golden.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        Path h5 = dir.resolve("golden.h5");
        Files.write(h5, entries.get("model.weights.h5"));
        Hdf5Writer w = new Hdf5Writer();
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
            for (String layer : new String[] {"dense", "dense_1"}) {
                Hdf5Writer.GroupNode vars = w.root().group("layers").group(layer).group("vars");
                for (String k : new String[] {"0", "1"}) {
                    var ds = (io.jhdf.api.Dataset) f.getByPath("layers/" + layer + "/vars/" + k);
                    vars.dataset(k, ds.getDimensions(), (float[]) ds.getDataFlat());
                }
            }
        }
        Hdf5Writer.GroupNode ov = w.root().group("optimizer").group("vars");
        ov.attribute("name", "adam");
        opt.accept(ov);
        w.root().group("vars");
        entries.put("model.weights.h5", w.toBytes());
        Path out = dir.resolve("crafted.keras");
        try (var zo = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : entries.entrySet()) {
                zo.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zo.write(e.getValue());
                zo.closeEntry();
            }
        }
        return out;
    }

    @Test
    void aSlotOfTheWrongShapeIsRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
        int[][] shapes = {{}, {}, {4, 3}, {3, 4}, {4}, {4}, {4, 2}, {4, 2}, {2}, {2}}; // slot 2 transposed
        Path f = withOptimizerVars(dir, ov -> {
            ov.dataset("0", new int[0], new long[] {3});
            for (int i = 1; i < shapes.length; i++) {
                int n = java.util.Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
                ov.dataset(String.valueOf(i), shapes[i], new float[n]);
            }
        });
        KerasFileException e = org.junit.jupiter.api.Assertions.assertThrows(KerasFileException.class,
                () -> KerasModelImporter.load(f));
        assertTrue(e.getMessage().contains("optimizer/vars/2") && e.getMessage().contains("file has shape [4, 3]")
                && e.getMessage().contains("optimizer 'adam' variable 2 ('adam/dense_kernel_momentum') expects [3, 4]"),
                e.getMessage());
    }

    @Test
    void aStateWithAnotherVariableCountLeavesAFreshOptimizerAsKeras(@TempDir Path dir) throws Exception {
        // Keras's load_own_variables: a saved optimizer of another variable count is skipped with a warning
        Path f = withOptimizerVars(dir, ov -> {
            ov.dataset("0", new int[0], new long[] {7});
            ov.dataset("1", new int[0], new float[] {0.5f});
        });
        Model m = KerasModelImporter.load(f);
        assertEquals(0, m.optimizer().iterations());
        assertEquals(0.01f, (float) m.optimizer().learningRate());
        assertEquals(10, m.optimizer().variables().size());
    }
}
