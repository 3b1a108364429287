package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Crops the central {@code (height, width)} window of each image (Keras {@code CenterCrop}): it starts
 * at {@code ((H - height) / 2, (W - width) / 2)}, rounded down. An image smaller than the target on
 * either side is instead cropped to the target's aspect ratio and resized up to it with bilinear
 * interpolation, as Keras's {@code smart_resize} does.
 *
 * <p>Arguments: {@code height}, {@code width}; {@code data_format} ({@code "channels_last"} by default).
 * Input: {@code (batch, H, W, C)} or one image {@code (H, W, C)} ({@code (batch, C, H, W)} or
 * {@code (C, H, W)} in {@code channels_first}); output: the same with {@code height} and {@code width}.
 * The output is differentiable in the input.
 *
 * <pre>{@code
 * model.add(Input.shape(32, 32, 3));
 * model.add(new CenterCrop(24, 24));     // (None, 24, 24, 3)
 * }</pre>
 */
public class CenterCrop extends Layer {
    private final int height;
    private final int width;
    private final String dataFormat;

    /** A centre crop to {@code (height, width)} of {@code channels_last} images. */
    public CenterCrop(int height, int width) {
        this(height, width, null, null);
    }

    /**
     * A centre crop with every argument.
     *
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public CenterCrop(int height, int width, String dataFormat, String name) {
        super(name);
        this.height = Resizing.positive(this, "height", height);
        this.width = Resizing.positive(this, "width", width);
        this.dataFormat = DataFormats.check(dataFormat, describe());
    }

    /** From a Keras config. */
    public static CenterCrop fromConfig(ConfigMap c) {
        return new CenterCrop(c.getInt("height", -1), c.getInt("width", -1), c.getString("data_format", null),
                c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            int top = images.dim(1) - height;
            int left = images.dim(2) - width;
            if (top >= 0 && left >= 0) {
                return images.slice(1, top / 2, top / 2 + height).slice(2, left / 2, left / 2 + width);
            }
            return ImageResize.resize(ImageResize.cropToAspectRatio(images, height, width), height, width, "bilinear",
                    false);
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
        return m;
    }
}
