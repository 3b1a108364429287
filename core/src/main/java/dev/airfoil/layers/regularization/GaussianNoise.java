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
 * Adds zero-centred Gaussian noise of standard deviation {@code stddev} in training; the identity in
 * inference (Keras {@code GaussianNoise}). A regularizer against overfitting, and a simple form of
 * data augmentation for real-valued inputs.
 *
 * <p>Arguments: {@code stddev}; {@code seed}. Shape unchanged.
 *
 * <pre>{@code
 * new GaussianNoise(0.1);
 * }</pre>
 */
public class GaussianNoise extends Layer implements SupportsMasking, RandomState {
    private final double stddev;
    private final Long seed;
    private final LayerRandom rng;

    /** Gaussian noise with the given standard deviation. */
    public GaussianNoise(double stddev) {
        this(stddev, null, null);
    }

    /** Gaussian noise with a seed and a name (either may be null). */
    public GaussianNoise(double stddev, Long seed, String name) {
        super(name);
        if (!(stddev >= 0)) {
            throw new IllegalArgumentException("GaussianNoise: stddev must be >= 0, got " + stddev);
        }
        this.stddev = stddev;
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config. */
    public static GaussianNoise fromConfig(ConfigMap c) {
        return new GaussianNoise(c.getDouble("stddev", 0.0), c.getLong("seed", null), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (!training || stddev == 0) {
            return input;
        }
        return input.add(NoiseMasks.fill(rng, input.shape(), input.dtype(), () -> rng.nextGaussian() * stddev));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("stddev", stddev);
        m.put("seed", seed);
        return m;
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
