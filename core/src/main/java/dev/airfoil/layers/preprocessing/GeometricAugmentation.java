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
 * What Keras's affine augmentation layers ({@link RandomTranslation}, {@link RandomZoom},
 * {@link RandomRotation}) share: the
 * fill mode, interpolation, fill value, data format and seeded generator, the identity in inference,
 * and in training one affine transform per image drawn by the subclass and applied by
 * {@link ImageTransform}.
 */
abstract class GeometricAugmentation extends Layer implements RandomState {
    private final String fillMode;
    private final String interpolation;
    private final Long seed;
    private final double fillValue;
    private final String dataFormat;
    private final LayerRandom rng;

    GeometricAugmentation(String fillMode, String interpolation, Long seed, double fillValue, String dataFormat,
                          String name) {
        super(name);
        if (!ImageTransform.FILL_MODES.contains(fillMode)) {
            throw new IllegalArgumentException(describe() + ": fill_mode must be one of " + ImageTransform.FILL_MODES
                    + ", got '" + fillMode + "'");
        }
        if (!ImageTransform.INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException(describe() + ": interpolation must be one of "
                    + ImageTransform.INTERPOLATIONS + ", got '" + interpolation + "'");
        }
        this.fillMode = fillMode;
        this.interpolation = interpolation;
        this.seed = seed;
        this.fillValue = fillValue;
        this.dataFormat = DataFormats.check(dataFormat, describe());
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /**
     * The transforms {@code [a0, a1, a2, b0, b1, b2, 0, 0]} (float32, as Keras computes them) of
     * {@code n} images of {@code height} by {@code width}; called under the generator's lock.
     */
    abstract float[][] drawTransforms(LayerRandom random, int n, int height, int width);

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        if (!training) {
            ImageLayout.requireImage(this, x.shape(), dataFormat);
            return x;
        }
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            float[][] transforms;
            synchronized (rng) {
                transforms = drawTransforms(rng, images.dim(0), images.dim(1), images.dim(2));
            }
            return ImageTransform.affine(images, transforms, interpolation, fillMode, fillValue);
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

    String fillMode() {
        return fillMode;
    }

    String interpolation() {
        return interpolation;
    }

    Long seed() {
        return seed;
    }

    double fillValue() {
        return fillValue;
    }

    String dataFormat() {
        return dataFormat;
    }

    /** The base config, {@code data_format} and then the subclass's factors (in Keras's key order). */
    Map<String, Object> configWith(Map<String, Object> factors) {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        m.putAll(factors);
        m.put("fill_mode", fillMode);
        m.put("interpolation", interpolation);
        m.put("seed", seed);
        m.put("fill_value", fillValue);
        return m;
    }

    /** A factor as Keras takes it: a number {@code f} (the range {@code [-|f|, |f|]}) or two numbers. */
    record Factor(Object given, double lower, double upper) {
        /**
         * Checks a factor against {@code [min, max]} ({@code max} included, {@code min} excluded where
         * {@code minOpen}) and sorts two numbers.
         */
        static Factor of(Layer layer, String argument, List<? extends Number> factor, double min, boolean minOpen,
                         double max) {
            String range = (minOpen ? "(" : "[") + min + ", " + max + "]";
            String bad = layer.describe() + ": " + argument + " must be a number or a list of two numbers in the range "
                    + range + ", e.g. 0.2 or [-0.1, 0.3]; got " + factor;
            if (factor == null || factor.isEmpty() || factor.size() > 2) {
                throw new IllegalArgumentException(bad);
            }
            for (Number f : factor) {
                double v = f.doubleValue();
                if (v > max || v < min || (minOpen && v == min) || Double.isNaN(v)) {
                    throw new IllegalArgumentException(bad);
                }
            }
            if (factor.size() == 1) {
                double f = Math.abs(factor.get(0).doubleValue());
                return new Factor(factor.get(0), -f, f);
            }
            double a = factor.get(0).doubleValue();
            double b = factor.get(1).doubleValue();
            return new Factor(List.copyOf(factor), Math.min(a, b), Math.max(a, b));
        }

        /** One uniform draw in {@code [lower, upper)}, shifted by {@code offset}, as a float32. */
        float draw(LayerRandom random, double offset) {
            double lo = offset + lower;
            double hi = offset + upper;
            return (float) (lo + (hi - lo) * random.nextDouble());
        }
    }

    /** A factor from a config: a number or a list of numbers; null stays null. */
    static List<Number> factorFromConfig(ConfigMap c, String key) {
        Object o = c.get(key);
        if (o == null) {
            return null;
        }
        List<Number> out = new ArrayList<>();
        for (Object e : o instanceof List<?> l ? l : List.of(o)) {
            if (!(e instanceof Number num)) {
                throw new IllegalArgumentException("config: '" + key + "' must be a number or a list of numbers, got "
                        + o);
            }
            out.add(num);
        }
        return out;
    }
}
