package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.LayerRandom;
import dev.airfoil.saving.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shifts each image by a random fraction of its height and width in training (Keras
 * {@code RandomTranslation}); the identity in inference. Per image a vertical fraction is drawn uniformly
 * from the {@code height_factor} range and a horizontal one from the {@code width_factor} range; the
 * image moves by that fraction times its height (down for a positive fraction) and width (right), and
 * the pixels that come in from outside are filled by {@code fill_mode} (see {@link ImageTransform}).
 *
 * <p>A factor is a number {@code f} (the range {@code [-|f|, |f|]}) or two numbers {@code [lower, upper]},
 * each in {@code [-1, 1]}. The draws come from the layer's own seeded generator ({@link LayerRandom},
 * saved with the training state): reproducible in Airfoil, not the draws of Keras's JAX generator; the
 * transform itself matches Keras's. {@code apply(x)} runs in inference; pass {@code training = true} to
 * augment.
 *
 * <p>Arguments: {@code height_factor}; {@code width_factor}; {@code fill_mode} ({@code "reflect"},
 * {@code "wrap"}, {@code "constant"} or {@code "nearest"}; default {@code "reflect"});
 * {@code interpolation} ({@code "bilinear"} or {@code "nearest"}); {@code seed}; {@code fill_value}
 * (0, for {@code "constant"}); {@code data_format}. Input: {@code (batch, H, W, C)} or one image; output
 * the same shape.
 *
 * <pre>{@code
 * model.add(new RandomTranslation(0.1, 0.2));
 * }</pre>
 */
public class RandomTranslation extends GeometricAugmentation {
    private final Factor height;
    private final Factor width;

    /** Shifts of up to {@code heightFactor} of the height and {@code widthFactor} of the width, reflected, bilinear. */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(List.of(heightFactor), List.of(widthFactor), "reflect", "bilinear", null, 0.0, null, null);
    }

    /**
     * A random translation with every argument.
     *
     * @param heightFactor  one number {@code f} (the range {@code [-|f|, |f|]}) or two, in {@code [-1, 1]}
     * @param widthFactor   likewise for the width
     * @param fillMode      {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @param seed          the generator's seed, or null for a fresh one
     * @param fillValue     the value outside the image for {@code "constant"}
     * @param dataFormat    {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name          the layer name, or null for an automatic one
     */
    public RandomTranslation(List<? extends Number> heightFactor, List<? extends Number> widthFactor, String fillMode,
                             String interpolation, Long seed, double fillValue, String dataFormat, String name) {
        super(fillMode, interpolation, seed, fillValue, dataFormat, name);
        this.height = Factor.of(this, "height_factor", heightFactor, -1, false, 1);
        this.width = Factor.of(this, "width_factor", widthFactor, -1, false, 1);
    }

    /** From a Keras config (each factor a number or a list of two). */
    public static RandomTranslation fromConfig(ConfigMap c) {
        return new RandomTranslation(factorFromConfig(c, "height_factor"), factorFromConfig(c, "width_factor"),
                c.getString("fill_mode", "reflect"), c.getString("interpolation", "bilinear"), c.getLong("seed", null),
                c.getDouble("fill_value", 0.0), c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    float[][] drawTransforms(LayerRandom random, int n, int imageHeight, int imageWidth) {
        float[] dy = new float[n];
        float[] dx = new float[n];
        // Keras draws every height fraction, then every width fraction
        for (int i = 0; i < n; i++) {
            dy[i] = height.draw(random, 0) * imageHeight;
        }
        for (int i = 0; i < n; i++) {
            dx[i] = width.draw(random, 0) * imageWidth;
        }
        float[][] t = new float[n][];
        for (int i = 0; i < n; i++) {
            t[i] = new float[] {1f, 0f, -dx[i], 0f, 1f, -dy[i], 0f, 0f};
        }
        return t;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("height_factor", height.given());
        factors.put("width_factor", width.given());
        return configWith(factors);
    }
}
