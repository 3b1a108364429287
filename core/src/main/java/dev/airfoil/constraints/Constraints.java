package dev.airfoil.constraints;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Lookup of Keras weight constraints by name or config, as {@code keras.constraints.get}.
 *
 * <p>Names: {@code "MaxNorm"} / {@code "max_norm"}, {@code "MinMaxNorm"} / {@code "min_max_norm"},
 * {@code "NonNeg"} / {@code "non_neg"}, {@code "UnitNorm"} / {@code "unit_norm"}.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("non_neg");
 * Constraint d = Constraints.get(Map.of("class_name", "MaxNorm", "config", Map.of("max_value", 3, "axis", 0)));
 * }</pre>
 */
public final class Constraints {
    private static final Registry<Constraint> REGISTRY = new Registry<>("constraint");

    static {
        REGISTRY.register("MaxNorm", MaxNorm::fromConfig);
        REGISTRY.register("MinMaxNorm", MinMaxNorm::fromConfig);
        REGISTRY.register("NonNeg", c -> new NonNeg());
        REGISTRY.register("UnitNorm", UnitNorm::fromConfig);
    }

    private Constraints() {
    }

    /**
     * Resolves a constraint: {@code null} gives {@code null}; a name; a map
     * {@code {"class_name": ..., "config": {...}}}; or a {@link Constraint}, returned as is.
     */
    public static Constraint get(Object identifier) {
        return REGISTRY.resolve(identifier, Constraint.class);
    }

    /** Builds a constraint from a class name and its config. */
    public static Constraint fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /** The registered class names, sorted. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Registers a custom constraint so that configs naming it load. */
    public static void register(String className, Function<ConfigMap, Constraint> factory, String... aliases) {
        REGISTRY.register(className, factory, aliases);
    }
}
