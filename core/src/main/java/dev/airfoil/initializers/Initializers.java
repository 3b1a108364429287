package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Lookup of Keras initializers by name or config, as {@code keras.initializers.get}.
 *
 * <p>Names are Keras's class names and their snake_case forms ({@code "GlorotUniform"},
 * {@code "glorot_uniform"}, {@code "he_normal"}, {@code "zeros"}, ...) plus Keras's aliases
 * {@code "uniform"} (RandomUniform), {@code "normal"} (RandomNormal), {@code "one"}, {@code "zero"},
 * {@code "OrthogonalInitializer"} and {@code "IdentityInitializer"}. Every lookup by name builds a
 * new instance; an unseeded one draws its seed from {@link dev.airfoil.utils.Seeds}.
 *
 * <pre>{@code
 * Initializer a = Initializers.get("he_normal");
 * Initializer b = Initializers.get(Map.of("class_name", "RandomNormal", "config", Map.of("stddev", 0.1, "seed", 7)));
 * Initializer c = Initializers.fromConfig(a.className(), a.getConfig());
 * }</pre>
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<>("initializer");

    static {
        REGISTRY.register("Zeros", c -> new Zeros(), "zero");
        REGISTRY.register("Ones", c -> new Ones(), "one");
        REGISTRY.register("Constant", Constant::fromConfig);
        REGISTRY.register("Identity", Identity::fromConfig, "IdentityInitializer");
        REGISTRY.register("RandomNormal", RandomNormal::fromConfig, "normal");
        REGISTRY.register("RandomUniform", RandomUniform::fromConfig, "uniform");
        REGISTRY.register("TruncatedNormal", TruncatedNormal::fromConfig);
        REGISTRY.register("VarianceScaling", VarianceScaling::fromConfig);
        REGISTRY.register("GlorotUniform", GlorotUniform::fromConfig);
        REGISTRY.register("GlorotNormal", GlorotNormal::fromConfig);
        REGISTRY.register("HeNormal", HeNormal::fromConfig);
        REGISTRY.register("HeUniform", HeUniform::fromConfig);
        REGISTRY.register("LecunNormal", LecunNormal::fromConfig);
        REGISTRY.register("LecunUniform", LecunUniform::fromConfig);
        REGISTRY.register("Orthogonal", Orthogonal::fromConfig, "OrthogonalInitializer");
    }

    private Initializers() {
    }

    /**
     * Resolves an initializer: {@code null} gives {@code null}; a name builds a new instance with
     * default arguments; a map {@code {"class_name": ..., "config": {...}}} builds from a config; an
     * {@link Initializer} is returned as is.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a bad config
     */
    public static Initializer get(Object identifier) {
        return REGISTRY.resolve(identifier, Initializer.class);
    }

    /** Builds an initializer from a class name (or alias) and its config. */
    public static Initializer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /** The registered class names, sorted. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Registers a custom initializer under a class name and aliases, so that configs naming it load. */
    public static void register(String className, Function<ConfigMap, Initializer> factory, String... aliases) {
        REGISTRY.register(className, factory, aliases);
    }
}
