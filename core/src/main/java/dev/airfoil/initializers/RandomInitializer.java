package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The base of the random initializers: seed handling and the {@code seed} config key.
 *
 * <p>As in Keras 3, an initializer produces the same values on every call: with an explicit
 * {@code seed} those values are fixed forever; with {@code seed = null} a seed is drawn once, at
 * construction, from {@link Seeds} (so a program that sets {@link Seeds#setGlobalSeed} is
 * reproducible) and the config keeps {@code "seed": null}.
 */
public abstract class RandomInitializer implements Initializer {
    private final Long configSeed;
    private final long seed;

    /** @param seed the seed, or null to draw one from {@link Seeds} */
    protected RandomInitializer(Long seed) {
        this.configSeed = seed;
        this.seed = Seeds.orNext(seed);
    }

    /** The seed given at construction, or null. */
    public Long seed() {
        return configSeed;
    }

    /** The seed actually used (drawn from {@link Seeds} when none was given). */
    protected long effectiveSeed() {
        return seed;
    }

    @Override
    public final Tensor generate(int[] shape, DType dtype) {
        Sampling.requireFloating(dtype, className());
        int n = Sampling.size(shape, className());
        return Sampling.wrap(sample(shape, n, seed), shape, dtype);
    }

    /** {@code n} values for {@code shape}, in row-major order, from {@code seed}. */
    protected abstract double[] sample(int[] shape, int n, long seed);

    /** The hyperparameters after {@code seed} (Keras's key order). */
    protected abstract Map<String, Object> hyperparameters();

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", configSeed);
        m.putAll(hyperparameters());
        return m;
    }

    /** The optional seed of a config. */
    static Long seedOf(ConfigMap c) {
        return c.getLong("seed", null);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && getConfig().equals(((RandomInitializer) o).getConfig())
                && (configSeed != null || seed == ((RandomInitializer) o).seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
