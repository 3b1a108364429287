package dev.airfoil.layers.pooling;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The common part of the adaptive max and average pooling layers over 1 to 3 spatial axes: whatever
 * the input's spatial size, the output has {@code output_size}, each output position pooling one of
 * Keras's adaptive bins (along an axis of {@code in} positions, bin {@code i} of {@code out} spans
 * {@code floor(i * in / out)} to {@code ceil((i + 1) * in / out)}; sizes need not divide, and an
 * output larger than the input repeats positions). Channels-last or channels-first data.
 */
public abstract class BaseAdaptivePooling extends Layer {
    final int rank;
    final boolean isMax;
    final int[] outputSize;
    final String dataFormat;
    private volatile Cached cached;

    /** The windows for one input spatial size. */
    private record Cached(int[] in, PoolWindows windows) {
    }

    /**
     * An adaptive pooling layer.
     *
     * @param rank       the number of spatial axes (1 to 3)
     * @param isMax      max pooling (else average)
     * @param outputSize one positive integer for every axis, or one per axis
     * @param dataFormat {@code "channels_last"} (null: the default) or {@code "channels_first"}
     * @param name       the layer name, or null for an automatic one
     */
    protected BaseAdaptivePooling(int rank, boolean isMax, int[] outputSize, String dataFormat, String name) {
        super(name);
        String owner = getClass().getSimpleName();
        this.rank = rank;
        this.isMax = isMax;
        if (outputSize == null || outputSize.length != 1 && outputSize.length != rank) {
            throw new IllegalArgumentException(owner + ": output_size must be an integer or " + rank
                    + " integers, got " + Arrays.toString(outputSize) + "; e.g. output_size=" + (rank == 1 ? "8"
                    : "(8" + ", 8".repeat(rank - 1) + ")"));
        }
        this.outputSize = BasePooling.expand(outputSize, rank, "output_size", owner);
        this.dataFormat = DataFormats.check(dataFormat, owner);
    }

    /** Keras's automatic name prefix ({@code adaptive_max_pooling2d}: no underscore before the dimension). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    /** Reads {@code output_size} (an integer or a list) from a Keras config. */
    static int[] outputSizeOf(ConfigMap c, String owner) {
        int[] v = c.getIntArray("output_size", null);
        if (v == null) {
            throw new IllegalArgumentException(owner + ": the config has no output_size; Keras requires one");
        }
        return v;
    }

    /** The output spatial sizes, one per axis. */
    public int[] outputSize() {
        return outputSize.clone();
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return BasePooling.pool(this, input, rank, dataFormat, isMax, spatial -> windows(spatial, input.shape()));
    }

    /** The (cached) windows over {@code spatial} input positions; {@code shape} names the input in errors. */
    private PoolWindows windows(int[] spatial, int[] shape) {
        Cached c = cached;
        if (c == null || !Arrays.equals(c.in(), spatial)) {
            for (int s : spatial) {
                if (s < 1) {
                    throw new IllegalArgumentException(describe() + ": input " + Shape.str(shape)
                            + " has an empty spatial axis; adaptive pooling needs at least one position per axis");
                }
            }
            c = new Cached(spatial.clone(), AdaptiveWindows.of(spatial, outputSize));
            cached = c;
        }
        return c.windows();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, rank + 2, null);
        boolean first = dataFormat.equals("channels_first");
        int[] s = first ? DataFormats.shapeToLast(inputShape) : inputShape.clone();
        System.arraycopy(outputSize, 0, s, 1, rank);
        return first ? DataFormats.shapeToFirst(s) : s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("output_size", BasePooling.list(outputSize));
        m.put("data_format", dataFormat);
        return m;
    }
}
