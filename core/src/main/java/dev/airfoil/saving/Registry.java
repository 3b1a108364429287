package dev.airfoil.saving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A name-to-factory table for one family of Keras objects (layers, activations, initializers,
 * losses, ...). Names from files resolve only through a registry — never through reflection or
 * class names — so loading a file cannot run code the program did not register.
 *
 * <p>Lookup accepts Keras class names ({@code "GlorotUniform"}), their snake_case aliases
 * ({@code "glorot_uniform"}), and serialised maps ({@code {"class_name": ..., "config": {...}}}).
 *
 * @param <T> the family's type
 */
public final class Registry<T> {
    private final String family;
    private final Map<String, Function<ConfigMap, T>> factories = new LinkedHashMap<>();
    private final Map<String, String> canonical = new LinkedHashMap<>();

    /** An empty registry for a family such as {@code "initializer"} (used in error messages). */
    public Registry(String family) {
        this.family = family;
    }

    /** Registers a factory under a class name and any number of aliases (case-insensitive). */
    public synchronized Registry<T> register(String className, Function<ConfigMap, T> factory, String... aliases) {
        factories.put(key(className), factory);
        canonical.put(key(className), className);
        for (String a : aliases) {
            factories.put(key(a), factory);
            canonical.put(key(a), className);
        }
        return this;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** Whether a name is registered. */
    public synchronized boolean contains(String name) {
        return factories.containsKey(key(name));
    }

    /** The registered class names (without aliases), sorted. */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(canonical.values()));
    }

    /** Builds an object from its name with an empty config. */
    public T get(String name) {
        return create(name, Map.of());
    }

    /** Builds an object from a class name and a config. */
    public synchronized T create(String name, Map<String, Object> config) {
        Function<ConfigMap, T> f = factories.get(key(name));
        if (f == null) {
            throw new UnknownNameException(family, name, names());
        }
        return f.apply(new ConfigMap(canonical.get(key(name)), config));
    }

    /**
     * Builds an object from a name ({@code "relu"}), a serialised map with {@code class_name} and
     * {@code config}, or returns an object of the family unchanged.
     */
    @SuppressWarnings("unchecked")
    public T resolve(Object spec, Class<T> type) {
        if (spec == null) {
            return null;
        }
        if (type.isInstance(spec)) {
            return (T) spec;
        }
        if (spec instanceof String) {
            return get((String) spec);
        }
        if (spec instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) spec;
            Object cn = m.get("class_name");
            if (!(cn instanceof String)) {
                throw new IllegalArgumentException("A serialised " + family + " needs a string 'class_name', got " + m);
            }
            Object cfg = m.get("config");
            if (cfg != null && !(cfg instanceof Map)) {
                throw new IllegalArgumentException("The 'config' of " + family + " '" + cn + "' must be an object");
            }
            return create((String) cn, cfg == null ? Map.of() : (Map<String, Object>) cfg);
        }
        throw new IllegalArgumentException("Cannot interpret " + spec + " as a " + family
                + "; pass a name such as one of " + names() + ", a config map, or an instance");
    }

    /** Thrown when a name is not registered; the message lists what is. */
    public static final class UnknownNameException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownNameException(String family, String name, Set<String> known) {
            super("Unknown " + family + " '" + name + "'. Known: " + String.join(", ", known)
                    + ". Custom classes must be registered in code before use.");
        }
    }
}
