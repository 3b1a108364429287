package dev.airfoil.metrics;

import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/**
 * The root of the (weighted) mean squared error over everything seen: {@code sqrt(mean((y_pred - y_true)^2))}.
 */
public class RootMeanSquaredError extends MeanMetricWrapper {
    /** Named {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() {
        this(null);
    }

    /** @param name the metric name (null for {@code "root_mean_squared_error"}) */
    public RootMeanSquaredError(String name) {
        super((t, p) -> {
            Tensor[] a = LossUtils.squeezeOrExpand(AccuracyFunctions.f64(t), AccuracyFunctions.f64(p));
            return a[1].sub(a[0]).square();
        }, name, "root_mean_squared_error");
    }

    @Override
    public Tensor result() {
        return Tensor.scalar(DType.FLOAT64, Math.sqrt(super.result().item()));
    }
}
