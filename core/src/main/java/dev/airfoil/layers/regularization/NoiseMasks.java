package dev.airfoil.layers.regularization;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Package-private: random tensors for the noise and dropout layers, drawn from a layer's own seeded generator. */
final class NoiseMasks {
    private NoiseMasks() {
    }

    /** A tensor of the given shape and dtype filled by {@code draw} under the generator's lock. */
    static Tensor fill(SplittableRandom rng, int[] shape, DType dtype, DoubleSupplier draw) {
        double[] v = new double[Shape.size(shape)];
        synchronized (rng) {
            for (int i = 0; i < v.length; i++) {
                v[i] = draw.getAsDouble();
            }
        }
        Tensor t = Tensor.of(v, shape);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }
}
