package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * The Glorot normal initializer, also called Xavier normal initializer (Glorot and Bengio, 2010).
 *
 * <p>Draws samples from a truncated normal distribution centred on 0 with (after truncation)
 * {@code stddev = sqrt(2 / (fan_in + fan_out))}. Equivalent to
 * {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="truncated_normal")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "GlorotNormal"},
 * {@code "glorot_normal"}.
 *
 * <pre>{@code
 * Tensor w = new GlorotNormal(42L).generate(3, 4);
 * Initializer byName = Initializers.get("glorot_normal");
 * }</pre>
 */
public final class GlorotNormal extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public GlorotNormal() {
        this(null);
    }

    /** @param seed seed, or null */
    public GlorotNormal(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public GlorotNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes);
    }

    static GlorotNormal fromConfig(ConfigMap c) {
        return new GlorotNormal(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "GlorotNormal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
