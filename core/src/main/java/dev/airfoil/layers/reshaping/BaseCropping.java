package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/** The common part of the cropping layers: removes {@code (before, after)} positions from each spatial axis. */
public abstract class BaseCropping extends Layer {
    final int rank;
    final int[][] cropping;
    final String dataFormat;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.snakeCase(className()).replaceAll("(\\d)_d", "$1d");
    }

    BaseCropping(int rank, Object cropping, String dataFormat, String name) {
        super(name);
        this.rank = rank;
        this.cropping = SpatialArgs.pairs(cropping, rank, "cropping", getClass().getSimpleName());
        this.dataFormat = SpatialArgs.format(dataFormat, getClass().getSimpleName());
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (input.rank() != rank + 2) {
            throw new IllegalArgumentException(describe() + " expects an input of rank " + (rank + 2) + ", got shape "
                    + Shape.str(input.shape()));
        }
        Tensor x = input;
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            int len = x.dim(a);
            if (cropping[i][0] + cropping[i][1] >= len) {
                throw new IllegalArgumentException(describe() + ": cropping " + cropping[i][0] + "+" + cropping[i][1]
                        + " leaves nothing of an axis of size " + len);
            }
            x = x.slice(a, cropping[i][0], len - cropping[i][1]);
        }
        return x;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = inputShape.clone();
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            s[a] = s[a] < 0 ? -1 : s[a] - cropping[i][0] - cropping[i][1];
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("cropping", SpatialArgs.toConfig(cropping));
        if (rank > 1) {
            m.put("data_format", dataFormat);
        }
        return m;
    }
}
