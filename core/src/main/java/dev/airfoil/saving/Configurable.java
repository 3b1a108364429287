package dev.airfoil.saving;

import java.util.Map;

/**
 * Anything that serialises to Keras's config schema: a class name plus a JSON-compatible map of
 * snake_case hyperparameters ({@code String}, {@code Number}, {@code Boolean}, {@code List},
 * {@code Map} or {@code null} values). A registry turns the pair back into an object.
 */
public interface Configurable {
    /** The Keras class name, such as {@code "Dense"} or {@code "GlorotUniform"}. */
    String className();

    /** The hyperparameters, with Keras's snake_case keys. */
    Map<String, Object> getConfig();

    /** The Keras module this class lives in, such as {@code "keras.layers"}. */
    default String module() {
        return "keras";
    }

    /** The full Keras 3 serialisation: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    default Map<String, Object> serialize() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("module", module());
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }
}
