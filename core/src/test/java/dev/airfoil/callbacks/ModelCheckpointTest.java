package dev.airfoil.callbacks;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ModelCheckpoint}: path formatting, best-only saving, weights-only saving, batch frequency. */
class ModelCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void formatsPathsLikePython() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("val_loss", 0.41499999);
        logs.put("loss", 1.5);
        assertEquals("ckpt/03-0.41.airfoil", ModelCheckpoint.formatPath("ckpt/{epoch:02d}-{val_loss:.2f}.airfoil", 2, null, logs));
        assertEquals("m-12-1.5-{x}.airfoil", ModelCheckpoint.formatPath("m-{epoch}-{loss}-{{x}}.airfoil", 11, null, logs));
        assertEquals("b007-4.150e-01", ModelCheckpoint.formatPath("b{batch:03d}-{val_loss:.3e}", 0, 7, logs));
        assertEquals("  5", ModelCheckpoint.formatPath("{epoch:3d}", 4, null, logs));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCheckpoint.formatPath("{acc:.2f}.airfoil", 0, null, logs));
        assertTrue(e.getMessage().contains("no value for 'acc'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.formatPath("{loss:d}", 0, null, logs));
    }

    @Test
    void savesEveryEpochToFormattedPaths() throws Exception {
        Sequential m = ResumableTrainingMain.model();
        m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, FitOptions.builder().epochs(3).batchSize(32).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("{epoch:02d}-{loss:.3f}.airfoil").toString())).build());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.filter(p -> p.toString().endsWith(".airfoil")).count());
        }
        Path last;
        try (Stream<Path> files = Files.list(dir)) {
            last = files.filter(p -> p.getFileName().toString().startsWith("03-")).findFirst().orElseThrow();
        }
        Model back = Models.load(last);
        assertArrayEquals(m.predict(ResumableTrainingMain.X).floatData(), back.predict(ResumableTrainingMain.X).floatData());
        assertEquals(3, back.fitState().epoch());
    }

    @Test
    void saveBestOnlyWritesOnImprovementAndPrintsKerasLines() throws Exception {
        Sequential m = ResumableTrainingMain.model();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Path best = dir.resolve("best.weights.safetensors");
        // a "metric" that improves only at epochs 0 and 2
        double[] fake = {3.0, 5.0, 1.0, 2.0};
        Callback faker = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("val_score", fake[epoch]);
            }
        };
        ModelCheckpoint ckpt = new ModelCheckpoint(best.toString(), "val_score", 1, true, true, "min", "epoch", null)
                .out(new PrintStream(text, true, StandardCharsets.UTF_8));
        m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, FitOptions.builder().epochs(4).batchSize(32).verbose(0)
                .callbacks(faker, ckpt).build());
        String out = text.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\nEpoch 1: val_score improved from None to 3.00000, saving model to " + best + "\n"), out);
        assertTrue(out.contains("\nEpoch 1: finished saving model to " + best + "\n"), out); // Keras 3.15.1 text
        assertTrue(out.contains("\nEpoch 2: val_score did not improve from 3.00000\n"), out);
        assertTrue(out.contains("\nEpoch 3: val_score improved from 3.00000 to 1.00000"), out);
        assertEquals(1.0, ckpt.best());
        assertTrue(Files.exists(best));
    }

    @Test
    void initialThresholdMissingMonitorAndBatchFrequency() throws Exception {
        Sequential m = ResumableTrainingMain.model();
        ModelCheckpoint never = new ModelCheckpoint(dir.resolve("never.airfoil").toString())
                .monitor("loss").saveBestOnly(true).initialValueThreshold(-1.0);
        ModelCheckpoint missing = new ModelCheckpoint(dir.resolve("missing.airfoil").toString()).saveBestOnly(true);
        ModelCheckpoint batches = new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.airfoil").toString()).saveFreq(4);
        m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, FitOptions.builder().epochs(2).batchSize(16).verbose(0)
                .callbacks(never, missing, batches).build());
        assertTrue(Files.notExists(dir.resolve("never.airfoil")));
        // no val_loss: Keras 3.15.1 warns and saves anyway (golden/training/callbacks.json)
        assertTrue(Files.exists(dir.resolve("missing.airfoil")));
        // 6 batches per epoch, 12 in all: saves after batches 4, 8, 12 -> e1-b4, e2-b2, e2-b6
        // ({batch} is 1-based: Keras 3.15.1 writes e1-b4, e2-b2, e2-b6 for this fit)
        assertTrue(Files.exists(dir.resolve("e1-b4.airfoil")));
        assertTrue(Files.exists(dir.resolve("e2-b2.airfoil")));
        assertTrue(Files.exists(dir.resolve("e2-b6.airfoil")));
    }

    @Test
    void rejectsWrongExtensionsAndFrequencies() {
        Sequential m = ResumableTrainingMain.model();
        ModelCheckpoint wrong = new ModelCheckpoint(dir.resolve("m.keras").toString());
        assertThrows(IllegalArgumentException.class, () -> m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y,
                FitOptions.builder().epochs(1).verbose(0).callbacks(wrong).build()));
        ModelCheckpoint weights = new ModelCheckpoint(dir.resolve("m.airfoil").toString()).saveWeightsOnly(true);
        assertThrows(IllegalArgumentException.class, () -> m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y,
                FitOptions.builder().epochs(1).verbose(0).callbacks(weights).build()));
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.airfoil").saveFreq("batch"));
    }
}
