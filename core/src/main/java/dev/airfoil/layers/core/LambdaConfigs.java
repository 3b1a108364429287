package dev.airfoil.layers.core;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Reads a {@link Lambda} from a Keras config without ever reading code: the function must be a named one
 * ({@code {"class_name": "function", "config": name}}) registered in Java; a Python lambda ({@code "__lambda__"},
 * whose bytecode Keras stores), an {@code output_shape} or {@code mask} given as a function, or an unregistered
 * name is refused with a message that names the layer and says what to do.
 */
final class LambdaConfigs {
    private LambdaConfigs() {
    }

    /** The layer a Keras config describes. */
    static Lambda read(ConfigMap c) {
        String layer = "Layer '" + c.getString("name", "lambda") + "' (Lambda)";
        String name = functionName(c.get("function"), layer, "function");
        Lambda.Builder b = new Lambda.Builder(Lambda.lookup(layer, name), name).name(c.getString("name", null));
        Object shape = c.get("output_shape");
        if (shape instanceof Map) {
            functionName(shape, layer, "output_shape");
            throw new IllegalArgumentException(layer + ": its output_shape is a function, which Airfoil cannot load;"
                    + " save the Keras model with an output_shape of integers");
        }
        if (shape != null) {
            b.outputShape(c.getIntArray("output_shape", null));
        }
        if (c.get("mask") != null) {
            Object m = c.get("mask");
            if (m instanceof Map) {
                functionName(m, layer, "mask");
            }
            throw new IllegalArgumentException(layer + ": its mask is " + (m instanceof Map ? "a function" : "a value")
                    + " from Python, which Airfoil cannot load; rebuild the layer in Java with Lambda.named(\"" + name
                    + "\").mask(...)");
        }
        Map<String, Object> args = c.getMap("arguments");
        if (args != null) {
            b.arguments(args);
        }
        return b.build();
    }

    /** The registered name a serialised function gives, refusing Python lambdas. */
    private static String functionName(Object spec, String layer, String what) {
        if (spec instanceof Map<?, ?> m) {
            if ("__lambda__".equals(m.get("class_name"))) {
                throw new IllegalArgumentException(layer + ": its " + what + " is a Python lambda, whose code Airfoil"
                        + " never parses nor runs; in Keras, replace it with a named function (a def registered with"
                        + " keras.saving.register_keras_serializable) and save again, then register the same name in"
                        + " Java with Lambda.register(\"name\", fn) before loading");
            }
            if ("function".equals(m.get("class_name")) && m.get("config") instanceof String s) {
                return s;
            }
        }
        throw new IllegalArgumentException(layer + ": cannot read its " + what + " " + spec + "; expected a named"
                + " function {\"class_name\": \"function\", \"config\": name}");
    }
}
