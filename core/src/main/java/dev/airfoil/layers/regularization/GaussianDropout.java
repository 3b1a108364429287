package dev.airfoil.layers.regularization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.Map;

/**
 * Multiplies its input by 1-centred Gaussian noise of standard deviation
 * {@code sqrt(rate / (1 - rate))} in training; the identity in inference (Keras {@code GaussianDropout}).
 *
 * <p>Arguments: {@code rate} (in [0, 1)); {@code seed}. Shape unchanged.
 *
 * <pre>{@code
 * new GaussianDropout(0.2);
 * }</pre>
 */
public class GaussianDropout extends Layer implements SupportsMasking, RandomState {
    private final double rate;
    private final Long seed;
    private final LayerRandom rng;

    /** Gaussian dropout at a rate. */
    public GaussianDropout(double rate) {
        this(rate, null, null);
    }

    /** Gaussian dropout with a seed and a name (either may be null). */
    public GaussianDropout(double rate, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("GaussianDropout: rate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config. */
    public static GaussianDropout fromConfig(ConfigMap c) {
        return new GaussianDropout(c.getDouble("rate", 0.0), c.getLong("seed", null), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (!training || rate <= 0 || rate >= 1) {
            return input;
        }
        double sd = Math.sqrt(rate / (1.0 - rate));
        return input.mul(NoiseMasks.fill(rng, input.shape(), input.dtype(), () -> 1.0 + rng.nextGaussian() * sd));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("rate", rate);
        m.put("seed", seed);
        return m;
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
