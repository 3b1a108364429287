package dev.airfoil.layers.pooling;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * The common part of the global pooling layers: the maximum or mean over every spatial axis,
 * giving {@code (batch, channels)}, or {@code (batch, 1, ..., channels)} with {@code keepdims}.
 */
public abstract class BaseGlobalPooling extends Layer {
    final int rank;
    final boolean isMax;
    final String dataFormat;
    final boolean keepdims;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    /** A global pooling layer over {@code rank} spatial axes. */
    protected BaseGlobalPooling(int rank, boolean isMax, String dataFormat, boolean keepdims, String name) {
        super(name);
        this.rank = rank;
        this.isMax = isMax;
        this.dataFormat = DataFormats.check(dataFormat, getClass().getSimpleName());
        this.keepdims = keepdims;
    }

    private int[] axes() {
        int[] a = new int[rank];
        int start = dataFormat.equals("channels_first") ? 2 : 1;
        for (int i = 0; i < rank; i++) {
            a[i] = start + i;
        }
        return a;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), rank + 2, null);
        Tensor x = inLayerDtype(input);
        return isMax ? x.max(axes(), keepdims) : x.mean(axes(), keepdims);
    }

    /** A floating input in the layer's dtype (others as they are). */
    Tensor inLayerDtype(Tensor input) {
        return input.dtype() == dtype || !input.dtype().isFloating() ? input : input.cast(dtype);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] axes = axes();
        if (keepdims) {
            int[] s = inputShape.clone();
            for (int a : axes) {
                s[a] = 1;
            }
            return s;
        }
        int c = inputShape[dataFormat.equals("channels_first") ? 1 : inputShape.length - 1];
        return new int[] {inputShape[0], c};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        m.put("keepdims", keepdims);
        return m;
    }
}
