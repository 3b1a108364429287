package dev.airfoil.layers.reshaping;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/** The common part of the cropping layers: removes {@code (before, after)} positions from each spatial axis. */
public abstract class BaseCropping extends SpatialMargins {
    BaseCropping(int rank, Object cropping, String dataFormat, String name) {
        super(rank, cropping, "cropping", -1, dataFormat, name);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), rank + 2, null);
        Tensor x = input;
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            int len = x.dim(a);
            if (margins[i][0] + margins[i][1] >= len) {
                throw new IllegalArgumentException(describe() + ": cropping " + margins[i][0] + "+" + margins[i][1]
                        + " leaves nothing of an axis of size " + len);
            }
            x = x.slice(a, margins[i][0], len - margins[i][1]);
        }
        return x;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = super.getConfig();
        if (rank == 1) {
            m.remove("data_format"); // Keras's Cropping1D has none
        }
        return m;
    }
}
