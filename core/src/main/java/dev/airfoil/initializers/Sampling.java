package dev.airfoil.initializers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Package-private: seeded samplers writing straight into float32 or float64 storage, so that a
 * float64 weight is not a widened float32 one. The same seed gives the same stream of doubles
 * whatever the dtype.
 */
final class Sampling {
    private Sampling() {
    }

    static void requireFloating(DType dtype, String initializer) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(initializer + " generates floating values only; got dtype " + dtype
                    + ". Request float32 or float64 (cast afterwards if integers are really wanted)");
        }
    }

    static int size(int[] shape, String initializer) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(initializer + ": every dimension of the shape must be known and "
                        + "non-negative, got " + Shape.str(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(initializer + ": shape " + Shape.str(shape) + " has too many elements");
        }
        return (int) n;
    }

    /** Wraps doubles as a tensor of {@code dtype} (float32 values are rounded once). */
    static Tensor wrap(double[] values, int[] shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return Tensor.wrap(values, shape.clone());
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.wrap(f, shape.clone());
    }

    /** Uniform values in {@code [min, max)}. */
    static double[] uniform(long seed, double min, double max, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = min + (max - min) * rng.nextDouble();
        }
        return r;
    }

    /**
     * Normal values; when {@code truncated}, standard draws beyond two standard deviations are
     * discarded and redrawn (Keras's {@code truncated_normal}).
     */
    static double[] normal(long seed, double mean, double stddev, boolean truncated, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            // Box-Muller: two independent standard normals per pair of uniforms.
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log1p(-u1));
            double z0 = radius * Math.cos(2 * Math.PI * u2);
            double z1 = radius * Math.sin(2 * Math.PI * u2);
            if (!truncated || Math.abs(z0) <= 2.0) {
                r[i++] = mean + stddev * z0;
            }
            if (i < n && (!truncated || Math.abs(z1) <= 2.0)) {
                r[i++] = mean + stddev * z1;
            }
        }
        return r;
    }
}
