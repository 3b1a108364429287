package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;

import java.util.Map;

/**
 * Lecun normal initializer (Klambauer et al., 2017).
 *
 * <p>Draws samples from a truncated normal distribution centred on 0 with (after truncation)
 * {@code stddev = sqrt(1 / fan_in)}; the initializer to pair with {@code selu}. Equivalent to
 * {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal")}; fans follow
 * Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code seed} (null draws one from {@link dev.airfoil.utils.Seeds}),
 * {@code input_axes} / {@code output_axes} (default null). Keras names: {@code "LecunNormal"},
 * {@code "lecun_normal"}.
 *
 * <pre>{@code
 * Tensor w = new LecunNormal(42L).generate(3, 4);
 * Initializer byName = Initializers.get("lecun_normal");
 * }</pre>
 */
public final class LecunNormal extends VarianceScaling {
    /** An unseeded initializer (a seed is drawn once from {@link dev.airfoil.utils.Seeds}). */
    public LecunNormal() {
        this(null);
    }

    /** @param seed seed, or null */
    public LecunNormal(Long seed) {
        this(seed, null, null);
    }

    /** @param seed seed, or null; @param inputAxes input axes or null; @param outputAxes output axes or null */
    public LecunNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
    }

    static LecunNormal fromConfig(ConfigMap c) {
        return new LecunNormal(seedOf(c), c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    @Override
    public String className() {
        return "LecunNormal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return axesConfig();
    }
}
