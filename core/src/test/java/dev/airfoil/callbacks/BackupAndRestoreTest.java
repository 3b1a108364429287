package dev.airfoil.callbacks;

import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BackupAndRestore} in one JVM: a run that crashes (throws) mid-training and is started again. */
class BackupAndRestoreTest {
    @TempDir
    Path dir;

    /** Throws at a given epoch and batch, like a crash. */
    static final class Crash extends Callback {
        final int epoch;
        final int batch;
        int currentEpoch;

        Crash(int epoch, int batch) {
            this.epoch = epoch;
            this.batch = batch;
        }

        @Override
        public void onEpochBegin(int e, Map<String, Double> logs) {
            currentEpoch = e;
        }

        @Override
        public void onTrainBatchBegin(int b, Map<String, Double> logs) {
            if (currentEpoch == epoch && b == batch) {
                throw new IllegalStateException("simulated crash");
            }
        }
    }

    private FitOptions.Builder options(Path work, Object saveFreq, Callback... more) {
        return FitOptions.builder().epochs(6).batchSize(16).verbose(0)
                .callbacks(new BackupAndRestore(work.resolve("backup"), saveFreq, true),
                        new CSVLogger(work.resolve("log.csv"), ",", true))
                .callbacks(more);
    }

    private static void assertSameWeights(Sequential a, Sequential b) {
        List<Tensor> wa = a.getWeights();
        List<Tensor> wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i).floatData(), wb.get(i).floatData(), "weight " + i);
        }
    }

    private void crashAndResume(Object saveFreq, int crashEpoch, int crashBatch) throws Exception {
        Path straightDir = Files.createDirectories(dir.resolve("straight" + saveFreq + crashEpoch));
        // each start of the "program" begins from the same global seed, as a new JVM would
        Seeds.setGlobalSeed(5);
        Sequential straight = ResumableTrainingMain.model();
        straight.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, options(straightDir, saveFreq).build());

        Path work = Files.createDirectories(dir.resolve("crash" + saveFreq + crashEpoch));
        Seeds.setGlobalSeed(5);
        Sequential first = ResumableTrainingMain.model();
        assertThrows(IllegalStateException.class, () -> first.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y,
                options(work, saveFreq, new Crash(crashEpoch, crashBatch)).build()));
        assertTrue(Files.exists(work.resolve("backup").resolve(BackupAndRestore.BACKUP_FILE)));

        Seeds.setGlobalSeed(5);
        Sequential second = ResumableTrainingMain.model();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        second.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, options(work, saveFreq,
                new ProgbarLogger(new PrintStream(text, true, StandardCharsets.UTF_8))).verbose(2).build());
        assertSameWeights(straight, second);
        String out = text.toString(StandardCharsets.UTF_8);
        List<String> log = Files.readAllLines(work.resolve("log.csv"));
        assertEquals(7, log.size(), String.join("\n", log));
        for (int e = 0; e < 6; e++) {
            assertTrue(log.get(e + 1).startsWith(e + ","), log.get(e + 1));
        }
        assertFalse(Files.exists(work.resolve("backup")));
        if ("epoch".equals(saveFreq)) {
            assertTrue(out.startsWith("Epoch " + (crashEpoch + 1) + "/6\n"), out); // the crashed epoch is run again
            assertEquals(Files.readAllLines(straightDir.resolve("log.csv")), log);
        }
    }

    @Test
    void epochBackupsResumeExactly() throws Exception {
        crashAndResume("epoch", 3, 2);
    }

    @Test
    void crashInTheFirstEpochStartsAgainFromScratch() throws Exception {
        Path work = Files.createDirectories(dir.resolve("early"));
        Sequential first = ResumableTrainingMain.model();
        assertThrows(IllegalStateException.class, () -> first.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y,
                options(work, "epoch", new Crash(0, 3)).build()));
        assertFalse(Files.exists(work.resolve("backup").resolve(BackupAndRestore.BACKUP_FILE)));
    }

    @Test
    void batchBackupsResumeMidEpochExactly() throws Exception {
        crashAndResume(2, 2, 3); // 6 batches per epoch, a backup every 2: resumes at epoch 2, batch 2
    }

    @Test
    void keepsTheBackupWhenAskedAndRejectsBadArguments() throws Exception {
        Sequential m = ResumableTrainingMain.model();
        Path work = dir.resolve("keep");
        m.fit(ResumableTrainingMain.X, ResumableTrainingMain.Y, FitOptions.builder().epochs(2).batchSize(32).verbose(0)
                .callbacks(new BackupAndRestore(work, "epoch", false)).build());
        assertTrue(Files.exists(work.resolve(BackupAndRestore.BACKUP_FILE)));
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(work, "batch", true));
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(work, 0, true));
    }

    @Test
    void trimLogKeepsHeaderAndEarlierEpochsOnly() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "epoch,loss\r\n0,1.0\r\n1,0.5\r\n2,0.25\r\n3,0.1");
        BackupAndRestore.trimLog(csv, 2);
        assertEquals("epoch,loss\r\n0,1.0\r\n1,0.5\r\n", Files.readString(csv));
        BackupAndRestore.trimLog(csv, 0);
        assertEquals("epoch,loss\r\n", Files.readString(csv));
    }
}
