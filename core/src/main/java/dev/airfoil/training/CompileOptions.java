package dev.airfoil.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code model.compile(...)} with Keras's names: an optimizer, a loss (one for
 * all outputs, a list by output position, or a map by output name), optional loss weights and
 * metrics (a list for a single output, or a map from output name to a list), and weighted metrics
 * (the same forms; Keras's {@code weighted_metrics}: these see the sample and class weights, the
 * plain metrics do not). Strings resolve
 * through the registries ({@code "adam"}, {@code "sparse_categorical_crossentropy"},
 * {@code "accuracy"}).
 *
 * <pre>{@code
 * model.compile(CompileOptions.builder().optimizer("adam").loss("sparse_categorical_crossentropy")
 *         .metrics("accuracy").build());
 * }</pre>
 */
public final class CompileOptions {
    final Object optimizer;
    final Object loss;
    final Object lossWeights;
    final Object metrics;
    final Object weightedMetrics;

    private CompileOptions(Builder b) {
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.lossWeights = b.lossWeights;
        this.metrics = b.metrics;
        this.weightedMetrics = b.weightedMetrics;
    }

    /** The optimizer: a name, a serialised map or an instance. */
    public Object optimizer() {
        return optimizer;
    }

    /** The loss: a name, a serialised map, an instance, or a list / map of them per output. */
    public Object loss() {
        return loss;
    }

    /** The loss weights (a list or a map by output name), or null. */
    public Object lossWeights() {
        return lossWeights;
    }

    /** The metrics: a list for a single output, or per output (a list of lists or a map). */
    public Object metrics() {
        return metrics;
    }

    /** The weighted metrics (same forms as {@link #metrics()}), or null for none. */
    public Object weightedMetrics() {
        return weightedMetrics;
    }

    /**
     * The options a Keras {@code compile_config} describes ({@code optimizer}, {@code loss},
     * {@code loss_weights}, {@code metrics}, {@code weighted_metrics}; the other keys, such as
     * {@code jit_compile}, do not apply to Airfoil and are ignored), as Keras's
     * {@code model.compile_from_config} reads it. A missing optimizer is Keras's default, rmsprop.
     *
     * @param config the {@code compile_config} object of a model file
     * @return the options, not yet checked against a model (see {@code Model.compile})
     */
    public static CompileOptions fromConfig(Map<String, Object> config) {
        Builder b = builder();
        if (config.get("optimizer") != null) {
            b.optimizer(config.get("optimizer"));
        }
        b.loss(config.get("loss"));
        if (config.get("loss_weights") != null) {
            b.lossWeights(config.get("loss_weights"));
        }
        if (config.get("metrics") != null) {
            b.metricsPerOutput(config.get("metrics"));
        }
        if (config.get("weighted_metrics") != null) {
            b.weightedMetricsPerOutput(config.get("weighted_metrics"));
        }
        return b.build();
    }

    /** A builder; the optimizer defaults to {@code "rmsprop"} as in Keras. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link CompileOptions}. */
    public static final class Builder {
        private Object optimizer = "rmsprop";
        private Object loss;
        private Object lossWeights;
        private Object metrics = new ArrayList<>();
        private Object weightedMetrics;

        /** An optimizer name or instance. */
        public Builder optimizer(Object o) {
            this.optimizer = o;
            return this;
        }

        /** A loss name or instance, a list by output position, or a map by output name. */
        public Builder loss(Object l) {
            this.loss = l;
            return this;
        }

        /** Loss weights: a list by output position or a map by output name. */
        public Builder lossWeights(Object w) {
            this.lossWeights = w;
            return this;
        }

        /** Metrics for a single-output model (names or instances). */
        public Builder metrics(Object... m) {
            this.metrics = new ArrayList<>(List.of(m));
            return this;
        }

        /** Metrics per output: a list of lists by position, or a map from output name to metrics. */
        public Builder metricsPerOutput(Object perOutput) {
            this.metrics = perOutput;
            return this;
        }

        /**
         * Keras's {@code weighted_metrics} for a single-output model: metrics updated with the sample
         * (and class) weights of each batch. In the logs a weighted metric keeps its name unless a plain
         * metric has it already; then it is {@code weighted_} + name.
         */
        public Builder weightedMetrics(Object... m) {
            this.weightedMetrics = new ArrayList<>(List.of(m));
            return this;
        }

        /** Weighted metrics per output: a list of lists by position, or a map from output name to metrics. */
        public Builder weightedMetricsPerOutput(Object perOutput) {
            this.weightedMetrics = perOutput;
            return this;
        }

        /** The options. */
        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }

    static Map<String, Object> copy(Map<String, Object> m) {
        return new LinkedHashMap<>(m);
    }
}
