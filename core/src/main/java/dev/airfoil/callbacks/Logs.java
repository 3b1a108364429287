package dev.airfoil.callbacks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for log maps, shared by the callbacks of this package. */
final class Logs {
    private Logs() {
    }

    /** Adds an entry as Keras callbacks do ({@code logs["learning_rate"] = ...}); read-only maps are left alone. */
    static void put(Map<String, Double> logs, String key, double value) {
        if (logs == null) {
            return;
        }
        try {
            logs.put(key, value);
        } catch (UnsupportedOperationException e) {
            // an immutable map from a caller: nothing to record into
        }
    }

    /** A mutable copy sorted by key (Keras's {@code pythonify_logs}). */
    static Map<String, Double> sorted(Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (logs != null) {
            new TreeMap<>(logs).forEach(out::put);
        }
        return out;
    }

    /** The map itself when it is a mutable LinkedHashMap, else a mutable copy in the same order. */
    static Map<String, Double> mutable(Map<String, Double> logs) {
        if (logs instanceof LinkedHashMap<String, Double> m) {
            return m;
        }
        return logs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(logs);
    }
}
