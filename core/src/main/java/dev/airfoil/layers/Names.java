package dev.airfoil.layers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras-style automatic names: the snake_case class name, then {@code _1}, {@code _2}, ... for
 * later objects of the same kind in the process ({@code dense}, {@code dense_1}), until
 * {@link #clearSession()} (Keras {@code keras.backend.clear_session()}).
 */
public final class Names {
    private static final Map<String, Integer> COUNTERS = new HashMap<>();

    private Names() {
    }

    /** The next unique name for a prefix such as {@code "dense"}. */
    public static synchronized String unique(String prefix) {
        int n = COUNTERS.merge(prefix, 1, Integer::sum) - 1;
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** Restarts every counter, so the next Dense is named {@code dense} again. */
    public static synchronized void clearSession() {
        COUNTERS.clear();
    }

    /** {@code "LeakyReLU"} to {@code "leaky_re_lu"}, {@code "Conv2D"} to {@code "conv2d"}, as Keras does. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * {@link #snakeCase} with no underscore before a dimension suffix ({@code "Conv2D"} to {@code "conv2d"},
     * {@code "MaxPooling2D"} to {@code "max_pooling2d"}): Keras's automatic name prefix of the spatial layers.
     */
    public static String spatialSnakeCase(String className) {
        return snakeCase(className).replaceAll("(\\d)_d", "$1d");
    }

    /** Checks a user-given name: non-empty and without {@code /} (Keras 3's rule). */
    public static String validate(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("Invalid layer name '" + name
                    + "': a name must be a non-empty string without '/' (spaces are fine, e.g. 'Dense Layer')");
        }
        return name;
    }
}
