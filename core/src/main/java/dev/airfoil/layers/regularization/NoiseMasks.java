package dev.airfoil.layers.regularization;

import dev.airfoil.layers.LayerRandom;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;
import java.util.function.DoubleSupplier;

/** Package-private: random tensors for the noise and dropout layers, drawn from a layer's own seeded generator. */
final class NoiseMasks {
    private NoiseMasks() {
    }

    /** A tensor of the given shape and dtype filled by {@code draw} under the generator's lock. */
    static Tensor fill(LayerRandom rng, int[] shape, DType dtype, DoubleSupplier draw) {
        double[] v = new double[Shape.size(shape)];
        synchronized (rng) {
            for (int i = 0; i < v.length; i++) {
                v[i] = draw.getAsDouble();
            }
        }
        Tensor t = Tensor.of(v, shape);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }

    /** The shape of a dropout mask: the input's, with each positive entry of {@code noiseShape} (if given) in its place. */
    static int[] maskShape(int[] inputShape, int[] noiseShape) {
        int[] ms = inputShape.clone();
        if (noiseShape != null) {
            for (int i = 0; i < ms.length && i < noiseShape.length; i++) {
                if (noiseShape[i] > 0) {
                    ms[i] = noiseShape[i];
                }
            }
        }
        return ms;
    }

    /** Adds Keras's {@code rate}, {@code seed} and {@code noise_shape} of a dropout layer to its config. */
    static void putDropoutConfig(Map<String, Object> m, double rate, Long seed, int[] noiseShape) {
        m.put("rate", rate);
        m.put("seed", seed);
        m.put("noise_shape", noiseShape == null ? null : ConfigMap.shapeList(noiseShape));
    }
}
