package dev.airfoil.optimizers;

import dev.airfoil.saving.Registry;

import java.util.Map;

/**
 * The optimizer registry (Keras {@code keras.optimizers.get / serialize / deserialize}): Keras
 * class names ({@code "Adam"}) and their lower-case strings ({@code "adam"}, {@code "rmsprop"},
 * {@code "adamw"}, {@code "sgd"}, ...) to factories taking a config.
 *
 * <p>Example: {@code Optimizer opt = Optimizers.get("rmsprop");}
 */
public final class Optimizers {
    /** Class names and aliases to config factories. */
    public static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .register("SGD", SGD::new)
            .register("Adam", Adam::new)
            .register("AdamW", AdamW::new)
            .register("RMSprop", RMSprop::new)
            .register("Adagrad", Adagrad::new)
            .register("Adadelta", Adadelta::new)
            .register("Adamax", Adamax::new)
            .register("Nadam", Nadam::new)
            .register("Lion", Lion::new)
            .register("Ftrl", Ftrl::new)
            .register("Lamb", Lamb::new)
            .register("Adafactor", Adafactor::new);

    private Optimizers() {
    }

    /**
     * An optimizer from a name with Keras defaults ({@code "adam"}), a serialised map
     * ({@code {"class_name": "Adam", "config": {...}}}), or an optimizer (returned as is).
     */
    public static Optimizer get(Object spec) {
        if (spec == null) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: null");
        }
        return REGISTRY.resolve(spec, Optimizer.class);
    }

    /** The Keras serialisation: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    public static Map<String, Object> serialize(Optimizer optimizer) {
        return optimizer.serialize();
    }

    /** Inverse of {@link #serialize}. */
    public static Optimizer deserialize(Map<String, Object> map) {
        return get(map);
    }
}
