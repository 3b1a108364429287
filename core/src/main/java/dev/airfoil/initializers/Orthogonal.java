package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;

import java.util.Map;

/**
 * Initializer that generates an orthogonal matrix (Saxe et al., 2014).
 *
 * <p>The weight is viewed as a matrix of {@code rows = shape[0] * ... * shape[n-2]} and
 * {@code cols = shape[n-1]}. A {@code (max(rows, cols), min(rows, cols))} matrix of standard
 * normal values is factored as {@code QR}; the columns of {@code Q} are multiplied by the signs of
 * {@code diag(R)} (making the result uniformly distributed), {@code Q} is transposed when
 * {@code rows < cols}, reshaped to the weight shape and multiplied by {@code gain}. So the columns
 * (or, for a wide matrix, the rows) are orthonormal up to {@code gain}. It is Keras's default
 * recurrent kernel initializer for {@code LSTM} and {@code GRU}.
 *
 * <p>Arguments: {@code gain} (default 1), {@code seed}. Keras names: {@code "Orthogonal"},
 * {@code "orthogonal"}, {@code "OrthogonalInitializer"}.
 *
 * <pre>{@code
 * Tensor w = new Orthogonal(1.0, 42L).generate(4, 4);   // w^T w = I
 * }</pre>
 */
public final class Orthogonal extends RandomInitializer {
    private final double gain;

    /** Keras's defaults: gain 1, no seed. */
    public Orthogonal() {
        this(1.0, null);
    }

    /** @param gain multiplicative factor; @param seed seed or null */
    public Orthogonal(double gain, Long seed) {
        super(seed);
        this.gain = gain;
    }

    static Orthogonal fromConfig(ConfigMap c) {
        return new Orthogonal(c.getDouble("gain", 1.0), seedOf(c));
    }

    @Override
    protected double[] sample(int[] shape, int n, long seed) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Orthogonal: the tensor to initialize must be at least two-dimensional, "
                    + "got shape " + Shape.str(shape) + " of rank " + shape.length);
        }
        int cols = shape[shape.length - 1];
        int rows = cols == 0 ? 0 : n / cols;
        int m = Math.max(rows, cols);
        int k = Math.min(rows, cols);
        double[] a = Sampling.normal(seed, 0.0, 1.0, false, m * k);
        double[] q = Householder.orthonormalColumns(a, m, k);
        double[] out = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // rows >= cols: out = Q (m x k); rows < cols: out = Q^T.
                double v = rows >= cols ? q[i * k + j] : q[j * k + i];
                out[i * cols + j] = gain * v;
            }
        }
        return out;
    }

    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return ConfigMap.of("gain", gain);
    }
}
