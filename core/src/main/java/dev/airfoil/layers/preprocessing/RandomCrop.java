package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.Map;

/**
 * Crops a random {@code (height, width)} window in training (Keras {@code RandomCrop}); in inference the
 * largest centred window of the target aspect ratio, resized to {@code (height, width)}.
 *
 * <p>In training, as in Keras 3.15.1, one window position is drawn per batch (every image of the batch is
 * cropped at the same place), its top uniformly among the {@code H - height + 1} rows and its left among
 * the {@code W - width + 1} columns, when the image is larger than the target in both height and width.
 * Otherwise Keras takes the start of the centred window of the target aspect ratio, slices
 * {@code height} rows and {@code width} columns from there (fewer where the image ends) and resizes the
 * slice bilinearly to {@code (height, width)}; Airfoil does the same.
 *
 * <p>Inference: Keras 3.15.1's docstring says the input is resized and cropped to the largest window of
 * the target aspect ratio, and its {@code compute_output_shape} declares {@code (height, width)}, but its
 * code returns the input unchanged (so {@code predict} gives a different shape than the model declares).
 * Airfoil follows the docstring and the declared shape: a centre crop to the target aspect ratio, then a
 * bilinear resize (as {@code Resizing(height, width, crop_to_aspect_ratio=True)}). Only where a Keras
 * model ends on a RandomCrop, or runs shape-agnostic layers after it, do Airfoil's inference outputs
 * differ from Keras's.
 *
 * <p>The draws come from the layer's own seeded generator ({@link LayerRandom}, saved with the training
 * state); as Keras, a layer built without a seed picks one and writes it in its config.
 *
 * <p>Arguments: {@code height}; {@code width}; {@code seed}; {@code data_format}. Input:
 * {@code (batch, H, W, C)} or one image; output {@code (batch, height, width, C)}.
 *
 * <pre>{@code
 * model.add(new RandomCrop(24, 24));
 * }</pre>
 */
public class RandomCrop extends Layer implements RandomState {
    private final int height;
    private final int width;
    private final long seed;
    private final String dataFormat;
    private final LayerRandom rng;

    /** Random {@code (height, width)} crops of {@code channels_last} images with a fresh seed. */
    public RandomCrop(int height, int width) {
        this(height, width, null, null, null);
    }

    /**
     * A random crop with every argument.
     *
     * @param seed       the generator's seed, or null for a fresh one (written in the config)
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public RandomCrop(int height, int width, Long seed, String dataFormat, String name) {
        super(name);
        this.height = Resizing.positive(this, "height", height);
        this.width = Resizing.positive(this, "width", width);
        this.seed = Seeds.orNext(seed);
        this.dataFormat = DataFormats.check(dataFormat, describe());
        this.rng = new LayerRandom(this.seed);
    }

    /** From a Keras config. */
    public static RandomCrop fromConfig(ConfigMap c) {
        return new RandomCrop(c.getInt("height", -1), c.getInt("width", -1), c.getLong("seed", null),
                c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            int h = images.dim(1);
            int w = images.dim(2);
            if (!training) {
                return ImageResize.resize(ImageResize.cropToAspectRatio(images, height, width), height, width,
                        "bilinear", false);
            }
            int top;
            int left;
            if (h > height && w > width) {
                synchronized (rng) {
                    top = (int) (rng.nextDouble() * (h - height + 1));
                    left = (int) (rng.nextDouble() * (w - width + 1));
                }
            } else {
                int[] window = ImageResize.aspectCrop(h, w, height, width);
                top = window[0];
                left = window[1];
            }
            Tensor y = images.slice(1, top, Math.min(top + height, h)).slice(2, left, Math.min(left + width, w));
            return y.dim(1) == height && y.dim(2) == width ? y : ImageResize.resize(y, height, width, "bilinear", false);
        });
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return ImageLayout.resizedShape(this, inputShape, height, width, dataFormat);
    }

    @Override
    public LayerRandom random() {
        return rng;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        m.put("height", height);
        m.put("width", width);
        m.put("seed", seed);
        return m;
    }
}
