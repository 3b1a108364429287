package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Random uniform initializer: draws samples from {@code U[minval, maxval)}.
 *
 * <p>Arguments: {@code minval} (default -0.05, inclusive), {@code maxval} (default 0.05,
 * exclusive), {@code seed}. Keras names: {@code "RandomUniform"}, {@code "random_uniform"},
 * {@code "uniform"} (the {@code Embedding} default).
 *
 * <pre>{@code
 * Tensor w = new RandomUniform(0.0, 1.0, 42L).generate(2, 2);
 * }</pre>
 */
public final class RandomUniform extends RandomInitializer {
    private final double minval;
    private final double maxval;

    /** Keras's defaults: {@code [-0.05, 0.05)}, no seed. */
    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    /** @param minval lower bound (inclusive); @param maxval upper bound (exclusive); @param seed seed or null */
    public RandomUniform(double minval, double maxval, Long seed) {
        super(seed);
        if (!(minval <= maxval)) {
            throw new IllegalArgumentException("RandomUniform: minval " + minval + " must not exceed maxval " + maxval);
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    static RandomUniform fromConfig(ConfigMap c) {
        return new RandomUniform(c.getDouble("minval", -0.05), c.getDouble("maxval", 0.05), seedOf(c));
    }

    @Override
    protected double[] sample(int[] shape, int n, long seed) {
        return Sampling.uniform(seed, minval, maxval, n);
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return ConfigMap.of("minval", minval, "maxval", maxval);
    }
}
