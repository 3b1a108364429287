package dev.airfoil.autodiff;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.function.Function;

/**
 * Finite-difference gradient checking in double precision, with PyTorch's {@code gradcheck}
 * defaults: central differences with {@code eps = 1e-6}, {@code atol = 1e-5}, {@code rtol = 1e-3}.
 *
 * <p>The function's output is reduced to a scalar as {@code sum(f(x) * w)} with fixed random weights
 * {@code w}, so that every output element contributes with a different weight.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(in -> in[0].tanh().matmul(in[1]), a, b);
 * assertTrue(r.passed(), r.message());
 * }</pre>
 */
public final class GradCheck {
    /** PyTorch's default perturbation. */
    public static final double EPS = 1e-6;
    /** PyTorch's default absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** PyTorch's default relative tolerance. */
    public static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** The outcome of a check: whether it passed and, if not, where the worst mismatch was. */
    public record Result(boolean passed, String message, double maxAbsError) {
    }

    /** Checks with the default tolerances; inputs are converted to float64 copies. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, EPS, ATOL, RTOL, inputs);
    }

    /**
     * Checks the analytical gradient of every floating input against central differences.
     * Integer inputs (indices, labels) are passed through unchanged and not differentiated.
     */
    public static Result check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].dtype().isFloating() ? inputs[i].cast(DType.FLOAT64).detach().copy() : inputs[i];
        }
        Tensor probe;
        try (GradMode.Scope s = GradMode.noGrad()) {
            probe = f.apply(xs);
        }
        Tensor w = Tensor.randomUniform(1234, 0.5, 1.5, probe.shape()).cast(DType.FLOAT64);
        for (Tensor x : xs) {
            if (x.dtype().isFloating()) {
                x.requiresGrad(true);
            }
        }
        Tensor out = f.apply(xs);
        if (out.dtype() != DType.FLOAT64) {
            return new Result(false, "output dtype is " + out.dtype() + ", expected float64 for float64 inputs", Double.NaN);
        }
        out.mul(w).sum().backward();
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            Tensor x = xs[i];
            if (!x.dtype().isFloating()) {
                continue;
            }
            double[] analytic = x.grad() == null ? new double[x.size()] : x.grad().toDoubleArray();
            double[] data = x.doubleData();
            for (int j = 0; j < data.length; j++) {
                double orig = data[j];
                data[j] = orig + eps;
                double plus = weighted(f, xs, w);
                data[j] = orig - eps;
                double minus = weighted(f, xs, w);
                data[j] = orig;
                double numeric = (plus - minus) / (2 * eps);
                double err = Math.abs(analytic[j] - numeric);
                worst = Math.max(worst, err);
                if (!(err <= atol + rtol * Math.abs(numeric))) {
                    return new Result(false, "input " + i + " (shape " + Shape.str(x.shape()) + "), element " + j
                            + ": analytical " + analytic[j] + " vs numerical " + numeric, err);
                }
            }
        }
        return new Result(true, "ok", worst);
    }

    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] xs, Tensor w) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return f.apply(xs).mul(w).sum().item();
        }
    }
}
