package dev.airfoil.layers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;


/**
 * Inverted-dropout masks shared by every layer that drops units (Dropout, attention weights,
 * recurrent dropout): each entry is {@code 1 / (1 - rate)} with probability {@code 1 - rate} and 0
 * otherwise, drawn from the layer's own seeded generator under its lock.
 */
public final class DropoutMasks {
    private DropoutMasks() {
    }

    /** A mask of the given shape and dtype (float32 is filled directly, other dtypes via float64). */
    public static Tensor inverted(LayerRandom rng, int[] shape, double rate, DType dtype) {
        int n = Shape.size(shape);
        // The draw of rng.nextDouble() >= rate, decided on the 53 random bits nextDouble scales
        // (bits · 2⁻⁵³ >= rate ⟺ bits >= ceil(rate · 2⁵³)) without a branch: which units drop is
        // random, so a branch per element mispredicted about half the time. Same masks as before.
        long threshold = (long) Math.ceil(rate * 0x1.0p53);
        if (dtype == DType.FLOAT32) {
            float[] m = new float[n];
            // keep or +0 by masking keep's bits (keep · 0 would be NaN for rate 1, where keep is infinite)
            int keepBits = Float.floatToRawIntBits((float) (1.0 / (1.0 - rate)));
            synchronized (rng) {
                for (int i = 0; i < n; i++) {
                    m[i] = Float.intBitsToFloat(keepBits & -kept(rng, threshold));
                }
            }
            return Tensor.wrap(m, shape);
        }
        double[] m = new double[n];
        long keepBits = Double.doubleToRawLongBits(1.0 / (1.0 - rate));
        synchronized (rng) {
            for (int i = 0; i < n; i++) {
                m[i] = Double.longBitsToDouble(keepBits & -(long) kept(rng, threshold));
            }
        }
        Tensor t = Tensor.wrap(m, shape);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }

    /** 1 when the next draw keeps the unit ({@code rng.nextDouble() >= rate}), else 0. */
    private static int kept(LayerRandom rng, long threshold) {
        long bits = rng.nextLong() >>> 11;
        return (int) ((threshold - 1 - bits) >>> 63);
    }
}
