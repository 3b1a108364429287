package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;

import java.util.Map;

/**
 * Base of {@link BaseCropping} and {@link BaseZeroPadding}: {@code (before, after)} margins on each spatial
 * axis that the layer removes or adds, their parsing, the output shape and the config.
 */
abstract class SpatialMargins extends Layer {
    final int rank;
    /** One {@code (before, after)} pair per spatial axis. */
    final int[][] margins;
    final String dataFormat;
    private final String key;
    private final int sign;

    /**
     * @param rank       the number of spatial axes
     * @param margins    any of Keras's forms of the pairs (see {@link SpatialArgs#pairs})
     * @param key        the argument's Keras name ({@code "cropping"} or {@code "padding"})
     * @param sign       -1 when the margins are removed, +1 when they are added
     * @param dataFormat {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name       the layer name, null for automatic
     */
    SpatialMargins(int rank, Object margins, String key, int sign, String dataFormat, String name) {
        super(name);
        this.rank = rank;
        this.margins = SpatialArgs.pairs(margins, rank, key, getClass().getSimpleName());
        this.dataFormat = SpatialArgs.format(dataFormat, getClass().getSimpleName());
        this.key = key;
        this.sign = sign;
    }

    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, rank + 2, null);
        int[] s = inputShape.clone();
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            s[a] = s[a] < 0 ? -1 : s[a] + sign * (margins[i][0] + margins[i][1]);
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put(key, SpatialArgs.toConfig(margins));
        m.put("data_format", dataFormat);
        return m;
    }
}
