package dev.airfoil.layers.reshaping;

import dev.airfoil.tensor.Tensor;

/** The common part of the zero-padding layers: adds {@code (before, after)} zeros to each spatial axis. */
public abstract class BaseZeroPadding extends SpatialMargins {
    BaseZeroPadding(int rank, Object padding, String dataFormat, String name) {
        super(rank, padding, "padding", 1, dataFormat, name);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), rank + 2, null);
        int[][] pads = new int[rank + 2][2];
        for (int i = 0; i < rank; i++) {
            pads[SpatialArgs.axis(i, dataFormat)] = margins[i].clone();
        }
        return input.pad(pads, 0.0);
    }
}
