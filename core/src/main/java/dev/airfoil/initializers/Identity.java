package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Initializer that generates the identity matrix {@code gain * eye(rows, cols)}; only for 2-D
 * shapes (a rectangular shape gets ones on the main diagonal).
 *
 * <p>Arguments: {@code gain} (default 1). Keras names: {@code "Identity"}, {@code "identity"},
 * {@code "IdentityInitializer"}. Keras 3.15.1 omits {@code gain} from its config (so a Keras
 * round trip resets it to 1); Airfoil writes it, and a Keras config without it loads as gain 1.
 *
 * <pre>{@code
 * Tensor w = new Identity(2.0).generate(3, 3);
 * }</pre>
 */
public final class Identity implements Initializer {
    private final double gain;

    /** Keras's default: gain 1. */
    public Identity() {
        this(1.0);
    }

    /** @param gain multiplicative factor */
    public Identity(double gain) {
        this.gain = gain;
    }

    static Identity fromConfig(ConfigMap c) {
        return new Identity(c.getDouble("gain", 1.0));
    }

    @Override
    public Tensor generate(int[] shape, DType dtype) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("Identity matrix initializer can only be used for 2D matrices, got shape "
                    + Shape.str(shape) + " of rank " + shape.length);
        }
        Sampling.size(shape, "Identity");
        double[] v = new double[shape[0] * shape[1]];
        for (int i = 0; i < Math.min(shape[0], shape[1]); i++) {
            v[i * shape[1] + i] = gain;
        }
        return Tensor.of(v, shape.clone()).cast(dtype);
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("gain", gain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity && Double.compare(((Identity) o).gain, gain) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(gain);
    }

    @Override
    public String toString() {
        return "Identity" + getConfig();
    }
}
