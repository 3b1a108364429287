package dev.airfoil.cli;

import dev.airfoil.layers.KerasTensor;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.saving.InvalidModelFileException;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loading and saving models by file name ({@code .airfoil}, {@code .keras}, {@code .h5},
 * {@code .json}), and checking data against a model's inputs before anything runs.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Loads a model file, turning every failure into a one-line message naming the file. */
    static Model load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new CliException("model file not found: " + file + " (check the path)");
        }
        if (Files.isDirectory(file)) {
            throw new CliException("'" + file + "' is a directory; give a model file (.airfoil, .keras, .h5 or .json)");
        }
        String l = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (l.endsWith(".json")) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                try {
                    return Models.fromJson(text);
                } catch (RuntimeException e) {
                    // Keras 2 schema and other dialects: the Keras importer reads them.
                    try {
                        return Models.load(file);
                    } catch (IOException | RuntimeException e2) {
                        e.addSuppressed(e2);
                        throw new CliException("cannot read model config '" + file + "': "
                                + ErrorMessages.oneLine(e), e);
                    }
                }
            }
            return Models.load(file);
        } catch (InvalidModelFileException e) {
            String m = ErrorMessages.oneLine(e);
            if (m.contains("unknown model file type")) {
                throw new CliException("'" + file.getFileName() + "' is not a model file Airfoil reads; give an"
                        + " .airfoil, .keras, .h5 or .json (Keras config) file", e);
            }
            throw new CliException("cannot load model '" + file + "': " + m, e);
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot load model '" + file + "': " + ErrorMessages.oneLine(e), e);
        }
    }

    /**
     * Refuses to run a model read from a config JSON (an architecture: its weights are the random
     * initial ones) where trained weights are needed, unless it is built and has no weights at all.
     *
     * @param model   the loaded model
     * @param file    the file it came from
     * @param command the command, for the message ({@code predict})
     */
    static void requireTrained(Model model, Path file, String command) {
        boolean config = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (config && (!model.isBuilt() || !model.weights().isEmpty())) {
            throw new CliException(command + " needs a trained model, but " + file + " is an architecture (a Keras"
                    + " config JSON) whose weights are random; train it first (airfoil train " + file
                    + " ... --save model.airfoil) and give the saved model");
        }
    }

    /** Model file extensions that {@link #save} writes. */
    static final String SAVE_FORMATS = ".airfoil (everything, for further training), .keras (Keras 3)"
            + " or .json (architecture only)";

    /** Checks that {@link #save} can write this file name and folder (before hours of training). */
    static void checkSavePath(Path file, String option) {
        String l = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(l.endsWith(".airfoil") || l.endsWith(".keras") || l.endsWith(".json"))) {
            throw new CliException(option + " " + file + ": unknown model format; name the file " + SAVE_FORMATS);
        }
        OutputFiles.checkWritable(file, option);
    }

    /** Saves a model in the format given by the extension, atomically (any previous file survives a failure). */
    static void save(Model model, Path file) throws IOException {
        String l = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (l.endsWith(".airfoil")) {
            model.save(file);
        } else if (l.endsWith(".keras")) {
            Models.exportKeras(model, file);
        } else if (l.endsWith(".json")) {
            AtomicFiles.writeBytes(file, (Models.toJson(model) + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            throw new CliException("cannot save to '" + file.getFileName() + "'; name the file " + SAVE_FORMATS);
        }
    }

    /** The model's symbolic inputs, or an empty list when it has no input shape yet. */
    static List<KerasTensor> inputs(Model model) {
        try {
            return model.inputs();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Checks the data against the model's inputs (rank and every known dimension) and casts integer
     * data to float32 where the model expects floats.
     *
     * @param model the model
     * @param xs    one array per model input, in input order
     * @param names where each array came from, for messages
     * @return the arrays, cast where needed
     */
    static List<Tensor> adaptInputs(Model model, List<Tensor> xs, List<String> names) {
        List<KerasTensor> ins = inputs(model);
        List<Tensor> out = new ArrayList<>();
        if (!ins.isEmpty() && ins.size() != xs.size()) {
            throw new CliException("model '" + model.name() + "' has " + ins.size() + " inputs "
                    + model.inputNames() + " but " + xs.size() + " arrays were given");
        }
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i);
            if (ins.isEmpty()) {
                out.add(x.dtype().isFloating() ? x : x.cast(DType.FLOAT32));
                continue;
            }
            KerasTensor k = ins.get(i);
            int[] want = k.shape();
            int[] got = x.shape();
            boolean ok = want.length == got.length;
            for (int d = 1; ok && d < want.length; d++) {
                ok = want[d] < 0 || want[d] == got[d];
            }
            if (!ok) {
                int[] sample = java.util.Arrays.copyOfRange(got, Math.min(1, got.length), got.length);
                int[] wantSample = java.util.Arrays.copyOfRange(want, 1, want.length);
                throw new CliException(names.get(i) + " has shape " + TensorFiles.shape(got) + " (samples of shape "
                        + TensorFiles.shape(sample) + ") but model input '" + k.layer().name() + "' expects "
                        + TensorFiles.shape(want) + " (samples of shape " + TensorFiles.shape(wantSample)
                        + "); give data that fit the model, or a model that fits the data");
            }
            if (k.dtype() != null && k.dtype().isFloating() && !x.dtype().isFloating()) {
                x = x.cast(k.dtype());
            }
            out.add(x);
        }
        return out;
    }
}
