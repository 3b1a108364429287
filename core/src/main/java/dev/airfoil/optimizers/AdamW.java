package dev.airfoil.optimizers;

import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.saving.ConfigMap;

/**
 * Adam with decoupled weight decay (Keras {@code keras.optimizers.AdamW}, Loshchilov and Hutter
 * 2019): before each Adam update, {@code w = w - w * weight_decay * learning_rate}.
 *
 * <p>Arguments: as {@link Adam}, with {@code weight_decay} defaulting to 0.004 (and required).
 *
 * <p>Example: {@code new AdamW(1e-3, 0.01)}.
 */
public class AdamW extends Adam {
    /** Keras defaults: learning rate 0.001, weight decay 0.004. */
    public AdamW() {
        this(0.001, 0.004);
    }

    /** The given learning rate and weight decay 0.004. */
    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    /** The given learning rate and weight decay. */
    public AdamW(double learningRate, double weightDecay) {
        super(learningRate);
        weightDecay(weightDecay);
    }

    /** A schedule and weight decay 0.004. */
    public AdamW(LearningRateSchedule schedule) {
        super(schedule);
        weightDecay(0.004);
    }

    /** From a Keras config. */
    public AdamW(ConfigMap config) {
        super(config, 0.001);
        if (!config.asMap().containsKey("weight_decay")) {
            weightDecay(0.004);
        }
        if (weightDecay() == null) {
            throw new IllegalArgumentException("Argument `weight_decay` must be a float. Received: weight_decay=None");
        }
    }

    @Override
    public String className() {
        return "AdamW";
    }
}
