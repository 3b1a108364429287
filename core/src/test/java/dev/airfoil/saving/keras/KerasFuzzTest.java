package dev.airfoil.saving.keras;

import dev.airfoil.saving.InvalidModelFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates valid Keras files thousands of times — truncation, bit flips, random bytes, overwritten
 * sizes and offsets with extreme values, hostile zip entries — and checks that every load either
 * succeeds or throws an {@link InvalidModelFileException} (an {@code IOException}) within a time
 * limit: never an {@code OutOfMemoryError}, a {@code NegativeArraySizeException}, another
 * runtime exception or a hang.
 */
class KerasFuzzTest {
    private static final int ROUNDS = Integer.getInteger("airfoil.fuzz.rounds", 1000);

    private static void mutate(byte[] b, Random r, int headerBias) {
        int kind = r.nextInt(5);
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            int pos = r.nextInt(3) == 0 ? r.nextInt(Math.min(headerBias, b.length)) : r.nextInt(b.length);
            switch (kind) {
                case 0 -> b[pos] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[pos] = (byte) r.nextInt(256);
                case 2 -> {
                    for (int i = 0; i < 8 && pos + i < b.length; i++) {
                        b[pos + i] = (byte) 0xff;
                    }
                }
                case 3 -> {
                    for (int i = 0; i < 4 && pos + i < b.length; i++) {
                        b[pos + i] = (byte) (r.nextBoolean() ? 0x7f : 0x00);
                    }
                }
                default -> b[pos] = 0;
            }
        }
    }

    private static void check(Path file, String what) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                KerasModelImporter.load(file);
            } catch (InvalidModelFileException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    fail(what + ": empty message");
                }
            } catch (Throwable t) {
                t.printStackTrace();
                fail(what + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }, what);
    }

    private static void fuzz(Path source, Path dir, long seed, int rounds, int headerBias) throws Exception {
        byte[] original = Files.readAllBytes(source);
        Random r = new Random(seed);
        Path f = dir.resolve("fuzz" + source.getFileName().toString().replaceAll("^.*(\\.[a-z0-9]+)$", "$1"));
        for (int i = 0; i < rounds; i++) {
            byte[] b;
            if (i % 10 == 0) {
                b = java.util.Arrays.copyOf(original, r.nextInt(original.length));
            } else {
                b = original.clone();
                mutate(b, r, headerBias);
            }
            Files.write(f, b);
            check(f, source.getFileName() + " round " + i + " (seed " + seed + ")");
        }
    }

    @Test
    void mutatedKeras2H5Files(@TempDir Path dir) throws Exception {
        fuzz(KerasTestFiles.resource("keras-h5/ReLU_2_model.h5"), dir, 1, ROUNDS, 4096);
        fuzz(KerasTestFiles.resource("keras-h5/simple_sparse_xent_mlp_keras_2_model.h5"), dir, 2, ROUNDS / 2, 2048);
    }

    @Test
    void mutatedKeras3Archives(@TempDir Path dir) throws Exception {
        fuzz(KerasTestFiles.resource("golden/keras3/two_in_two_out.keras"), dir, 3, ROUNDS, 65536);
    }

    @Test
    void mutatedWeightsInsideValidZip(@TempDir Path dir) throws Exception {
        // the zip stays valid; the HDF5 and JSON inside are damaged
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(KerasTestFiles.resource("golden/keras3/mlp.keras").toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        Random r = new Random(4);
        Path f = dir.resolve("inner.keras");
        for (int i = 0; i < ROUNDS; i++) {
            String target = i % 4 == 0 ? "config.json" : "model.weights.h5";
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (ZipOutputStream zo = new ZipOutputStream(bo)) {
                for (var e : entries.entrySet()) {
                    byte[] data = e.getValue().clone();
                    if (e.getKey().equals(target)) {
                        if (i % 10 == 1) {
                            data = java.util.Arrays.copyOf(data, r.nextInt(data.length));
                        } else {
                            mutate(data, r, target.equals("config.json") ? data.length : 4096);
                        }
                    }
                    zo.putNextEntry(new ZipEntry(e.getKey()));
                    zo.write(data);
                    zo.closeEntry();
                }
            }
            Files.write(f, bo.toByteArray());
            check(f, "inner " + target + " round " + i);
        }
    }
}
