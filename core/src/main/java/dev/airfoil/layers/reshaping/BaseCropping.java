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
        requireCropFits(input.shape());
        Tensor x = input;
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            x = x.slice(a, margins[i][0], x.dim(a) - margins[i][1]);
        }
        return x;
    }

    /** As Keras, refuses at build time a cropping that removes a whole spatial axis (or more). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, rank + 2, null);
        requireCropFits(inputShape);
        return super.computeOutputShape(inputShape);
    }

    /**
     * Keras: "values in cropping should be smaller than the corresponding spatial dimension of the
     * input"; sizes not known yet ({@code -1}) pass.
     */
    private void requireCropFits(int[] shape) {
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            int len = shape[a];
            if (len >= 0 && margins[i][0] + margins[i][1] >= len) {
                throw new IllegalArgumentException(describe() + ": cropping=" + SpatialArgs.toConfig(margins)
                        + " removes " + margins[i][0] + " + " + margins[i][1] + " positions of spatial axis " + i
                        + ", which has size " + len + " in the input of shape " + dev.airfoil.tensor.Shape.str(shape)
                        + "; the cropping of each axis must be smaller than its size: crop less or feed a larger input");
            }
        }
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
