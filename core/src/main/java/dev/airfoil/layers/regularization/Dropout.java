package dev.airfoil.layers.regularization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.Map;

/**
 * Randomly sets input units to 0 with frequency {@code rate} during training and scales the rest by
 * {@code 1 / (1 - rate)}; the identity in inference (Keras {@code Dropout}). {@code noise_shape}
 * broadcasts the mask (e.g. {@code (batch, 1, features)} drops whole features across time).
 */
public class Dropout extends Layer implements SupportsMasking, RandomState {
    private final double rate;
    private final int[] noiseShape;
    private final Long seed;
    private final LayerRandom rng;

    /** Dropout at a rate in [0, 1). */
    public Dropout(double rate) {
        this(rate, null, null, null);
    }

    /** Dropout with an optional noise shape (null for the input's), seed and name. */
    public Dropout(double rate, int[] noiseShape, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.noiseShape = noiseShape == null ? null : noiseShape.clone();
        this.seed = seed;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config. */
    public static Dropout fromConfig(ConfigMap c) {
        return new Dropout(c.getDouble("rate", 0.5), c.getIntArray("noise_shape", null), c.getLong("seed", null),
                c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (!training || rate == 0) {
            return input;
        }
        int[] ms = NoiseMasks.maskShape(input.shape(), noiseShape);
        Tensor m = dev.airfoil.layers.DropoutMasks.inverted(rng, ms, rate, DType.FLOAT32);
        if (input.dtype() != DType.FLOAT32) {
            m = m.cast(input.dtype());
        }
        return input.mul(m);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The drop rate. */
    public double rate() {
        return rate;
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
