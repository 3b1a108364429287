package dev.airfoil.regularizers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Lookup of Keras regularizers by name or config, as {@code keras.regularizers.get}.
 *
 * <p>Names: {@code "L1"} / {@code "l1"}, {@code "L2"} / {@code "l2"}, {@code "L1L2"} /
 * {@code "l1_l2"}, {@code "OrthogonalRegularizer"} / {@code "orthogonal_regularizer"}. A bare name
 * gives the class's defaults, except {@code "l1_l2"}, which gives {@code l1 = l2 = 0.01} as the
 * Keras documentation states.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");                  // L2(0.01)
 * Regularizer s = Regularizers.get(Map.of("class_name", "L1L2", "config", Map.of("l1", 0.001, "l2", 0.01)));
 * }</pre>
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<>("regularizer");

    static {
        REGISTRY.register("L1", L1::fromConfig);
        REGISTRY.register("L2", L2::fromConfig);
        REGISTRY.register("L1L2", L1L2::fromConfig);
        REGISTRY.register("OrthogonalRegularizer", OrthogonalRegularizer::fromConfig);
    }

    private Regularizers() {
    }

    /**
     * Resolves a regularizer: {@code null} gives {@code null}; a name; a map
     * {@code {"class_name": ..., "config": {...}}}; or a {@link Regularizer}, returned as is.
     */
    public static Regularizer get(Object identifier) {
        if ("l1_l2".equals(identifier)) {
            return new L1L2(0.01, 0.01);
        }
        return REGISTRY.resolve(identifier, Regularizer.class);
    }

    /** Builds a regularizer from a class name and its config. */
    public static Regularizer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /** The registered class names, sorted. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Registers a custom regularizer so that configs naming it load. */
    public static void register(String className, Function<ConfigMap, Regularizer> factory, String... aliases) {
        REGISTRY.register(className, factory, aliases);
    }
}
