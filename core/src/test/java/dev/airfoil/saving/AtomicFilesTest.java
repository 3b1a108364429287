package dev.airfoil.saving;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.utils.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AtomicFiles}: a write that fails midway and a process killed while writing both leave the
 * previous file intact and complete.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private long temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).count();
        }
    }

    @Test
    void writeThatThrowsMidwayKeepsThePreviousFile() throws IOException {
        Path f = dir.resolve("sub").resolve("a.bin");
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left");
        }
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeUnchecked(f, out -> {
            throw new IOException("boom");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test
    void newFilesAreWorldReadableAndReplacementsKeepTheirPermissions() throws IOException {
        Path f = dir.resolve("p.bin");
        AtomicFiles.writeBytes(f, new byte[] {1});
        try {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
            AtomicFiles.writeBytes(f, new byte[] {2});
            assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
    }

    @Test
    void modelSaveThatFailsKeepsThePreviousModelFile() throws IOException {
        Model m = ModelArchiveTest.sequential();
        Path f = dir.resolve("m.airfoil");
        m.save(f);
        byte[] before = Files.readAllBytes(f);
        Model unbuilt = new dev.airfoil.models.Sequential(List.of(new dev.airfoil.layers.core.Dense(3)));
        assertThrows(IllegalStateException.class, () -> unbuilt.save(f));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void aFolderPathThroughAFileNamesTheTargetNotTheTemporaryFile() throws IOException {
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "x");
        Path target = file.resolve("m.airfoil");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeBytes(target, new byte[] {1}));
        assertEquals("cannot write '" + target + "': '" + file + "' is a file, not a folder; choose a path inside an"
                + " existing folder", e.getMessage());
        IOException save = assertThrows(IOException.class, () -> ModelArchiveTest.sequential().save(target));
        assertTrue(save.getMessage().startsWith("cannot write '" + target + "'"), save.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aFolderThatTakesNoNewFilesNamesTheTargetAndTheFolder() {
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "Linux /proc only");
        Path target = proc.resolve("m.airfoil");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeBytes(target, new byte[] {1}));
        assertTrue(e.getMessage().startsWith("cannot write '/proc/m.airfoil': cannot create a file in the folder"
                + " '/proc' ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); choose a writable location"), e.getMessage());
        assertTrue(!e.getMessage().contains(AtomicFiles.TEMP_SUFFIX), "no temporary name: " + e.getMessage());
    }

    @Test
    void directoriesAndMisnamedExportsAreClearErrors() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("m.airfoil"));
        IOException save = assertThrows(IOException.class, () -> ModelArchiveTest.sequential().save(folder));
        assertEquals("cannot write '" + folder + "': it is a directory; give a file name", save.getMessage());
        Path kerasFolder = Files.createDirectories(dir.resolve("k.keras"));
        InvalidModelFileException load = assertThrows(InvalidModelFileException.class, () -> Models.load(kerasFolder));
        assertTrue(load.getMessage().contains("'" + kerasFolder + "' is a directory, not a model file; give the"
                + " .airfoil, .keras, .h5 or .json file itself"), load.getMessage());
        Path misnamed = dir.resolve("m2.airfoil");
        IllegalArgumentException export = assertThrows(IllegalArgumentException.class,
                () -> Models.exportKeras(ModelArchiveTest.sequential(), misnamed));
        assertEquals("Models.exportKeras writes a Keras 3 .keras archive, so the file name must end in .keras;"
                + " received '" + misnamed + "'", export.getMessage());
        assertTrue(!Files.exists(misnamed));
        assertEquals(0, temporaries());
    }

    @Test
    void kerasExportIsAtomicAndWorldReadableLikeEveryOtherFile() throws IOException {
        Path f = dir.resolve("m.keras");
        Models.exportKeras(ModelArchiveTest.sequential(), f);
        try {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        assertEquals(0, temporaries());
    }

    private static Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), AtomicWriteMain.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void processKilledWhileWritingLeavesACompleteVersion() throws Exception {
        Path f = dir.resolve("slow.bin");
        byte[] v0 = new byte[1 << 20];
        AtomicFiles.writeBytes(f, v0);
        for (int round = 0; round < 3; round++) {
            Process p = start(f.toString(), "slow");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // wait until a write is in progress: a temporary file exists and has data
            boolean writing = false;
            while (!writing && System.nanoTime() < deadline && p.isAlive()) {
                try (Stream<Path> s = Files.list(dir)) {
                    writing = s.anyMatch(t -> t.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)
                            && sizeOf(t) > 100_000);
                }
                Thread.sleep(1);
            }
            assertTrue(writing, "the child never started writing");
            Thread.sleep(37L * round);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            byte[] now = Files.readAllBytes(f);
            assertEquals(1 << 20, now.length, "a complete file");
            for (byte b : now) {
                assertEquals(now[0], b, "one version, not a mix");
            }
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void processKilledWhileSavingModelsLeavesALoadableModel() throws Exception {
        Path f = dir.resolve("crashy.airfoil");
        for (int round = 0; round < 3; round++) {
            Process p = start(f.toString(), "model");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(f) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(1);
            }
            Thread.sleep(150 + 53L * round);
            assertTrue(p.isAlive());
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            Model back = Models.load(f);
            assertEquals("crashy", back.name());
            assertEquals(2, back.layers().stream().filter(l -> !(l instanceof dev.airfoil.layers.InputLayer)).count());
        }
    }
}
