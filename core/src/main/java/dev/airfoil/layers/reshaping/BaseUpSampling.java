package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The common part of the up-sampling layers: repeats every position {@code size} times along each
 * spatial axis (nearest neighbour), or interpolates bilinearly ({@link UpSampling2D} only).
 */
public abstract class BaseUpSampling extends Layer {
    final int rank;
    final int[] size;
    final String dataFormat;
    final String interpolation;


    /** Keras's automatic name prefix ({@code conv2d}, {@code max_pooling2d}: no underscore before a dimension suffix). */
    @Override
    protected String defaultNamePrefix() {
        return dev.airfoil.layers.Names.spatialSnakeCase(className());
    }

    BaseUpSampling(int rank, int[] size, String dataFormat, String interpolation, String name) {
        super(name);
        String owner = getClass().getSimpleName();
        this.rank = rank;
        if (size.length != 1 && size.length != rank) {
            throw new IllegalArgumentException(owner + ": size must be an integer or " + rank + " integers");
        }
        this.size = new int[rank];
        for (int i = 0; i < rank; i++) {
            this.size[i] = size.length == 1 ? size[0] : size[i];
            if (this.size[i] <= 0) {
                throw new IllegalArgumentException(owner + ": size must be positive, got " + this.size[i]);
            }
        }
        this.dataFormat = SpatialArgs.format(dataFormat, owner);
        if (!interpolation.equals("nearest") && !(rank == 2 && interpolation.equals("bilinear"))) {
            throw new IllegalArgumentException(owner + ": interpolation must be 'nearest'"
                    + (rank == 2 ? " or 'bilinear'" : "") + ", got '" + interpolation + "'");
        }
        this.interpolation = interpolation;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), rank + 2, null);
        Tensor x = input;
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            int len = x.dim(a);
            if (interpolation.equals("bilinear")) {
                x = interpolate(x, a, len, size[i]);
            } else {
                int[] idx = new int[len * size[i]];
                for (int j = 0; j < idx.length; j++) {
                    idx[j] = j / size[i];
                }
                x = x.take(Tensor.ofInts(idx, idx.length), a);
            }
        }
        return x;
    }

    /** Linear interpolation along one axis with half-pixel centres and clamped edges (as {@code jax.image.resize}). */
    private static Tensor interpolate(Tensor x, int axis, int len, int factor) {
        int out = len * factor;
        double[] w = new double[out * len];
        for (int o = 0; o < out; o++) {
            double src = (o + 0.5) / factor - 0.5;
            int lo = (int) Math.floor(src);
            double t = src - lo;
            int a = Math.max(0, Math.min(len - 1, lo));
            int b = Math.max(0, Math.min(len - 1, lo + 1));
            w[o * len + a] += 1 - t;
            w[o * len + b] += t;
        }
        Tensor m = Tensor.of(w, out, len);
        if (x.dtype() != DType.FLOAT64) {
            m = m.cast(x.dtype());
        }
        // move the axis last, contract it with m^T, move it back
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0, k = 0; i < r; i++) {
            if (i != axis) {
                perm[k++] = i;
            }
        }
        perm[r - 1] = axis;
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            inverse[perm[i]] = i;
        }
        return x.permute(perm).matmul(m.transpose()).permute(inverse);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, rank + 2, null);
        int[] s = inputShape.clone();
        for (int i = 0; i < rank; i++) {
            int a = SpatialArgs.axis(i, dataFormat);
            s[a] = s[a] < 0 ? -1 : s[a] * size[i];
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        if (rank == 1) {
            m.put("size", size[0]);
            return m;
        }
        List<Object> l = new ArrayList<>();
        for (int v : size) {
            l.add(v);
        }
        m.put("size", l);
        m.put("data_format", dataFormat);
        if (rank == 2) {
            m.put("interpolation", interpolation);
        }
        return m;
    }
}
