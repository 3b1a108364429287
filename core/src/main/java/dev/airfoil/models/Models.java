package dev.airfoil.models;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.InvalidModelFileException;
import dev.airfoil.saving.ModelArchive;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Building models from Keras configs: {@code Models.fromJson(json)} for the output of Keras's
 * {@code model.to_json()} (or Airfoil's {@link #toJson}), {@code Models.fromConfig(map)} for a
 * serialised model map; loading model files with {@link #load(Path)}.
 */
public final class Models {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Models() {
    }

    /** A model from a serialised map ({@code class_name} Sequential, Functional or Model, and {@code config}). */
    public static Model fromConfig(Map<String, Object> serialized) {
        Layer l = Layers.deserialize(serialized);
        if (!(l instanceof Model)) {
            throw new IllegalArgumentException("The config describes a " + l.className()
                    + " layer, not a model; wrap it in a Sequential");
        }
        return (Model) l;
    }

    /** A model from Keras's JSON architecture text. */
    @SuppressWarnings("unchecked")
    public static Model fromJson(String json) {
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("A model config must be a JSON object with 'class_name' and 'config'");
        }
        return fromConfig((Map<String, Object>) parsed);
    }

    /**
     * Loads a model file, by extension: {@code .airfoil} (Airfoil's own format, see
     * {@link dev.airfoil.saving.ModelArchive}: architecture, weights, compile, optimizer and
     * training state); {@code .keras}, {@code .h5} / {@code .hdf5} and {@code .json} (Keras files,
     * through the Keras importer). Loading never runs code from the file: class names resolve only
     * through the registries ({@link #registerCustom} for subclassed models).
     *
     * @param path the file
     * @return the model
     * @throws dev.airfoil.saving.InvalidModelFileException (an {@link IOException}) if the file is
     *     damaged, hostile, or not a model Airfoil can build
     * @throws IOException if it cannot be read
     */
    public static Model load(Path path) throws IOException {
        if (java.nio.file.Files.isDirectory(path)) {
            throw new InvalidModelFileException(String.valueOf(path.getFileName()), "path", "'" + path
                    + "' is a directory, not a model file; give the .airfoil, .keras, .h5 or .json file itself");
        }
        String name = String.valueOf(path.getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(ModelArchive.EXTENSION)) {
            return ModelArchive.load(path);
        }
        if (name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".json")) {
            return loadKeras(path);
        }
        throw new InvalidModelFileException(String.valueOf(path.getFileName()), "extension", "unknown model file "
                + "type; Models.load reads .airfoil, .keras, .h5, .hdf5 and .json files");
    }

    /** {@link #load(Path)} for a path string. */
    public static Model load(String path) throws IOException {
        return load(Path.of(path));
    }

    /**
     * The Keras import hook for {@code .keras}, {@code .h5}, {@code .hdf5} and {@code .json}
     * files: delegates to the importer in {@code dev.airfoil.saving.keras}.
     */
    private static Model loadKeras(Path path) throws IOException {
        return dev.airfoil.saving.keras.KerasModelImporter.load(path);
    }

    /**
     * Exports a Sequential or functional model as a Keras 3 {@code .keras} archive that Python
     * Keras loads with {@code keras.saving.load_model}; written atomically (temporary file, sync,
     * rename). See {@link dev.airfoil.saving.keras.KerasModelExporter}.
     */
    public static void exportKeras(Model model, Path path) throws IOException {
        dev.airfoil.saving.keras.KerasModelExporter.export(model, path);
    }

    /**
     * Registers a subclassed model class so that files naming it can be loaded: {@code className}
     * is what the model's {@code className()} returns (its simple class name unless overridden),
     * and the factory rebuilds it from its {@code getConfig()} map. Nothing else in a file can
     * create a model class.
     *
     * <pre>{@code
     * Models.registerCustom("MyModel", config -> new MyModel(config.getInt("units", 8), config.getString("name", null)));
     * }</pre>
     *
     * @param className the model's class name in configs
     * @param factory   builds the model from its config
     */
    public static void registerCustom(String className, Function<ConfigMap, ? extends Model> factory) {
        if (className == null || className.isEmpty() || factory == null) {
            throw new IllegalArgumentException("registerCustom: give a class name and a factory");
        }
        Layers.register(className, factory::apply);
    }

    /** The model's architecture as Keras-schema JSON (Keras's {@code to_json}). */
    public static String toJson(Model model) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model.serialize());
    }
}
