package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * The Glorot uniform initializer, also called Xavier uniform initializer (Glorot and Bengio, 2010).
 *
 * <p>Draws samples from {@code U[-limit, limit)} with {@code limit = sqrt(6 / (fan_in + fan_out))}.
 * It is Keras's default kernel initializer for {@code Dense} and the convolutions. Equivalent to
 * {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "GlorotUniform"},
 * {@code "glorot_uniform"}.
 *
 * <pre>{@code
 * Tensor w = new GlorotUniform(42L).generate(3, 4);
 * Initializer byName = Initializers.get("glorot_uniform");
 * }</pre>
 */
public final class GlorotUniform extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public GlorotUniform() {
        this(null);
    }

    /** @param seed seed, or null */
    public GlorotUniform(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public GlorotUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);
    }

    static GlorotUniform fromConfig(ConfigMap c) {
        return new GlorotUniform(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
