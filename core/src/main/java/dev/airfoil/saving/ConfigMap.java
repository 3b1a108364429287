package dev.airfoil.saving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a Keras config map with typed getters and clear errors naming the owner and
 * the key, for {@code fromConfig} factories.
 */
public final class ConfigMap {
    private final String owner;
    private final Map<String, Object> map;

    /** Wraps {@code map}; {@code owner} (such as {@code "Dense"}) appears in error messages. */
    public ConfigMap(String owner, Map<String, Object> map) {
        this.owner = owner;
        this.map = map == null ? Map.of() : map;
    }

    /** The underlying map (unmodifiable). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(map);
    }

    /** Whether the key is present with a non-null value. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** The raw value, or null. */
    public Object get(String key) {
        return map.get(key);
    }

    /** A string value, or {@code def} when absent or null. */
    public String getString(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof String)) {
            throw error(key, "a string", v);
        }
        return (String) v;
    }

    /** An integer value, or {@code def} when absent or null. */
    public int getInt(String key, int def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw error(key, "an integer", v);
        }
        return ((Number) v).intValue();
    }

    /** An optional integer (null when absent). */
    public Integer getIntOrNull(String key) {
        return has(key) ? getInt(key, 0) : null;
    }

    /** A long value (seeds), or {@code def}. */
    public Long getLong(String key, Long def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number)) {
            throw error(key, "an integer", v);
        }
        return ((Number) v).longValue();
    }

    /** A floating value, or {@code def}. */
    public double getDouble(String key, double def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number)) {
            throw error(key, "a number", v);
        }
        return ((Number) v).doubleValue();
    }

    /** An optional floating value (null when absent). */
    public Double getDoubleOrNull(String key) {
        return has(key) ? getDouble(key, 0) : null;
    }

    /** A boolean value, or {@code def}. */
    public boolean getBoolean(String key, boolean def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean)) {
            throw error(key, "true or false", v);
        }
        return (Boolean) v;
    }

    /** A list of integers (a shape; null entries become -1), or {@code def}. */
    public int[] getIntArray(String key, int[] def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number) {
            return new int[] {((Number) v).intValue()};
        }
        if (!(v instanceof List)) {
            throw error(key, "a list of integers", v);
        }
        List<?> l = (List<?>) v;
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            Object e = l.get(i);
            if (e == null) {
                r[i] = -1;
            } else if (e instanceof Number) {
                r[i] = ((Number) e).intValue();
            } else {
                throw error(key, "a list of integers", v);
            }
        }
        return r;
    }

    /** A list of numbers, or {@code def}. */
    public double[] getDoubleArray(String key, double[] def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof List)) {
            throw error(key, "a list of numbers", v);
        }
        List<?> l = (List<?>) v;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Number)) {
                throw error(key, "a list of numbers", v);
            }
            r[i] = ((Number) l.get(i)).doubleValue();
        }
        return r;
    }

    /** A nested map, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw error(key, "an object", v);
        }
        return (Map<String, Object>) v;
    }

    /** A list, or an empty list. */
    public List<Object> getList(String key) {
        Object v = map.get(key);
        if (v == null) {
            return new ArrayList<>();
        }
        if (!(v instanceof List)) {
            throw error(key, "a list", v);
        }
        return new ArrayList<>((List<?>) v);
    }

    private IllegalArgumentException error(String key, String expected, Object got) {
        return new IllegalArgumentException(owner + " config: '" + key + "' must be " + expected + ", got "
                + (got instanceof String ? "'" + got + "'" : String.valueOf(got)));
    }

    /** An insertion-ordered builder for config maps. */
    public static Map<String, Object> of(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** A shape as a JSON list with {@code null} for unknown (-1) dimensions. */
    public static List<Object> shapeList(int[] shape) {
        List<Object> l = new ArrayList<>();
        for (int d : shape) {
            l.add(d < 0 ? null : d);
        }
        return l;
    }
}
