package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * He uniform variance scaling initializer (He et al., 2015).
 *
 * <p>Draws samples from {@code U[-limit, limit)} with {@code limit = sqrt(6 / fan_in)}. Equivalent to
 * {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "HeUniform"},
 * {@code "he_uniform"}.
 *
 * <pre>{@code
 * Tensor w = new HeUniform(42L).generate(3, 4);
 * Initializer byName = Initializers.get("he_uniform");
 * }</pre>
 */
public final class HeUniform extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public HeUniform() {
        this(null);
    }

    /** @param seed seed, or null */
    public HeUniform(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public HeUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
    }

    static HeUniform fromConfig(ConfigMap c) {
        return new HeUniform(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "HeUniform";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
