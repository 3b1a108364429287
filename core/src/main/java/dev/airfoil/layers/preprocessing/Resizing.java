package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * Resizes images to {@code (height, width)} (Keras {@code Resizing}) with Keras 3's JAX numerics:
 * bilinear interpolation at half-pixel centres (with {@code antialias}, a triangle filter widened by
 * the downscale factor), or nearest neighbour. With {@code crop_to_aspect_ratio} the largest centred
 * window of the target's aspect ratio is cut out first; with {@code pad_to_aspect_ratio} the short
 * side is padded with {@code fill_value} on both sides first, so the aspect ratio is kept.
 *
 * <p>Arguments: {@code height}, {@code width}; {@code interpolation} ({@code "bilinear"} or
 * {@code "nearest"}; Keras's bicubic and Lanczos kernels are not supported); {@code crop_to_aspect_ratio}
 * (false); {@code pad_to_aspect_ratio} (false); {@code fill_mode} (only {@code "constant"});
 * {@code fill_value} (0); {@code antialias} (false, as Keras); {@code data_format}
 * ({@code "channels_last"}). Input: {@code (batch, H, W, C)} or one image {@code (H, W, C)} (channels
 * before height in {@code channels_first}); output: the same with {@code height} and {@code width}.
 * Airfoil computes in the layer's float dtype: integer images come out as floats, not rounded back.
 * Bilinear resizing is differentiable in the input.
 *
 * <pre>{@code
 * model.add(Input.shape(64, 48, 3));
 * model.add(new Resizing(32, 32));       // (None, 32, 32, 3)
 * }</pre>
 */
public class Resizing extends Layer {
    private static final Set<String> SUPPORTED = Set.of("bilinear", "nearest");
    private static final Set<String> KERAS_ONLY = Set.of("bicubic", "lanczos3", "lanczos5", "area");

    private final int height;
    private final int width;
    private final String interpolation;
    private final boolean cropToAspectRatio;
    private final boolean padToAspectRatio;
    private final double fillValue;
    private final boolean antialias;
    private final String dataFormat;

    /** Bilinear resizing of {@code channels_last} images to {@code (height, width)}. */
    public Resizing(int height, int width) {
        this(height, width, "bilinear", false, false, 0.0, false, null, null);
    }

    /**
     * Resizing with every argument ({@code fill_mode} is always {@code "constant"}).
     *
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public Resizing(int height, int width, String interpolation, boolean cropToAspectRatio, boolean padToAspectRatio,
                    double fillValue, boolean antialias, String dataFormat, String name) {
        super(name);
        this.height = positive(this, "height", height);
        this.width = positive(this, "width", width);
        if (KERAS_ONLY.contains(interpolation)) {
            throw new UnsupportedOperationException(describe() + ": interpolation '" + interpolation + "' is not"
                    + " supported by Airfoil; use 'bilinear' or 'nearest'");
        }
        if (!SUPPORTED.contains(interpolation)) {
            throw new IllegalArgumentException(describe() + ": interpolation must be 'bilinear' or 'nearest', got '"
                    + interpolation + "'");
        }
        if (cropToAspectRatio && padToAspectRatio) {
            throw new IllegalArgumentException(describe() + ": only one of crop_to_aspect_ratio and pad_to_aspect_ratio"
                    + " can be true; set the other to false");
        }
        this.interpolation = interpolation;
        this.cropToAspectRatio = cropToAspectRatio;
        this.padToAspectRatio = padToAspectRatio;
        this.fillValue = fillValue;
        this.antialias = antialias;
        this.dataFormat = DataFormats.check(dataFormat, describe());
    }

    /** From a Keras config. */
    public static Resizing fromConfig(ConfigMap c) {
        String fillMode = c.getString("fill_mode", "constant");
        if (!"constant".equals(fillMode)) {
            throw new IllegalArgumentException("Resizing config: only fill_mode 'constant' is supported, got '"
                    + fillMode + "'");
        }
        return new Resizing(c.getInt("height", -1), c.getInt("width", -1), c.getString("interpolation", "bilinear"),
                c.getBoolean("crop_to_aspect_ratio", false), c.getBoolean("pad_to_aspect_ratio", false),
                c.getDouble("fill_value", 0.0), c.getBoolean("antialias", false), c.getString("data_format", null),
                c.getString("name", null));
    }

    /** A positive target size, or an exception naming the layer and the argument. */
    static int positive(Layer layer, String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer.describe() + ": " + what + " must be a positive integer, got "
                    + value);
        }
        return value;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            Tensor y = images;
            if (cropToAspectRatio) {
                y = ImageResize.cropToAspectRatio(y, height, width);
            } else if (padToAspectRatio) {
                y = ImageResize.padToAspectRatio(y, height, width, fillValue);
            }
            return ImageResize.resize(y, height, width, interpolation, antialias);
        });
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return ImageLayout.resizedShape(this, inputShape, height, width, dataFormat);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        m.put("height", height);
        m.put("width", width);
        m.put("interpolation", interpolation);
        m.put("crop_to_aspect_ratio", cropToAspectRatio);
        m.put("pad_to_aspect_ratio", padToAspectRatio);
        m.put("fill_mode", "constant");
        m.put("fill_value", fillValue);
        m.put("antialias", antialias);
        return m;
    }
}
