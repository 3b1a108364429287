package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes the contrast of each image by a random factor in training (Keras {@code RandomContrast}); the
 * identity in inference. Per image a factor {@code f} is drawn uniformly from
 * {@code [1 - lower, 1 + upper]}, each channel becomes {@code (x - mean) * f + mean} with {@code mean} its
 * mean over height and width, and the result is clipped to {@code value_range}.
 *
 * <p>{@code factor} is a number {@code f} in {@code [0, 1]}, which Keras 3.15.1 turns into
 * {@code (lower, upper) = (max(-f, 0), f)} = {@code (0, f)}, so the contrast only grows, by up to
 * {@code f}; or two numbers {@code [lower, upper]}. The draws come from the layer's own seeded generator
 * ({@link LayerRandom}, saved with the training state): reproducible in Airfoil, not the factors Keras's
 * JAX generator draws. {@code apply(x)} runs in inference, as for every Airfoil layer; pass
 * {@code training = true} to augment.
 *
 * <p>Arguments: {@code factor}; {@code value_range} ({@code [0, 255]}); {@code seed}; {@code data_format}.
 * Input: {@code (batch, H, W, C)} or one image; output the same shape.
 *
 * <pre>{@code
 * model.add(new RandomContrast(0.2));
 * }</pre>
 */
public class RandomContrast extends Layer implements RandomState {
    private final Number lower;
    private final Number upper;
    private final Number[] valueRange;
    private final Long seed;
    private final String dataFormat;
    private final LayerRandom rng;

    /** A contrast factor up to {@code 1 + factor}, values in {@code [0, 255]}, a fresh seed. */
    public RandomContrast(double factor) {
        this(List.of(factor), List.of(0, 255), null, null, null);
    }

    /**
     * A random contrast with every argument; numbers keep their Java type in the config (as Keras writes
     * the Python numbers it was given).
     *
     * @param factor     one number in {@code [0, 1]}, or two ({@code lower, upper}) overlapping {@code [0, 1]}
     * @param valueRange the two bounds the output is clipped to
     * @param seed       the generator's seed, or null for a fresh one
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public RandomContrast(List<? extends Number> factor, List<? extends Number> valueRange, Long seed,
                          String dataFormat, String name) {
        super(name);
        String bad = describe() + ": factor must be a number or two numbers in the range [0, 1]; got " + factor;
        if (factor == null || factor.isEmpty() || factor.size() > 2) {
            throw new IllegalArgumentException(bad);
        }
        if (factor.size() == 1) {
            double f = factor.get(0).doubleValue();
            if (f < 0 || f > 1) {
                throw new IllegalArgumentException(bad);
            }
            this.lower = -Math.abs(f) < 0 ? Integer.valueOf(0) : (Number) (-Math.abs(f)); // Python's max(-f, 0)
            this.upper = factor.get(0) instanceof Double || factor.get(0) instanceof Float ? Math.abs(f) : factor.get(0);
        } else {
            Number a = factor.get(0);
            Number b = factor.get(1);
            if (a.doubleValue() > 1 || b.doubleValue() < 0) {
                throw new IllegalArgumentException(bad);
            }
            boolean sorted = a.doubleValue() <= b.doubleValue();
            this.lower = sorted ? a : b;
            this.upper = sorted ? b : a;
        }
        if (valueRange == null || valueRange.size() != 2 || !(valueRange.get(0).doubleValue() < valueRange.get(1)
                .doubleValue())) {
            throw new IllegalArgumentException(describe() + ": value_range must be two increasing numbers such as"
                    + " [0, 255]; got " + valueRange);
        }
        this.valueRange = valueRange.toArray(new Number[0]);
        this.seed = seed;
        this.dataFormat = DataFormats.check(dataFormat, describe());
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config ({@code factor} a number or a list of two). */
    public static RandomContrast fromConfig(ConfigMap c) {
        return new RandomContrast(numbers(c.get("factor"), "factor"),
                c.get("value_range") == null ? List.of(0, 255) : numbers(c.get("value_range"), "value_range"),
                c.getLong("seed", null), c.getString("data_format", null), c.getString("name", null));
    }

    private static List<Number> numbers(Object o, String key) {
        List<Number> out = new ArrayList<>();
        for (Object e : o instanceof List<?> l ? l : java.util.Collections.singletonList(o)) {
            if (!(e instanceof Number n)) {
                throw new IllegalArgumentException("RandomContrast config: '" + key + "' must be a number or a list of"
                        + " numbers, got " + o);
            }
            out.add(n);
        }
        return out;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        if (!training) {
            ImageLayout.requireImage(this, x.shape(), dataFormat);
            return x;
        }
        double min = 1.0 - lower.doubleValue();
        double max = 1.0 + upper.doubleValue();
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            int n = images.dim(0);
            double[] f = new double[n];
            synchronized (rng) {
                for (int i = 0; i < n; i++) {
                    f[i] = min + (max - min) * rng.nextDouble();
                }
            }
            Tensor factors = Tensor.of(f, n, 1, 1, 1).cast(images.dtype());
            Tensor mean = images.mean(new int[] {1, 2}, true);
            return images.sub(mean).mul(factors).add(mean)
                    .clip(valueRange[0].doubleValue(), valueRange[1].doubleValue());
        });
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
        m.put("value_range", List.of(valueRange));
        m.put("seed", seed);
        return m;
    }
}
