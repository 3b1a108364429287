package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Lecun uniform initializer.
 *
 * <p>Draws samples from {@code U[-limit, limit)} with {@code limit = sqrt(3 / fan_in)}. Equivalent to
 * {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "LecunUniform"},
 * {@code "lecun_uniform"}.
 *
 * <pre>{@code
 * Tensor w = new LecunUniform(42L).generate(3, 4);
 * Initializer byName = Initializers.get("lecun_uniform");
 * }</pre>
 */
public final class LecunUniform extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public LecunUniform() {
        this(null);
    }

    /** @param seed seed, or null */
    public LecunUniform(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public LecunUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
    }

    static LecunUniform fromConfig(ConfigMap c) {
        return new LecunUniform(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "LecunUniform";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
