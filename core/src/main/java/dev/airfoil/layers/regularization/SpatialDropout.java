package dev.airfoil.layers.regularization;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The common part of {@link SpatialDropout1D}, {@link SpatialDropout2D} and {@link SpatialDropout3D}:
 * dropout of whole feature maps (one draw per sample and channel, shared by every spatial
 * position), scaling the kept ones by {@code 1 / (1 - rate)}; the identity in inference.
 */
public abstract class SpatialDropout extends Layer implements SupportsMasking, RandomState {
    final int rank;
    final double rate;
    final Long seed;
    final String dataFormat;
    private final LayerRandom rng;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    SpatialDropout(int rank, double rate, String dataFormat, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": rate must be in [0, 1], got " + rate);
        }
        String f = dataFormat == null ? "channels_last" : dataFormat.toLowerCase(Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": data_format must be 'channels_last' or 'channels_first', got '" + dataFormat + "'");
        }
        this.rank = rank;
        this.rate = rate;
        this.seed = seed;
        this.dataFormat = f;
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), rank + 2, null);
        if (!training || rate == 0) {
            return input;
        }
        int[] s = input.shape();
        int[] ms = new int[s.length];
        java.util.Arrays.fill(ms, 1);
        ms[0] = s[0];
        int c = dataFormat.equals("channels_first") ? 1 : s.length - 1;
        ms[c] = s[c];
        double keep = rate >= 1 ? 0 : 1.0 / (1.0 - rate);
        DType dt = input.dtype().isFloating() ? input.dtype() : dtype;
        Tensor mask = NoiseMasks.fill(rng, ms, dt, () -> rng.nextDouble() >= rate ? keep : 0.0);
        return input.mul(mask);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The drop rate. */
    public double rate() {
        return rate;
    }

    /** Keras's config for spatial dropout: {@code rate}, {@code seed}, {@code name}, {@code dtype} (a string) and, for 2-D and 3-D, {@code data_format}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("seed", seed);
        m.put("name", name());
        m.put("dtype", dtype.kerasName());
        if (rank > 1) {
            m.put("data_format", dataFormat);
        }
        return m;
    }

    /** The generator of this layer's masks (its state is saved with the training state). */
    @Override
    public LayerRandom random() {
        return rng;
    }
}
