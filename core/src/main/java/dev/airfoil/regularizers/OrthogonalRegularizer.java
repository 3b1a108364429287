package dev.airfoil.regularizers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Regularizer that encourages the rows ({@code mode = "rows"}) or columns ({@code "columns"}) of
 * a matrix to be orthogonal to each other.
 *
 * <p>The vectors are L2-normalised ({@code v * min(1 / ||v||, 1 / epsilon)}, {@code epsilon = 1e-7},
 * as Keras's {@code normalize}); with {@code P} their matrix of dot products and {@code n} their
 * number, the penalty is {@code factor * 0.5 * sum(|P - diag(P)|) / (n (n - 1) / 2)}, i.e.
 * {@code factor} times the mean absolute cosine between distinct vectors. Only for rank-2 weights.
 *
 * <p>Arguments: {@code factor} (non-negative, default 0.01), {@code mode} (default
 * {@code "rows"}). Keras names: {@code "OrthogonalRegularizer"}, {@code "orthogonal_regularizer"}.
 *
 * <pre>{@code
 * Regularizer r = new OrthogonalRegularizer(0.01, "rows");
 * }</pre>
 */
public final class OrthogonalRegularizer implements Regularizer {
    /** Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    private final double factor;
    private final String mode;

    /** Keras's defaults: factor 0.01, rows. */
    public OrthogonalRegularizer() {
        this(0.01, "rows");
    }

    /** @param factor the penalty factor, non-negative; @param mode {@code "rows"} or {@code "columns"} */
    public OrthogonalRegularizer(double factor, String mode) {
        this.factor = Penalties.nonNegative(factor, "factor", "OrthogonalRegularizer");
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("OrthogonalRegularizer: invalid value for argument 'mode'; expected "
                    + "one of {\"rows\", \"columns\"}, got mode=" + mode);
        }
        this.mode = mode;
    }

    static OrthogonalRegularizer fromConfig(ConfigMap c) {
        return new OrthogonalRegularizer(c.getDouble("factor", 0.01), c.getString("mode", "rows"));
    }

    @Override
    public Tensor apply(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2, got shape "
                    + Shape.str(x.shape()));
        }
        boolean rows = mode.equals("rows");
        int axis = rows ? 1 : 0;
        Tensor inv = x.square().sum(new int[] {axis}, true).sqrt().reciprocal().minimum(1.0 / EPSILON);
        Tensor v = x.mul(inv);
        Tensor product = rows ? v.matmul(v.transpose()) : v.transpose().matmul(v);
        int size = product.dim(0);
        Tensor offDiagonal = product.mul(Tensor.eye(x.dtype(), size, size).neg().add(1.0));
        double pairs = size * (size - 1.0) / 2.0;
        return offDiagonal.abs().sum().mul(factor * 0.5 / pairs);
    }

    @Override
    public String className() {
        return "OrthogonalRegularizer";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("factor", factor, "mode", mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalRegularizer && ((OrthogonalRegularizer) o).getConfig().equals(getConfig());
    }

    @Override
    public int hashCode() {
        return getConfig().hashCode();
    }

    @Override
    public String toString() {
        return "OrthogonalRegularizer" + getConfig();
    }
}
