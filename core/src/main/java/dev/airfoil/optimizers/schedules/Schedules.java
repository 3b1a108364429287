package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.Registry;

import java.util.Map;

/**
 * The registry of learning-rate schedules (Keras {@code keras.optimizers.schedules.get /
 * serialize / deserialize}). Register custom schedules here to load them from configs.
 */
public final class Schedules {
    /** Class names and snake_case aliases to factories. */
    public static final Registry<LearningRateSchedule> REGISTRY = new Registry<LearningRateSchedule>("learning rate schedule")
            .register("ExponentialDecay", ExponentialDecay::new)
            .register("InverseTimeDecay", InverseTimeDecay::new)
            .register("PiecewiseConstantDecay", PiecewiseConstantDecay::new)
            .register("PolynomialDecay", PolynomialDecay::new)
            .register("CosineDecay", CosineDecay::new)
            .register("CosineDecayRestarts", CosineDecayRestarts::new);

    private Schedules() {
    }

    /** A schedule from a serialised map ({@code class_name} + {@code config}) or an instance. */
    public static LearningRateSchedule get(Object spec) {
        return REGISTRY.resolve(spec, LearningRateSchedule.class);
    }

    /**
     * The Keras serialisation:
     * {@code {"module": "keras.optimizers.schedules", "class_name": ..., "config": ..., "registered_name": null}}.
     */
    public static Map<String, Object> serialize(LearningRateSchedule schedule) {
        return schedule.serialize();
    }

    /** Inverse of {@link #serialize}. */
    public static LearningRateSchedule deserialize(Map<String, Object> map) {
        return get(map);
    }
}
