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
 * Dropout that keeps the mean and variance of its inputs, for self-normalizing networks with
 * {@code selu} (Keras {@code AlphaDropout}). In training, dropped units are set to
 * {@code alpha' = -1.7581} (SELU's negative saturation) and the result is {@code a * x + b} with
 * {@code a = ((1 - rate) * (1 + rate * alpha'^2))^-1/2} and {@code b = -a * alpha' * rate};
 * the identity in inference.
 *
 * <p>Arguments: {@code rate} (in [0, 1)); {@code noise_shape} (null: the input's); {@code seed}.
 *
 * <pre>{@code
 * new AlphaDropout(0.1);
 * }</pre>
 */
public class AlphaDropout extends Layer implements SupportsMasking, RandomState {
    private static final double ALPHA = 1.6732632423543772848170429916717;
    private static final double SCALE = 1.0507009873554804934193349852946;
    private final double rate;
    private final int[] noiseShape;
    private final Long seed;
    private final LayerRandom rng;

    /** Alpha dropout at a rate. */
    public AlphaDropout(double rate) {
        this(rate, null, null, null);
    }

    /** Alpha dropout with a noise shape, a seed and a name (any may be null). */
    public AlphaDropout(double rate, int[] noiseShape, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("AlphaDropout: rate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
        this.noiseShape = noiseShape == null ? null : noiseShape.clone();
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config. */
    public static AlphaDropout fromConfig(ConfigMap c) {
        return new AlphaDropout(c.getDouble("rate", 0.0), c.getIntArray("noise_shape", null), c.getLong("seed", null),
                c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (!training || rate <= 0 || rate >= 1) {
            return input;
        }
        int[] ms = NoiseMasks.maskShape(input.shape(), noiseShape);
        double alphaP = -ALPHA * SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        Tensor keep = NoiseMasks.fill(rng, ms, input.dtype(), () -> rng.nextDouble() >= rate ? 1.0 : 0.0);
        // where(keep, x, alpha') = x * keep + alpha' * (1 - keep)
        Tensor x = input.mul(keep).add(keep.mul(-1).add(1).mul(alphaP));
        return x.mul(a).add(b);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        NoiseMasks.putDropoutConfig(m, rate, seed, noiseShape);
        return m;
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
