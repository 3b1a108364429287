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
 * Flips each image in training with probability 1/2 (Keras {@code RandomFlip}); the identity in inference.
 * {@code mode} is {@code "horizontal"} (left-right), {@code "vertical"} (up-down) or
 * {@code "horizontal_and_vertical"} (Keras's default), where, as in Keras 3.15.1, one draw per image
 * decides both flips, so an image is either unchanged or turned by 180 degrees.
 *
 * <p>The draws come from the layer's own seeded generator ({@link LayerRandom}, saved with the training
 * state): the same seed gives the same flips in Airfoil, but not the flips Keras's JAX generator draws.
 * As every Airfoil layer, {@code apply(x)} runs in inference; pass {@code training = true} to augment
 * (Keras's direct call of an image augmentation layer defaults to training).
 *
 * <p>Arguments: {@code mode}; {@code seed} (null for a fresh one); {@code data_format}
 * ({@code "channels_last"}). Input: {@code (batch, H, W, C)} or one image {@code (H, W, C)}; output
 * the same shape.
 *
 * <pre>{@code
 * model.add(new RandomFlip("horizontal", 42L, null, null));
 * }</pre>
 */
public class RandomFlip extends Layer implements RandomState {
    private final String mode;
    private final Long seed;
    private final String dataFormat;
    private final LayerRandom rng;

    /** Horizontal and vertical flips with a fresh seed. */
    public RandomFlip() {
        this("horizontal_and_vertical", null, null, null);
    }

    /**
     * A random flip with every argument.
     *
     * @param seed       the generator's seed, or null for a fresh one
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    public RandomFlip(String mode, Long seed, String dataFormat, String name) {
        super(name);
        if (!"horizontal".equals(mode) && !"vertical".equals(mode) && !"horizontal_and_vertical".equals(mode)) {
            throw new IllegalArgumentException(describe() + ": mode must be 'horizontal', 'vertical' or"
                    + " 'horizontal_and_vertical', got '" + mode + "'");
        }
        this.mode = mode;
        this.seed = seed;
        this.dataFormat = DataFormats.check(dataFormat, describe());
        this.rng = new LayerRandom(Seeds.orNext(seed));
    }

    /** From a Keras config. */
    public static RandomFlip fromConfig(ConfigMap c) {
        return new RandomFlip(c.getString("mode", "horizontal_and_vertical"), c.getLong("seed", null),
                c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        if (!training) {
            ImageLayout.requireImage(this, x.shape(), dataFormat);
            return x;
        }
        return ImageLayout.onChannelsLast(this, x, dataFormat, images -> {
            int n = images.dim(0);
            boolean[] flip = new boolean[n];
            synchronized (rng) {
                for (int i = 0; i < n; i++) {
                    flip[i] = rng.nextDouble() <= 0.5;
                }
            }
            Tensor flipped = images;
            if (!mode.equals("vertical")) {
                flipped = reversed(flipped, 2);
            }
            if (!mode.equals("horizontal")) {
                flipped = reversed(flipped, 1);
            }
            Tensor choose = Tensor.ofBooleans(flip, n, 1, 1, 1).broadcastTo(images.shape());
            return Tensor.where(choose, flipped, images);
        });
    }

    private static Tensor reversed(Tensor x, int axis) {
        int size = x.dim(axis);
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = size - 1 - i;
        }
        return x.take(Tensor.ofInts(idx, size), axis);
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
        m.put("seed", seed);
        m.put("mode", mode);
        return m;
    }
}
