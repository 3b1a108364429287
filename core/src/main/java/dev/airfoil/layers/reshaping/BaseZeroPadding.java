package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/** The common part of the zero-padding layers: adds {@code (before, after)} zeros to each spatial axis. */
public abstract class BaseZeroPadding extends Layer {
    final int rank;
    final int[][] padding;
    final String dataFormat;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.snakeCase(className()).replaceAll("(\\d)_d", "$1d");
    }

    BaseZeroPadding(int rank, Object padding, String dataFormat, String name) {
        super(name);
        this.rank = rank;
        this.padding = SpatialArgs.pairs(padding, rank, "padding", getClass().getSimpleName());
        this.dataFormat = SpatialArgs.format(dataFormat, getClass().getSimpleName());
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (input.rank() != rank + 2) {
            throw new IllegalArgumentException(describe() + " expects an input of rank " + (rank + 2) + ", got shape "
                    + Shape.str(input.shape()));
        }
        int[][] pads = new int[rank + 2][2];
        for (int i = 0; i < rank; i++) {
            pads[SpatialArgs.axis(i, dataFormat)] = padding[i].clone();
        }
        return input.pad(pads, 0.0);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = inputShape.clone();
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            s[a] = s[a] < 0 ? -1 : s[a] + padding[i][0] + padding[i][1];
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("padding", SpatialArgs.toConfig(padding));
        m.put("data_format", dataFormat);
        return m;
    }
}
