package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.LayerRandom;
import dev.airfoil.saving.ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zooms each image in or out by a random amount in training (Keras {@code RandomZoom}); the identity in
 * inference. Per image a factor is drawn uniformly from the {@code height_factor} range; the image is
 * sampled at {@code 1 + factor} times the pixel spacing about its centre, so a positive factor zooms
 * out (the image shrinks and the border is filled by {@code fill_mode}) and a negative one zooms in.
 * The width gets its own draw from {@code width_factor}, or, when that is null, the height's factor
 * (the aspect ratio is kept).
 *
 * <p>A factor is a number {@code f} (the range {@code [-|f|, |f|]}) or two numbers {@code [lower, upper]},
 * each in {@code (-1, 1]}. The draws come from the layer's own seeded generator ({@link LayerRandom},
 * saved with the training state): reproducible in Airfoil, not the draws of Keras's JAX generator; the
 * transform itself matches Keras's. {@code apply(x)} runs in inference; pass {@code training = true} to
 * augment.
 *
 * <p>Arguments: {@code height_factor}; {@code width_factor} (null); {@code fill_mode} ({@code "reflect"});
 * {@code interpolation} ({@code "bilinear"}); {@code seed}; {@code fill_value} (0); {@code data_format}.
 * Input: {@code (batch, H, W, C)} or one image; output the same shape.
 *
 * <pre>{@code
 * model.add(new RandomZoom(0.2));
 * }</pre>
 */
public class RandomZoom extends GeometricAugmentation {
    private final Factor height;
    private final Factor width;

    /** Zooms by up to {@code heightFactor} in both directions, keeping the aspect ratio; reflected, bilinear. */
    public RandomZoom(double heightFactor) {
        this(List.of(heightFactor), null, "reflect", "bilinear", null, 0.0, null, null);
    }

    /**
     * A random zoom with every argument.
     *
     * @param heightFactor  one number {@code f} (the range {@code [-|f|, |f|]}) or two, in {@code (-1, 1]}
     * @param widthFactor   likewise for the width, or null to zoom the width as the height
     * @param fillMode      {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @param seed          the generator's seed, or null for a fresh one
     * @param fillValue     the value outside the image for {@code "constant"}
     * @param dataFormat    {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name          the layer name, or null for an automatic one
     */
    public RandomZoom(List<? extends Number> heightFactor, List<? extends Number> widthFactor, String fillMode,
                      String interpolation, Long seed, double fillValue, String dataFormat, String name) {
        super(fillMode, interpolation, seed, fillValue, dataFormat, name);
        this.height = Factor.of(this, "height_factor", heightFactor, -1, true, 1);
        this.width = widthFactor == null ? null : Factor.of(this, "width_factor", widthFactor, -1, true, 1);
    }

    /** From a Keras config (each factor a number or a list of two; {@code width_factor} may be null). */
    public static RandomZoom fromConfig(ConfigMap c) {
        return new RandomZoom(factorFromConfig(c, "height_factor"), factorFromConfig(c, "width_factor"),
                c.getString("fill_mode", "reflect"), c.getString("interpolation", "bilinear"), c.getLong("seed", null),
                c.getDouble("fill_value", 0.0), c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    float[][] drawTransforms(LayerRandom random, int n, int imageHeight, int imageWidth) {
        float[] zy = new float[n];
        float[] zx = new float[n];
        // Keras draws every height zoom, then every width zoom
        for (int i = 0; i < n; i++) {
            zy[i] = height.draw(random, 1.0);
        }
        for (int i = 0; i < n; i++) {
            zx[i] = width == null ? zy[i] : width.draw(random, 1.0);
        }
        float halfHeight = ((float) imageHeight - 1f) / 2f;
        float halfWidth = ((float) imageWidth - 1f) / 2f;
        float[][] t = new float[n][];
        for (int i = 0; i < n; i++) {
            t[i] = new float[] {zx[i], 0f, halfWidth * (1f - zx[i]), 0f, zy[i], halfHeight * (1f - zy[i]), 0f, 0f};
        }
        return t;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("height_factor", height.given());
        factors.put("width_factor", width == null ? null : width.given());
        return configWith(factors);
    }
}
