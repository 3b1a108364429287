package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.losses.Loss;
import dev.airfoil.tensor.Tensor;

import java.util.function.BiFunction;

/**
 * A {@link Mean} of a per-sample function of {@code (y_true, y_pred)}: each batch's values
 * {@code fn(y_true, y_pred)} (one per sample, or more, averaged per sample) are accumulated with the
 * sample weights.
 *
 * <pre>{@code
 * Metric sq = new MeanMetricWrapper((t, p) -> t.sub(p).square().mean(-1), "my_mse");
 * Metric fromLoss = MeanMetricWrapper.of(new dev.airfoil.losses.Huber(2.0), "huber");
 * }</pre>
 *
 * <p>Config: {@code name}, {@code dtype}. A wrapped lambda cannot be serialized; the named subclasses
 * ({@link BinaryAccuracy}, {@link MeanSquaredError}, ...) can.
 */
public class MeanMetricWrapper extends Mean {
    private final BiFunction<Tensor, Tensor, Tensor> fn;
    private final Loss loss;

    /**
     * @param fn   the per-sample function
     * @param name the metric name
     */
    public MeanMetricWrapper(BiFunction<Tensor, Tensor, Tensor> fn, String name) {
        this(fn, name, "mean_metric_wrapper");
    }

    /** For subclasses: the function, the name and the default name. */
    protected MeanMetricWrapper(BiFunction<Tensor, Tensor, Tensor> fn, String name, String defaultName) {
        super(name, defaultName);
        this.fn = fn;
        this.loss = null;
    }

    /** For subclasses wrapping a loss's per-sample values (and its mask, e.g. {@code ignore_class}). */
    protected MeanMetricWrapper(Loss loss, String name, String defaultName) {
        super(name, defaultName);
        this.fn = loss::call;
        this.loss = loss;
    }

    /** A metric averaging a loss's per-sample values. */
    public static MeanMetricWrapper of(Loss loss, String name) {
        return new MeanMetricWrapper(loss, name, loss.name());
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor values;
            Tensor mask = null;
            if (loss != null) {
                Loss.Masked m = loss.callMasked(yTrue, yPred);
                values = m.values();
                mask = m.mask();
            } else {
                values = fn.apply(yTrue, yPred);
            }
            MetricUtils.Samplewise r = MetricUtils.reduceToSamplewise(values, sampleWeight, mask, false);
            total += r.values().sum().item();
            if (r.weights() != null) {
                count += r.weights().sum().item();
            } else {
                count += r.values().rank() >= 1 ? r.values().dim(0) : 1;
            }
        }
    }
}
