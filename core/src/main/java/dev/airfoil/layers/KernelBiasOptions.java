package dev.airfoil.layers;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;

/**
 * The weight arguments Keras layers with a kernel and a bias share — {@code kernel_initializer}
 * ({@code glorot_uniform}), {@code bias_initializer} ({@code zeros}), kernel / bias / activity
 * regularizers and kernel / bias constraints — as the fluent base of those layers' builders.
 * Each argument takes a Keras name, a config map or an instance.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class KernelBiasOptions<B extends KernelBiasOptions<B>> {
    private Object kernelInitializer = "glorot_uniform";
    private Object biasInitializer = "zeros";
    private Object kernelRegularizer;
    private Object biasRegularizer;
    private Object activityRegularizer;
    private Object kernelConstraint;
    private Object biasConstraint;

    /** This builder, typed as the subclass. */
    protected abstract B self();

    /** Kernel initializer by Keras name ({@code "he_normal"}) or instance. */
    public B kernelInitializer(Object i) {
        this.kernelInitializer = i;
        return self();
    }

    /** Bias initializer by Keras name or instance. */
    public B biasInitializer(Object i) {
        this.biasInitializer = i;
        return self();
    }

    /** Kernel regularizer by name or instance. */
    public B kernelRegularizer(Object r) {
        this.kernelRegularizer = r;
        return self();
    }

    /** Bias regularizer by name or instance. */
    public B biasRegularizer(Object r) {
        this.biasRegularizer = r;
        return self();
    }

    /** Activity (output) regularizer by name or instance. */
    public B activityRegularizer(Object r) {
        this.activityRegularizer = r;
        return self();
    }

    /** Kernel constraint by name or instance. */
    public B kernelConstraint(Object c) {
        this.kernelConstraint = c;
        return self();
    }

    /** Bias constraint by name or instance. */
    public B biasConstraint(Object c) {
        this.biasConstraint = c;
        return self();
    }

    /** Takes these arguments from a Keras config (absent initializers keep their defaults). */
    public B readConfig(ConfigMap c) {
        if (c.has("kernel_initializer")) {
            kernelInitializer(c.get("kernel_initializer"));
        }
        if (c.has("bias_initializer")) {
            biasInitializer(c.get("bias_initializer"));
        }
        return kernelRegularizer(c.get("kernel_regularizer")).biasRegularizer(c.get("bias_regularizer"))
                .activityRegularizer(c.get("activity_regularizer"))
                .kernelConstraint(c.get("kernel_constraint")).biasConstraint(c.get("bias_constraint"));
    }

    /** The arguments resolved through the registries. */
    public Resolved resolve() {
        return new Resolved(Initializers.get(kernelInitializer), Initializers.get(biasInitializer),
                Regularizers.get(kernelRegularizer), Regularizers.get(biasRegularizer),
                Regularizers.get(activityRegularizer), Constraints.get(kernelConstraint), Constraints.get(biasConstraint));
    }

    /**
     * Resolved weight arguments.
     *
     * @param kernelInitializer   the kernel initializer
     * @param biasInitializer     the bias initializer
     * @param kernelRegularizer   the kernel regularizer, or null
     * @param biasRegularizer     the bias regularizer, or null
     * @param activityRegularizer the activity regularizer, or null
     * @param kernelConstraint    the kernel constraint, or null
     * @param biasConstraint      the bias constraint, or null
     */
    public record Resolved(Initializer kernelInitializer, Initializer biasInitializer, Regularizer kernelRegularizer,
                           Regularizer biasRegularizer, Regularizer activityRegularizer, Constraint kernelConstraint,
                           Constraint biasConstraint) {
    }
}
