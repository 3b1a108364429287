package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Truncated normal initializer: like {@link RandomNormal}, but values more than two standard
 * deviations from the mean are discarded and redrawn, so all values lie in
 * {@code [mean - 2 stddev, mean + 2 stddev]} and their standard deviation is about
 * {@code 0.8796 * stddev}.
 *
 * <p>Arguments: {@code mean} (default 0), {@code stddev} (default 0.05), {@code seed}.
 * Keras names: {@code "TruncatedNormal"}, {@code "truncated_normal"}.
 *
 * <pre>{@code
 * Tensor w = new TruncatedNormal(0.0, 1.0, 42L).generate(2, 2);
 * }</pre>
 */
public final class TruncatedNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    /** Keras's defaults: mean 0, stddev 0.05, no seed. */
    public TruncatedNormal() {
        this(0.0, 0.05, null);
    }

    /** @param mean mean; @param stddev standard deviation before truncation; @param seed seed or null */
    public TruncatedNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    static TruncatedNormal fromConfig(ConfigMap c) {
        return new TruncatedNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seedOf(c));
    }

    @Override
    protected double[] sample(int[] shape, int n, long seed) {
        return Sampling.normal(seed, mean, stddev, true, n);
    }

    @Override
    public String className() {
        return "TruncatedNormal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return ConfigMap.of("mean", mean, "stddev", stddev);
    }
}
