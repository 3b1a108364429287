package dev.airfoil.layers.pooling;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The common part of the max and average pooling layers over 1 to 3 spatial axes: a window of
 * {@code pool_size} moved by {@code strides} (default: the pool size), with {@code "valid"} or
 * {@code "same"} padding, on {@code channels_last} or {@code channels_first} data.
 */
public abstract class BasePooling extends Layer {
    final int rank;
    final boolean isMax;
    final int[] poolSize;
    final int[] strides;
    final String padding;
    final String dataFormat;
    private volatile ConvGeometry geometry;

    /**
     * A pooling layer.
     *
     * @param poolSize one integer or one per spatial axis
     * @param strides one integer or one per axis, or null for the pool size
     */

    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    protected BasePooling(int rank, boolean isMax, int[] poolSize, int[] strides, String padding, String dataFormat,
                          String name) {
        super(name);
        String owner = getClass().getSimpleName();
        this.rank = rank;
        this.isMax = isMax;
        this.poolSize = expand(poolSize, rank, "pool_size", owner);
        this.strides = strides == null ? this.poolSize.clone() : expand(strides, rank, "strides", owner);
        String p = padding == null ? "valid" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(owner + ": padding must be 'valid' or 'same', got '" + padding + "'");
        }
        this.padding = p;
        this.dataFormat = DataFormats.check(dataFormat, owner);
    }

    static int[] expand(int[] v, int rank, String what, String owner) {
        if (v == null || v.length != 1 && v.length != rank) {
            throw new IllegalArgumentException(owner + ": " + what + " must be an integer or " + rank + " integers, got "
                    + Arrays.toString(v));
        }
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) {
            r[i] = v.length == 1 ? v[0] : v[i];
            if (r[i] <= 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must be positive, got " + Arrays.toString(v));
            }
        }
        return r;
    }

    /** Reads {@code pool_size}, {@code strides}, {@code padding}, {@code data_format} for a subclass's factory. */
    static int[] poolSizeOf(ConfigMap c, int rank) {
        int[] def = new int[rank];
        Arrays.fill(def, 2);
        return c.getIntArray("pool_size", def);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return pool(this, input, rank, dataFormat, isMax, spatial -> PoolWindows.of(geometry(spatial, input.shape())));
    }

    /**
     * What every pooling layer's call does: checks the input's rank ({@code rank} spatial axes), casts a
     * floating input to the layer's dtype, and max- or average-pools it, in its data format, over the
     * windows {@code windows} gives for its spatial sizes.
     */
    static Tensor pool(Layer layer, Tensor input, int rank, String dataFormat, boolean isMax,
                       Function<int[], PoolWindows> windows) {
        layer.requireRank(input.shape(), rank + 2, null);
        DType dtype = layer.dtype();
        Tensor x = input.dtype() == dtype || !input.dtype().isFloating() ? input : input.cast(dtype);
        boolean first = dataFormat.equals("channels_first");
        if (first) {
            x = DataFormats.toChannelsLast(x);
        }
        PoolWindows w = windows.apply(Arrays.copyOfRange(x.shape(), 1, rank + 1));
        Tensor y = isMax ? PoolOps.maxPool(x, w) : PoolOps.avgPool(x, w);
        return first ? DataFormats.toChannelsFirst(y) : y;
    }

    /** The cached window geometry over {@code spatial} input positions ({@code shape} names the input in errors). */
    ConvGeometry geometry(int[] spatial, int[] shape) {
        ConvGeometry g = geometry;
        if (g == null || !Arrays.equals(g.in(), spatial)) {
            int[] ones = new int[rank];
            Arrays.fill(ones, 1);
            ConvGeometry.requireWindowFits(describe(), shape, spatial, "pool_size", poolSize, ones, padding);
            try {
                g = ConvGeometry.forward(spatial, poolSize, strides, ones, padding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": input " + Shape.str(shape) + ": "
                        + e.getMessage(), e);
            }
            geometry = g;
        }
        return g;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, rank + 2, null);
        boolean first = dataFormat.equals("channels_first");
        int[] s = first ? DataFormats.shapeToLast(inputShape) : inputShape.clone();
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        ConvGeometry.requireWindowFits(describe(), inputShape, Arrays.copyOfRange(s, 1, rank + 1), "pool_size", poolSize,
                ones, padding);
        for (int i = 0; i < rank; i++) {
            s[i + 1] = ConvGeometry.outputLength(s[i + 1], poolSize[i], strides[i], 1, padding);
        }
        return first ? DataFormats.shapeToFirst(s) : s;
    }

    static List<Object> list(int[] v) {
        List<Object> l = new ArrayList<>();
        for (int x : v) {
            l.add(x);
        }
        return l;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("pool_size", list(poolSize));
        m.put("padding", padding);
        m.put("strides", list(strides));
        m.put("data_format", dataFormat);
        return m;
    }
}
