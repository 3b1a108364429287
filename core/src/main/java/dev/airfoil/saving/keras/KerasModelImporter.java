package dev.airfoil.saving.keras;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.training.CompileOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads models saved by Python Keras: Keras 3 {@code .keras} archives ({@code config.json},
 * {@code metadata.json}, {@code model.weights.h5}), Keras 2 / tf.keras legacy {@code .h5} whole-model
 * files ({@code model_config} attribute and {@code model_weights} group) and bare Keras config
 * JSON ({@code model.to_json()}, architecture only, freshly initialised weights).
 *
 * <p>Files are treated as hostile: the format is recognised from its first bytes; sizes, counts
 * and depths are checked against {@link KerasLimits} before anything is allocated; layer,
 * activation and initializer names resolve only through Airfoil's registries (no reflection, no
 * code in the file is ever run — a {@code Lambda} layer is simply an unsupported layer type);
 * links to other files are not followed; every weight's declared shape must equal what its layer
 * expects, and every weight in the file must be used. Every rejection is a
 * {@link KerasFileException} naming the entry, dataset, attribute or config field.
 *
 * <p>A compiled model carries the file's optimizer state ({@code optimizer/vars} of a
 * {@code .keras} archive, {@code optimizer_weights} of a legacy {@code .h5}), so {@code fit}
 * resumes where Keras stopped: same iteration count, learning rate and slots (Adam's moments, ...).
 *
 * <p>Keras 2 files are computed with Keras 2's formulas where they differ from Keras 3
 * ({@code hard_sigmoid}), and Keras 2's {@code ThresholdedReLU} loads as the equivalent
 * {@code ReLU(threshold=theta)}.
 *
 * <p>Example:
 * <pre>{@code
 * Model m = KerasModelImporter.load(Path.of("mnist_mlp.keras"));   // or .h5, or .json
 * Tensor probs = m.predict(images);
 * }</pre>
 */
public final class KerasModelImporter {
    private static final System.Logger LOG = System.getLogger(KerasModelImporter.class.getName());
    private static final Set<String> ARCHIVE_ENTRIES = Set.of("config.json", "metadata.json", "model.weights.h5");

    private KerasModelImporter() {
    }

    /** Loads a {@code .keras}, {@code .h5} or Keras JSON file with the default limits. */
    public static Model load(Path path) throws IOException {
        return load(path, KerasLimits.DEFAULTS);
    }

    /**
     * Loads a {@code .keras}, {@code .h5} or Keras JSON file, recognised by its content (zip, HDF5
     * or JSON), not its extension.
     */
    public static Model load(Path path, KerasLimits limits) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (var in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 8);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return loadKerasArchive(path, limits);
        }
        if (n == 8 && Hdf5Source.isHdf5(head)) {
            return loadH5(path, limits);
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == '{') {
                return loadConfigJson(path, limits);
            }
            if (!Character.isWhitespace(head[i]) && !(i < 3 && (head[i] & 0xff) >= 0xef)) {
                break;
            }
        }
        throw new KerasFileException(name(path), "not a Keras file: expected a .keras zip archive, an HDF5 .h5 file or a "
                + "JSON model config");
    }

    /** Loads a Keras 3 {@code .keras} archive. */
    public static Model loadKerasArchive(Path path, KerasLimits limits) throws IOException {
        String where = name(path);
        Map<String, byte[]> entries = SafeZip.read(path, ARCHIVE_ENTRIES, Set.of("config.json"), limits);
        if (entries.containsKey("metadata.json")) {
            Map<String, Object> meta = KerasConfigs.parseObject(utf8(entries.get("metadata.json"), where + "!metadata.json",
                    limits), where + "!metadata.json", limits);
            Object v = meta.get("keras_version");
            if (v != null && !(v instanceof String)) {
                throw new KerasFileException(where + "!metadata.json: keras_version", "expected a string, found " + v);
            }
        }
        String cw = where + "!config.json";
        Map<String, Object> spec = KerasConfigs.prepare(
                KerasConfigs.parseObject(utf8(entries.get("config.json"), cw, limits), cw, limits), false, cw, limits);
        Model model = build(spec, cw);
        byte[] weights = entries.get("model.weights.h5");
        if (weights == null) {
            if (!model.weights().isEmpty()) {
                throw new KerasFileException(where, "the archive has no model.weights.h5 but the model has "
                        + model.weights().size() + " weights");
            }
            return model;
        }
        try (Hdf5Source h5 = Hdf5Source.open(weights, where + "!model.weights.h5", limits)) {
            KerasWeights.loadKeras3(h5, spec, model);
            compile(model, spec.get("compile_config"), cw + ": compile_config");
            KerasOptimizerState.loadKeras3(h5, model);
        }
        return model;
    }

    /** Loads a Keras 2 / tf.keras legacy whole-model {@code .h5} file. */
    public static Model loadH5(Path path, KerasLimits limits) throws IOException {
        String where = name(path);
        byte[] bytes = readLimited(path, limits);
        try (Hdf5Source h5 = Hdf5Source.open(bytes, where, limits)) {
            Group root = h5.root();
            String config = h5.stringAttribute(root, "model_config");
            if (config == null) {
                throw new KerasFileException(where, "no 'model_config' attribute: this is a weights-only file "
                        + "(save_weights); build the model in Java and load the weights into it, or save the whole model");
            }
            String version = h5.stringAttribute(root, "keras_version");
            Node mw = h5.find(root, "model_weights");
            String cw = where + " attribute 'model_config'";
            Map<String, Object> raw = KerasConfigs.parseObject(config, cw, limits);
            boolean keras2 = KerasConfigs.isKeras2(version);
            if (version == null && mw instanceof Group g) {
                keras2 = KerasConfigs.isKeras2(h5.stringAttribute(g, "keras_version"));
            }
            Map<String, Object> spec = KerasConfigs.prepare(raw, keras2, cw, limits);
            Model model = build(spec, cw);
            if (mw == null) {
                if (!model.weights().isEmpty()) {
                    throw new KerasFileException(where, "no 'model_weights' group but the model has weights");
                }
                return model;
            }
            if (!(mw instanceof Group)) {
                throw new KerasFileException(where + ": /model_weights", "expected a group, found a dataset");
            }
            KerasWeights.loadKeras2(h5, (Group) mw, model);
            compile(model, trainingConfig(h5, root, where, limits), where + " attribute 'training_config'");
            KerasOptimizerState.loadLegacy(h5, model);
            return model;
        }
    }

    /** Loads a bare Keras config JSON file (architecture only; weights freshly initialised). */
    public static Model loadConfigJson(Path path, KerasLimits limits) throws IOException {
        return fromConfigJson(utf8(readLimited(path, limits), name(path), limits), limits, name(path));
    }

    /**
     * A model from Keras's {@code model.to_json()} text (Keras 2 or 3 schema), with the same
     * checks as the file loaders.
     */
    public static Model fromConfigJson(String json) throws KerasFileException {
        return fromConfigJson(json, KerasLimits.DEFAULTS, "config JSON");
    }

    private static Model fromConfigJson(String json, KerasLimits limits, String where) throws KerasFileException {
        Map<String, Object> raw = KerasConfigs.parseObject(json, where, limits);
        Object version = raw.get("keras_version");
        boolean keras2 = version instanceof String && KerasConfigs.isKeras2((String) version);
        return build(KerasConfigs.prepare(raw, keras2, where, limits), where);
    }

    /**
     * The legacy file's {@code training_config} attribute as a Keras 3 {@code compile_config}
     * (its {@code optimizer_config} becomes {@code optimizer}), or null when the file has none.
     */
    private static Map<String, Object> trainingConfig(Hdf5Source h5, Group root, String where, KerasLimits limits)
            throws KerasFileException {
        String json = h5.stringAttribute(root, "training_config");
        if (json == null) {
            return null;
        }
        Map<String, Object> c = new java.util.LinkedHashMap<>(KerasConfigs.parseObject(json,
                where + " attribute 'training_config'", limits));
        c.put("optimizer", c.remove("optimizer_config"));
        return c;
    }

    /**
     * Compiles the model as the file's compile config says, as Keras's {@code load_model} does. A
     * config Airfoil cannot honour (a custom loss, a Keras 2 optimizer argument) leaves the model
     * uncompiled for inference, with a warning that names the field and the reason, instead of
     * refusing a file whose weights loaded; call {@code model.compile} to train it. A config without
     * a loss (Keras's {@code compile(optimizer)}, which cannot train either) also leaves it uncompiled.
     */
    @SuppressWarnings("unchecked")
    private static void compile(Model model, Object config, String where) {
        if (!(config instanceof Map) || ((Map<String, Object>) config).get("loss") == null) {
            return;
        }
        try {
            model.compile(CompileOptions.fromConfig((Map<String, Object>) config));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, where + ": cannot compile the model as the file says (" + e.getMessage()
                    + "); it is loaded uncompiled, call model.compile(...) before fit or evaluate");
        }
    }

    private static Model build(Map<String, Object> spec, String where) throws KerasFileException {
        try {
            return Models.fromConfig(spec);
        } catch (RuntimeException | StackOverflowError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new KerasFileException(where, "cannot build the model: " + m, e);
        }
    }

    static byte[] readLimited(Path path, KerasLimits limits) throws IOException {
        long size = Files.size(path);
        if (size > limits.maxFileBytes()) {
            throw new KerasLimitException(name(path), "the file has " + size + " bytes, above the limit of "
                    + limits.maxFileBytes());
        }
        return Files.readAllBytes(path);
    }

    private static String utf8(byte[] bytes, String where, KerasLimits limits) throws KerasFileException {
        if (bytes.length > limits.maxConfigBytes()) {
            throw new KerasLimitException(where, bytes.length + " bytes of JSON, above the limit of " + limits.maxConfigBytes());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KerasFileException(where, "not valid UTF-8 text", e);
        }
    }

    private static String name(Path path) {
        return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    }
}
