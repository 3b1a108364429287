package dev.airfoil.saving.keras;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.activation.PReLU;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export to Keras 3 {@code .keras}: the archive has Keras's entries and layout, re-imports with
 * identical predictions, and replaces an existing file atomically. Each export is also written
 * to {@code target/keras-export/} with its inputs and Airfoil's outputs, where
 * {@code tools/golden/check_airfoil_export.py} loads it in real Keras and compares.
 */
class KerasExportTest {
    private static final Path EXPORT_DIR = Path.of("target", "keras-export");

    static Model trainedMlp() {
        Sequential m = new Sequential("java_mlp");
        m.add(Input.shape(6));
        m.add(new Dense(12, "relu"));
        m.add(new PReLU());
        m.add(new Dropout(0.25));
        m.add(new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        Tensor x = Tensor.randomNormal(1, 0, 1, 64, 6);
        Tensor y = Tensor.ofInts(java.util.stream.IntStream.range(0, 64).map(i -> i % 3).toArray(), 64);
        m.fit(x, y, 3, 16);
        return m;
    }

    static Model twoInTwoOut() {
        KerasTensor a = Input.of(new int[] {5}, "left");
        KerasTensor b = Input.of(new int[] {3}, "right");
        KerasTensor h = new Dense(7, "tanh").apply(a);
        KerasTensor c = new Concatenate().apply(h, b);
        KerasTensor o1 = new Dense(2, "sigmoid", "first").apply(c);
        KerasTensor o2 = new Dense(4, null, "second").apply(c);
        return new Model(List.of(a, b), List.of(o1, o2), "java_two_in_two_out");
    }

    static List<Tensor> inputsFor(Model m, long seed) {
        List<Tensor> xs = new ArrayList<>();
        for (KerasTensor in : m.inputs()) {
            int[] s = in.shape().clone();
            s[0] = 4;
            xs.add(Tensor.randomNormal(seed++, 0, 1, s));
        }
        return xs;
    }

    /** Exports, writes the check files, re-imports and compares; returns the re-imported model. */
    static Model roundTrip(Model m, List<Tensor> xs, Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".keras");
        Models.exportKeras(m, file);
        List<Tensor> expected = m.predict(xs, 32);
        Files.createDirectories(EXPORT_DIR);
        Files.copy(file, EXPORT_DIR.resolve(name + ".keras"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", name);
        doc.put("inputs", xs.stream().map(KerasExportTest::spec).toList());
        doc.put("outputs", expected.stream().map(KerasExportTest::spec).toList());
        Files.writeString(EXPORT_DIR.resolve(name + ".json"), new ObjectMapper().writeValueAsString(doc));

        Model again = Models.load(file);
        List<Tensor> actual = again.predict(xs, 32);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            KerasTestFiles.assertClose(expected.get(i), actual.get(i), 0, 0, name + " output " + i);
        }
        return again;
    }

    static Map<String, Object> spec(Tensor t) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ints = !t.dtype().isFloating();
        m.put("dtype", ints ? "int32" : "float32");
        m.put("shape", t.shape());
        if (ints) {
            m.put("values", t.toIntArray());
        } else {
            float[] f = t.toFloatArray();
            List<String> v = new ArrayList<>();
            for (float x : f) {
                v.add(Float.toString(x));
            }
            m.put("values", v);
        }
        return m;
    }

    @Test
    void trainedSequentialRoundTrips(@TempDir Path dir) throws Exception {
        Model m = trainedMlp();
        roundTrip(m, inputsFor(m, 7), dir, "java_mlp");
    }

    @Test
    void functionalTwoInputTwoOutputRoundTrips(@TempDir Path dir) throws Exception {
        Model m = twoInTwoOut();
        Model again = roundTrip(m, inputsFor(m, 11), dir, "java_two_in_two_out");
        assertEquals(m.inputNames(), again.inputNames());
        assertEquals(m.outputNames(), again.outputNames());
    }

    @Test
    void everyKerasGoldenModelReExports(@TempDir Path dir) throws Exception {
        int done = 0;
        for (Path p : KerasSavedModelsTest.files().filter(f -> f.toString().endsWith(".keras")).toList()) {
            Map<String, Object> g = KerasSavedModelsTest.golden(p);
            if (!KerasTestFiles.list(g.get("layer_types")).stream().allMatch(Layers::contains)) {
                continue;
            }
            Model m = KerasModelImporter.load(p);
            roundTrip(m, KerasSavedModelsTest.tensors(g, "inputs"), dir, "reexport_" + g.get("model"));
            done++;
        }
        assertTrue(done >= 5, "re-exported " + done + " golden models");
    }

    @Test
    void archiveHasKerasEntriesAndLayout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.keras");
        KerasModelExporter.export(twoInTwoOut(), file);
        try (ZipFile z = new ZipFile(file.toFile())) {
            Set<String> names = new java.util.HashSet<>();
            z.stream().forEach(e -> names.add(e.getName()));
            assertEquals(Set.of("config.json", "metadata.json", "model.weights.h5"), names);
            byte[] h5 = z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes();
            try (Hdf5Source src = Hdf5Source.open(h5, "w", KerasLimits.DEFAULTS)) {
                assertTrue(src.find(src.root(), "layers/dense/vars/0") != null);
                assertTrue(src.find(src.root(), "layers/dense_2/vars/1") != null);
                assertTrue(src.find(src.root(), "layers/input_layer_1/vars") != null);
                assertEquals("first", src.stringAttribute(src.find(src.root(), "layers/dense_1/vars"), "name"));
            }
        }
        // an existing file is replaced, and no temporary file is left behind
        KerasModelExporter.export(trainedMlp(), file);
        assertEquals(1, Files.list(dir).count());
        assertEquals("java_mlp", KerasModelImporter.load(file).name());
    }

    @Test
    void subclassedModelsAreRefused(@TempDir Path dir) {
        Model sub = new Model("custom") {
            @Override
            public Tensor call(Tensor input, boolean training) {
                return input;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> KerasModelExporter.export(sub, dir.resolve("s.keras")));
    }
}
