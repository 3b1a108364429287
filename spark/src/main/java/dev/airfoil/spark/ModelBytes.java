package dev.airfoil.spark;

import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ships models to executors and back as the bytes of an {@code .airfoil} archive (architecture,
 * weights, compile configuration and optimizer state; see {@code dev.airfoil.saving.ModelArchive}),
 * and flattens variables to one {@code float[]} for the collectives. No Airfoil object is ever
 * Java-serialized.
 */
public final class ModelBytes {
    private ModelBytes() {
    }

    /**
     * The archive bytes of a built model (compiled models keep their optimizer and its state).
     *
     * @param model the model
     * @return the bytes of its {@code .airfoil} file
     */
    public static byte[] toBytes(Model model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("airfoil-spark-");
            Path file = dir.resolve("model.airfoil");
            model.save(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise model '" + model.name() + "': " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * A model from archive bytes (compiled again when it was saved compiled).
     *
     * @param bytes what {@link #toBytes} returned
     * @return the model
     */
    public static Model fromBytes(byte[] bytes) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("airfoil-spark-");
            Path file = dir.resolve("model.airfoil");
            Files.write(file, bytes);
            return Models.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a shipped model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** The total number of scalars of the variables. */
    static int size(List<Variable> vars) {
        int n = 0;
        for (Variable v : vars) {
            n += v.size();
        }
        return n;
    }

    /** The variables' float32 values, concatenated in order. */
    static float[] flatten(List<Variable> vars) {
        float[] out = new float[size(vars)];
        int o = 0;
        for (Variable v : vars) {
            float[] a = v.value().toFloatArray();
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }

    /** Assigns concatenated values back to the variables (the inverse of {@link #flatten}). */
    static void assign(List<Variable> vars, float[] flat) {
        int o = 0;
        for (Variable v : vars) {
            int n = v.size();
            float[] a = new float[n];
            System.arraycopy(flat, o, a, 0, n);
            v.assign(dev.airfoil.tensor.Tensor.of(a, v.shape()).cast(v.dtype()));
            o += n;
        }
    }
}
