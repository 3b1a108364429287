package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Random normal initializer: draws samples from {@code N(mean, stddev^2)}.
 *
 * <p>Arguments: {@code mean} (default 0), {@code stddev} (default 0.05), {@code seed} (null draws
 * one from {@link dev.airfoil.utils.Seeds}; the same initializer always returns the same values).
 * Keras names: {@code "RandomNormal"}, {@code "random_normal"}, {@code "normal"}.
 *
 * <pre>{@code
 * Tensor w = new RandomNormal(0.0, 1.0, 42L).generate(2, 2);
 * }</pre>
 */
public final class RandomNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    /** Keras's defaults: mean 0, stddev 0.05, no seed. */
    public RandomNormal() {
        this(0.0, 0.05, null);
    }

    /** @param mean mean of the values; @param stddev standard deviation; @param seed seed or null */
    public RandomNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    static RandomNormal fromConfig(ConfigMap c) {
        return new RandomNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seedOf(c));
    }

    @Override
    protected double[] sample(int[] shape, int n, long seed) {
        return Sampling.normal(seed, mean, stddev, false, n);
    }

    @Override
    public String className() {
        return "RandomNormal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return ConfigMap.of("mean", mean, "stddev", stddev);
    }
}
