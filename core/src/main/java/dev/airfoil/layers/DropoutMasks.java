package dev.airfoil.layers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Inverted-dropout masks shared by every layer that drops units (Dropout, attention weights,
 * recurrent dropout): each entry is {@code 1 / (1 - rate)} with probability {@code 1 - rate} and 0
 * otherwise, drawn from the layer's own seeded generator under its lock.
 */
public final class DropoutMasks {
    private DropoutMasks() {
    }

    /** A mask of the given shape and dtype (float32 is filled directly, other dtypes via float64). */
    public static Tensor inverted(SplittableRandom rng, int[] shape, double rate, DType dtype) {
        int n = Shape.size(shape);
        if (dtype == DType.FLOAT32) {
            float[] m = new float[n];
            float keep = (float) (1.0 / (1.0 - rate));
            synchronized (rng) {
                for (int i = 0; i < n; i++) {
                    m[i] = rng.nextDouble() >= rate ? keep : 0f;
                }
            }
            return Tensor.wrap(m, shape);
        }
        double[] m = new double[n];
        double keep = 1.0 / (1.0 - rate);
        synchronized (rng) {
            for (int i = 0; i < n; i++) {
                m[i] = rng.nextDouble() >= rate ? keep : 0;
            }
        }
        Tensor t = Tensor.wrap(m, shape);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }
}
