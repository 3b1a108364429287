package dev.airfoil.models;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import tools.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * Building models from Keras configs: {@code Models.fromJson(json)} for the output of Keras's
 * {@code model.to_json()} (or Airfoil's {@link #toJson}), {@code Models.fromConfig(map)} for a
 * serialised model map.
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

    /** The model's architecture as Keras-schema JSON (Keras's {@code to_json}). */
    public static String toJson(Model model) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model.serialize());
    }
}
