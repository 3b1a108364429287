package dev.airfoil.optimizers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Keras-style automatic names for optimizers: snake_case class name, uniquified ({@code adam}, {@code adam_1}). */
final class OptimizerNames {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private OptimizerNames() {
    }

    /** {@code "RMSprop"} becomes {@code "rm_sprop"}, {@code "AdamW"} becomes {@code "adam_w"}, as Keras's {@code to_snake_case}. */
    static String toSnakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }

    /** The next unique name for a class: the snake_case name, then with {@code _1}, {@code _2}, ... appended. */
    static synchronized String autoName(String className) {
        String base = toSnakeCase(className);
        int n = COUNTS.getOrDefault(base, 0);
        COUNTS.put(base, n + 1);
        return n == 0 ? base : base + "_" + n;
    }
}
