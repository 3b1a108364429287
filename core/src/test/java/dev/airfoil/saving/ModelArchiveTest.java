package dev.airfoil.saving;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.save} / {@code Models.load} round trips for the three model styles, and exact continuation. */
class ModelArchiveTest {
    static final Tensor X = Tensor.randomUniform(7, -1, 1, 32, 4);
    static final Tensor Y = Tensor.randomUniform(8, -1, 1, 32, 2);

    @TempDir
    Path dir;

    static Sequential sequential() {
        Sequential m = new Sequential(List.of(new Dense(8, "relu"), new Dense(2)), "seq");
        m.build(new int[] {-1, 4});
        return m;
    }

    static Model functional() {
        KerasTensor in = Input.shape(4);
        KerasTensor a = new Dense(6, "tanh", "branch_a").apply(in);
        KerasTensor b = new Dense(3, "relu", "branch_b").apply(in);
        KerasTensor c = new Concatenate().apply(a, b);
        return new Model(List.of(in), List.of(new Dense(2, null, "head").apply(c)), "func");
    }

    /** A subclassed model: two dense layers in fields and a residual-style call. */
    public static final class TwoTower extends Model {
        private final int units;
        private final Dense first;
        private final Dense second;

        public TwoTower(int units, String name) {
            super(name);
            this.units = units;
            this.first = new Dense(units, "relu", "tower_first");
            this.second = new Dense(2, null, "tower_second");
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            return second.apply(first.apply(x, training), training);
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = super.getConfig();
            c.put("units", units);
            return c;
        }
    }

    static {
        Models.registerCustom("TwoTower", c -> new TwoTower(c.getInt("units", 4), c.getString("name", null)));
    }

    private static void assertSameWeights(Model a, Model b) {
        List<Tensor> wa = a.getWeights();
        List<Tensor> wb = b.getWeights();
        assertEquals(wa.size(), wb.size());
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i).shape(), wb.get(i).shape());
            assertArrayEquals(wa.get(i).floatData(), wb.get(i).floatData(), "weight " + i);
        }
    }

    private void roundTrip(Model model) throws IOException {
        model.compile(CompileOptions.builder().optimizer(new Adam(0.01)).loss("mse").metrics("mae").build());
        model.fit(X, Y, FitOptions.builder().epochs(2).batchSize(8).verbose(0).seed(3).build());
        Path file = dir.resolve(model.name() + ".airfoil");
        model.save(file);
        Model back = Models.load(file);
        assertEquals(model.getClass(), back.getClass());
        assertEquals(model.name(), back.name());
        assertSameWeights(model, back);
        assertArrayEquals(model.predict(X).floatData(), back.predict(X).floatData());
        assertNotNull(back.compiled());
        assertEquals("Adam", back.optimizer().className());
        assertEquals(model.optimizer().iterations(), back.optimizer().iterations());
        assertEquals(model.evaluate(X, Y), back.evaluate(X, Y));
        assertEquals(2, back.fitState().epoch());
        assertEquals(3L, back.fitState().seed());

        // one more epoch on each gives identical weights: the optimizer slots and the shuffle seed came back
        model.fit(X, Y, FitOptions.builder().epochs(3).initialEpoch(2).batchSize(8).verbose(0).seed(3).build());
        back.fit(X, Y, FitOptions.builder().epochs(3).initialEpoch(back.fitState().epoch()).batchSize(8).verbose(0).build());
        assertSameWeights(model, back);
    }

    @Test
    void sequentialRoundTrip() throws IOException {
        roundTrip(sequential());
    }

    @Test
    void functionalRoundTrip() throws IOException {
        roundTrip(functional());
    }

    @Test
    void subclassedRoundTripThroughTheRegistry() throws IOException {
        TwoTower m = new TwoTower(5, "towers");
        m.build(new int[] {-1, 4});
        roundTrip(m);
    }

    @Test
    void archiveHoldsTheDocumentedEntries() throws IOException {
        Sequential m = sequential();
        m.compile(new Adam(0.01), "mse");
        m.fit(X, Y, FitOptions.builder().epochs(1).batchSize(16).verbose(0).seed(1).build());
        Path file = dir.resolve("m.airfoil");
        m.save(file);
        try (ZipFile z = new ZipFile(file.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("metadata.json", "config.json", "model.weights.safetensors", "optimizer.safetensors",
                    "training.json"), names);
            String meta = new String(z.getInputStream(z.getEntry("metadata.json")).readAllBytes());
            assertTrue(meta.contains("\"format\" : \"airfoil\"") && meta.contains("\"format_version\" : \"1.0\""), meta);
            String config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes());
            assertTrue(config.contains("\"class_name\" : \"Sequential\"") && config.contains("\"compile_config\""), config);
            SafeTensors.Contents w = SafeTensors.read(z.getInputStream(z.getEntry("model.weights.safetensors"))
                    .readAllBytes(), "w", ModelFileLimits.DEFAULT);
            assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias").size(), w.entries().size());
            assertEquals(ZipEntry.STORED, z.getEntry("model.weights.safetensors").getMethod());
        }
    }

    /** A dropout model trained two epochs in one go, and one epoch, saved, loaded and trained one more. */
    @Test
    void aLoadedModelDrawsTheDropoutMasksTheUninterruptedRunWould() throws IOException {
        FitOptions oneEpoch = FitOptions.builder().epochs(1).batchSize(8).shuffle(false).verbose(0).seed(3).build();
        dev.airfoil.utils.Seeds.setGlobalSeed(21);
        Sequential straight = dropoutModel();
        straight.fit(X, Y, oneEpoch);
        straight.fit(X, Y, oneEpoch);
        dev.airfoil.utils.Seeds.setGlobalSeed(21);
        Sequential first = dropoutModel();
        first.fit(X, Y, oneEpoch);
        Path file = dir.resolve("dropout.airfoil");
        first.save(file);
        dev.airfoil.utils.Seeds.setGlobalSeed(99);                  // the loaded layers are seeded differently
        Model resumed = Models.load(file);
        resumed.fit(X, Y, oneEpoch);
        for (int i = 0; i < straight.weights().size(); i++) {
            assertArrayEquals(straight.weights().get(i).value().floatData(), resumed.weights().get(i).value().floatData(),
                    straight.weights().get(i).name());
        }
        Model noStates = Models.load(file);
        RandomStates.of(noStates).values().forEach(r -> r.setState(12345));
        noStates.fit(X, Y, oneEpoch);
        assertTrue(!java.util.Arrays.equals(straight.weights().get(0).value().floatData(),
                noStates.weights().get(0).value().floatData()), "other masks must give other weights");
    }

    private static Sequential dropoutModel() {
        Sequential m = new Sequential(List.of(new Dense(16, "relu", "hidden"),
                new dev.airfoil.layers.regularization.Dropout(0.5, null, null, "drop"), new Dense(2, null, "out")), "dropped");
        m.build(new int[] {-1, 4});
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    @Test
    void randomStatesOfAnotherArchitectureAreAClearError() throws IOException {
        dev.airfoil.utils.Seeds.setGlobalSeed(4);
        Sequential m = dropoutModel();
        m.fit(X, Y, FitOptions.builder().epochs(1).batchSize(8).verbose(0).build());
        Path file = dir.resolve("d.airfoil");
        m.save(file);
        Sequential other = new Sequential(List.of(new Dense(16, "relu", "hidden"), new Dense(2, null, "out")), "plain");
        other.build(new int[] {-1, 4});
        other.compile(new Adam(0.01), "mse");
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> ModelArchive.restoreInto(other, file));
        assertTrue(e.getMessage().contains("drop") && e.getMessage().contains("no random layer"), e.getMessage());
    }

    @Test
    void weightedMetricsAreSavedWithTheCompileConfig() throws IOException {
        Sequential m = sequential();
        m.compile(CompileOptions.builder().optimizer(new Adam(0.01)).loss("mse").metrics("mae").weightedMetrics("mae").build());
        Tensor w = Tensor.randomUniform(9, 0.1, 2, 32);
        Map<String, Double> before = m.evaluate(X, Y, 8, w, List.of());
        assertEquals(java.util.Set.of("loss", "mae", "weighted_mae"), before.keySet());
        Path file = dir.resolve("w.airfoil");
        m.save(file);
        Model loaded = Models.load(file);
        assertEquals(before, loaded.evaluate(X, Y, 8, w, List.of()));
    }

    @Test
    void weightsOnlyRoundTripAndShapeMismatch() throws IOException {
        Sequential a = sequential();
        Path file = dir.resolve("a.weights.safetensors");
        a.saveWeights(file);
        Sequential b = sequential(); // other automatic names: matched in order
        b.loadWeights(file);
        assertSameWeights(a, b);
        Sequential c = new Sequential(List.of(new Dense(9, "relu"), new Dense(2)));
        c.build(new int[] {-1, 4});
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> c.loadWeights(file));
        assertTrue(e.getMessage().contains("expects [4, 9]"), e.getMessage());
    }

    @Test
    void uncompiledModelLoadsUncompiled() throws IOException {
        Model m = functional();
        Path file = dir.resolve("plain.airfoil");
        m.save(file);
        Model back = Models.load(file);
        assertEquals(null, back.compiled());
        assertInstanceOf(Model.class, back);
        assertArrayEquals(m.predict(X).floatData(), back.predict(X).floatData());
        for (Layer l : m.layers()) {
            assertNotNull(back.getLayer(l.name()));
        }
    }

    @Test
    void unknownExtensionAndUnregisteredClassAreClearErrors() throws IOException {
        Path bad = dir.resolve("m.bin");
        Files.write(bad, new byte[] {1, 2, 3});
        assertThrows(InvalidModelFileException.class, () -> Models.load(bad));
    }

    @Test
    void saveRefusesANameThatLoadWouldNotReadBack() throws IOException {
        Model m = sequential();
        for (String name : List.of("m.keras", "m.h5", "m.json", "model")) {
            Path f = dir.resolve(name);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.save(f), name);
            assertTrue(e.getMessage().startsWith("Model.save writes Airfoil's .airfoil format, so the file name must end"
                    + " in .airfoil; received '" + f + "'"), e.getMessage());
            assertTrue(!Files.exists(f), name + " is not written");
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.save(dir.resolve("x.keras"))).getMessage()
                .endsWith("; for a Keras 3 file use Models.exportKeras(model, path)"));
        Path upper = dir.resolve("M.AIRFOIL");
        m.save(upper);
        assertSameWeights(m, Models.load(upper));
    }
}
