package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * He normal initializer (He et al., 2015).
 *
 * <p>Draws samples from a truncated normal distribution centred on 0 with (after truncation)
 * {@code stddev = sqrt(2 / fan_in)}; suited to ReLU layers. Equivalent to
 * {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "HeNormal"},
 * {@code "he_normal"}.
 *
 * <pre>{@code
 * Tensor w = new HeNormal(42L).generate(3, 4);
 * Initializer byName = Initializers.get("he_normal");
 * }</pre>
 */
public final class HeNormal extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public HeNormal() {
        this(null);
    }

    /** @param seed seed, or null */
    public HeNormal(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public HeNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
    }

    static HeNormal fromConfig(ConfigMap c) {
        return new HeNormal(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "HeNormal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
