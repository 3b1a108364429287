package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BackupAndRestore} against real killed processes: a child JVM running
 * {@link ResumableTrainingMain} is killed ({@code destroyForcibly}, SIGKILL) once its backup
 * exists, at a varying moment (possibly during a backup write), started again with the same
 * command, killed again, and finally run to completion. The final weights must equal, bit for
 * bit, those of an uninterrupted run, the CSV log must list each epoch once, and each restart's
 * progress output must continue from the epoch where the backup stood.
 */
class BackupAndRestoreKillTest {
    static final int EPOCHS = 12;
    static final long SLEEP_MS = 4;

    @TempDir
    Path dir;

    static Process start(Path work, Path stdout) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ResumableTrainingMain.class.getName(), work.toString(),
                Integer.toString(EPOCHS), Long.toString(SLEEP_MS)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stdout.toFile());
        return pb.start();
    }

    static String runToEnd(Path work, Path stdout) throws Exception {
        Process p = start(work, stdout);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("DONE"), out);
        return out;
    }

    /** Starts the child, waits until a backup exists, then kills it after {@code delayMs}. */
    static void killAfterBackup(Path work, Path stdout, long delayMs) throws Exception {
        Path backup = work.resolve("backup").resolve(BackupAndRestore.BACKUP_FILE);
        long before = Files.exists(backup) ? Files.getLastModifiedTime(backup).toMillis() : -1;
        Process p = start(work, stdout);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // a new backup: written by this run (the previous run's file is replaced atomically)
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(backup) && Files.getLastModifiedTime(backup).toMillis() != before
                    && Files.readString(stdout).contains("Epoch")) {
                break;
            }
            Thread.sleep(2);
        }
        Thread.sleep(delayMs);
        assertTrue(p.isAlive(), "the child finished before it could be killed:\n" + Files.readString(stdout));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(work.resolve("final.weights.safetensors")));
    }

    static int firstEpochShown(String out) {
        for (String line : out.split("\n")) {
            if (line.startsWith("Epoch ")) {
                return Integer.parseInt(line.substring(6, line.indexOf('/')));
            }
        }
        return -1;
    }

    @Test
    void killedTwiceAndRestartedEndsBitIdenticalWithEachEpochLoggedOnce() throws Exception {
        Path straight = Files.createDirectories(dir.resolve("straight"));
        runToEnd(straight, dir.resolve("straight.out"));

        Path resumed = Files.createDirectories(dir.resolve("resumed"));
        killAfterBackup(resumed, dir.resolve("run1.out"), 37);
        String run1 = Files.readString(dir.resolve("run1.out"));
        assertEquals(1, firstEpochShown(run1), run1);
        killAfterBackup(resumed, dir.resolve("run2.out"), 61);
        String run2 = Files.readString(dir.resolve("run2.out"));
        int resumedAt2 = firstEpochShown(run2);
        assertTrue(resumedAt2 > 1, "the second start continues from the backup:\n" + run2);
        String run3 = runToEnd(resumed, dir.resolve("run3.out"));
        int resumedAt3 = firstEpochShown(run3);
        assertTrue(resumedAt3 > resumedAt2 || resumedAt3 == resumedAt2, "the third start continues:\n" + run3);
        assertTrue(run3.contains("Epoch " + EPOCHS + "/" + EPOCHS), run3);

        byte[] a = Files.readAllBytes(straight.resolve("final.weights.safetensors"));
        byte[] b = Files.readAllBytes(resumed.resolve("final.weights.safetensors"));
        assertArrayEquals(a, b, "final weights differ between the uninterrupted and the killed-and-resumed run");

        List<String> straightLog = Files.readAllLines(straight.resolve("log.csv"));
        List<String> resumedLog = Files.readAllLines(resumed.resolve("log.csv"));
        assertEquals(EPOCHS + 1, resumedLog.size(), String.join("\n", resumedLog));
        assertTrue(resumedLog.get(0).startsWith("epoch,"), resumedLog.get(0));
        for (int e = 0; e < EPOCHS; e++) {
            assertTrue(resumedLog.get(e + 1).startsWith(e + ","), "row " + e + ": " + resumedLog.get(e + 1));
        }
        // epochs completed before a kill and those after a restart log the same losses as the straight run
        assertEquals(straightLog, resumedLog);
        assertFalse(Files.exists(resumed.resolve("backup")), "the backup is deleted when training ends");
        System.out.println("kill/resume: restarts showed epochs " + resumedAt2 + " and " + resumedAt3 + " first; "
                + a.length + " weight-file bytes identical");
    }
}
