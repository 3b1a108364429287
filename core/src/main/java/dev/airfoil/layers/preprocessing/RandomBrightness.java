package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Adds a random brightness offset to each image in training (Keras {@code RandomBrightness}); the
 * identity in inference. Per image a fraction {@code d} is drawn uniformly from {@code [lower, upper]};
 * every pixel of every channel gets {@code d * (max - min)} added, with {@code [min, max]} the
 * {@code value_range}, and the result is clipped to {@code value_range}.
 *
 * <p>{@code factor} is a number {@code f} in {@code [-1, 1]}, which Keras 3.15.1 turns into
 * {@code (max(-|f|, -1), |f|)}, or two numbers {@code [lower, upper]} (sorted; refused when the first is
 * above 1 or the second below -1); the config stores the pair. {@code value_range} is two numbers, sorted
 * ({@code [0, 255]}). The draws come from the layer's own seeded generator ({@link LayerRandom}, saved
 * with the training state): reproducible in Airfoil, not the draws of Keras's JAX generator.
 * {@code apply(x)} runs in inference; pass {@code training = true} to augment.
 *
 * <p>Arguments: {@code factor}; {@code value_range}; {@code seed}; {@code data_format} (which Keras
 * records; the layer treats every axis but the batch alike). Input: {@code (batch, H, W, C)} or one image;
 * output the same shape.
 *
 * <pre>{@code
 * model.add(new RandomBrightness(0.2)); // up to 51 of 255 brighter or darker
 * }</pre>
 */
public class RandomBrightness extends Layer implements RandomState {
    private final Number lower;
    private final Number upper;
    private final List<Number> valueRange;
    private final Long seed;
    private final String dataFormat;
    private final LayerRandom rng;

    /** Offsets of up to {@code factor} of the range {@code [0, 255]} either way, a fresh seed. */
    public RandomBrightness(double factor) {
        this(List.of(factor), List.of(0, 255), null, null, null);
    }

    /**
     * A random brightness with every argument; numbers keep their Java type in the config (as Keras
     * writes the Python numbers it was given).
     *
     * @param factor     one number in {@code [-1, 1]}, or two ({@code lower, upper})
     * @param valueRange the two bounds of the pixel values (sorted), which the offset scales by and the
     *                   output is clipped to
     * @param seed       the generator's seed, or null for a fresh one
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public RandomBrightness(List<? extends Number> factor, List<? extends Number> valueRange, Long seed,
                            String dataFormat, String name) {
        super(name);
        String bad = describe() + ": factor must be a number or a list of two numbers in the range [-1, 1], e.g. 0.2"
                + " or [-0.1, 0.3]; got " + factor;
        if (factor == null || factor.isEmpty() || factor.size() > 2) {
            throw new IllegalArgumentException(bad);
        }
        if (factor.size() == 1) {
            Number f = factor.get(0);
            double v = f.doubleValue();
            if (!(v >= -1 && v <= 1)) {
                throw new IllegalArgumentException(bad);
            }
            boolean whole = f instanceof Integer || f instanceof Long;
            this.upper = whole ? (Number) Math.abs(f.longValue()) : (Number) Math.abs(v);
            this.lower = whole ? (Number) (-Math.abs(f.longValue())) : (Number) (-Math.abs(v)); // >= -1 already
        } else {
            Number a = factor.get(0);
            Number b = factor.get(1);
            if (a.doubleValue() > 1 || b.doubleValue() < -1 || Double.isNaN(a.doubleValue())
                    || Double.isNaN(b.doubleValue())) {
                throw new IllegalArgumentException(bad);
            }
            boolean sorted = a.doubleValue() <= b.doubleValue();
            this.lower = sorted ? a : b;
            this.upper = sorted ? b : a;
        }
        if (valueRange == null || valueRange.size() != 2) {
            throw new IllegalArgumentException(describe() + ": value_range must be two numbers such as [0, 255]; got "
                    + valueRange);
        }
        List<Number> range = new ArrayList<>(valueRange);
        range.sort((x, y) -> Double.compare(x.doubleValue(), y.doubleValue()));
        this.valueRange = Collections.unmodifiableList(range);
        this.seed = seed;
        this.dataFormat = DataFormats.check(dataFormat, describe());
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config ({@code factor} a number or a list of two). */
    public static RandomBrightness fromConfig(ConfigMap c) {
        return new RandomBrightness(GeometricAugmentation.factorFromConfig(c, "factor"),
                c.get("value_range") == null ? List.of(0, 255) : GeometricAugmentation.factorFromConfig(c, "value_range"),
                c.getLong("seed", null), c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        ImageLayout.requireImage(this, x.shape(), dataFormat);
        if (!training) {
            return x;
        }
        double min = valueRange.get(0).doubleValue();
        double max = valueRange.get(1).doubleValue();
        double lo = lower.doubleValue();
        double hi = upper.doubleValue();
        int n = x.rank() == 4 ? x.dim(0) : 1;
        double[] delta = new double[n];
        synchronized (rng) {
            for (int i = 0; i < n; i++) {
                // Keras: a float32 draw times the float32 width of the range
                delta[i] = (float) (lo + (hi - lo) * rng.nextDouble()) * (float) (max - min);
            }
        }
        int[] shape = x.rank() == 4 ? new int[] {n, 1, 1, 1} : new int[] {1, 1, 1};
        return x.add(Tensor.of(delta, shape).cast(x.dtype())).clip(min, max);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        ImageLayout.requireImage(this, inputShape, dataFormat);
        return inputShape.clone();
    }

    @Override
    public LayerRandom random() {
        return rng;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        m.put("factor", List.of(lower, upper));
        m.put("value_range", valueRange);
        m.put("seed", seed);
        return m;
    }
}
