package dev.airfoil.cli;

import dev.airfoil.data.MinMaxScaler;
import dev.airfoil.data.Scaler;
import dev.airfoil.data.StandardScaler;
import dev.airfoil.utils.AtomicFiles;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code airfoil train} learnt about the data besides the weights — the fitted scaler
 * ({@code --scale standard|minmax}), the class names of text labels and the feature names — kept in
 * a JSON file next to the model, {@code MODEL.preprocessing.json}, which {@code evaluate},
 * {@code predict} and {@code convert} pick up automatically.
 *
 * @param scaler       the fitted scaler, or null
 * @param classNames   class names in label order (empty when the labels were numbers)
 * @param featureNames the feature names (empty when unknown)
 * @param labelName    the label column (null when unknown)
 */
public record Preprocessing(Scaler scaler, List<String> classNames, List<String> featureNames, String labelName) {
    /** The suffix added to the model file name. */
    public static final String SUFFIX = ".preprocessing.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public Preprocessing {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    }

    /** Whether there is anything worth saving. */
    public boolean isEmpty() {
        return scaler == null && classNames.isEmpty() && featureNames.isEmpty() && labelName == null;
    }

    /** The side file of a model file. */
    public static Path sideFile(Path model) {
        return model.resolveSibling(model.getFileName().toString() + SUFFIX);
    }

    /** A fresh unfitted scaler by CLI name ({@code standard} or {@code minmax}). */
    static Scaler newScaler(String name) {
        switch (name) {
            case "standard":
                return new StandardScaler();
            case "minmax":
                return new MinMaxScaler();
            default:
                throw new CliException("unknown scaler '" + name + "'; use --scale standard or --scale minmax");
        }
    }

    /** Writes the side file of a model atomically, or deletes a stale one when there is nothing to save. */
    void save(Path model) throws IOException {
        Path side = sideFile(model);
        if (isEmpty()) {
            Files.deleteIfExists(side);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "airfoil-preprocessing");
        m.put("format_version", "1.0");
        if (scaler != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("class_name", scaler instanceof StandardScaler ? "StandardScaler" : "MinMaxScaler");
            s.put("config", scaler.getConfig());
            s.put("state", scaler.getState());
            m.put("scaler", s);
        }
        m.put("class_names", classNames);
        m.put("feature_names", featureNames);
        m.put("label", labelName);
        AtomicFiles.writeBytes(side, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the side file of a model; an empty record when there is none. */
    @SuppressWarnings("unchecked")
    static Preprocessing load(Path model) {
        Path side = sideFile(model);
        if (!Files.exists(side)) {
            return new Preprocessing(null, List.of(), List.of(), null);
        }
        try {
            Map<String, Object> m = JSON.readValue(Files.readString(side, StandardCharsets.UTF_8), Map.class);
            Scaler scaler = null;
            Object so = m.get("scaler");
            if (so instanceof Map) {
                Map<String, Object> s = (Map<String, Object>) so;
                Map<String, Object> config = (Map<String, Object>) s.getOrDefault("config", Map.of());
                Object cls = s.get("class_name");
                if ("StandardScaler".equals(cls)) {
                    scaler = StandardScaler.fromConfig(config);
                } else if ("MinMaxScaler".equals(cls)) {
                    scaler = MinMaxScaler.fromConfig(config);
                } else {
                    throw new IllegalArgumentException("unknown scaler class " + cls);
                }
                scaler.setState((Map<String, Object>) s.get("state"));
            }
            Object label = m.get("label");
            return new Preprocessing(scaler, strings(m.get("class_names")), strings(m.get("feature_names")),
                    label == null ? null : label.toString());
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot read '" + side + "' (the preprocessing saved with the model): "
                    + ErrorMessages.oneLine(e) + "; delete it or train the model again", e);
        }
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List)) {
            return List.of();
        }
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    /** Copies the side file of one model file to another atomically (or removes a stale target side file). */
    static void copy(Path from, Path to) throws IOException {
        Path a = sideFile(from);
        Path b = sideFile(to);
        if (Files.exists(a)) {
            if (!Files.exists(b) || !Files.isSameFile(a, b)) { // converting a model onto itself keeps it
                AtomicFiles.writeBytes(b, Files.readAllBytes(a));
            }
        } else {
            Files.deleteIfExists(b);
        }
    }
}
