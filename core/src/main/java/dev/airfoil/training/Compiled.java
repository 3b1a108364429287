package dev.airfoil.training;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Variable;
import dev.airfoil.losses.Loss;
import dev.airfoil.losses.Losses;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.metrics.MeanMetricWrapper;
import dev.airfoil.metrics.Metric;
import dev.airfoil.metrics.Metrics;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's compile state: the optimizer, one loss and weight per output, the metrics per output,
 * and the trackers that average the loss over an epoch. It computes the training and test steps
 * and names the logs as Keras does ({@code loss}, {@code accuracy}; with several outputs
 * {@code main_output_loss}, {@code main_output_accuracy}).
 */
public final class Compiled {
    private final Optimizer optimizer;
    private final List<String> outputNames;
    private final Loss[] losses;
    private final double[] lossWeights;
    private final List<List<Object>> metricSpecs;
    private final List<List<Object>> weightedMetricSpecs;
    private List<List<Metric>> metrics;
    private List<List<Metric>> weightedMetrics;
    private final MeanTracker lossTracker = new MeanTracker();
    private final MeanTracker[] outputLossTrackers;

    /** The compile state for a model with these output names. */
    public static Compiled of(CompileOptions o, List<String> outputNames) {
        return new Compiled(o, outputNames);
    }

    private Compiled(CompileOptions o, List<String> outputNames) {
        this.optimizer = Optimizers.get(o.optimizer);
        this.outputNames = List.copyOf(outputNames);
        int n = outputNames.size();
        this.losses = new Loss[n];
        this.lossWeights = new double[n];
        this.outputLossTrackers = new MeanTracker[n];
        for (int i = 0; i < n; i++) {
            Object spec = perOutput(o.loss, i, "loss");
            losses[i] = spec == null ? null : Losses.get(spec);
            Object w = o.lossWeights == null ? null : perOutput(o.lossWeights, i, "loss_weights");
            lossWeights[i] = w == null ? 1.0 : ((Number) w).doubleValue();
            outputLossTrackers[i] = new MeanTracker();
        }
        boolean any = false;
        for (Loss l : losses) {
            any |= l != null;
        }
        if (!any) {
            throw new IllegalArgumentException("compile: no loss given; pass e.g. loss(\"mse\") or one loss per output "
                    + outputNames);
        }
        this.metricSpecs = specsPerOutput(o.metrics, "metrics");
        this.weightedMetricSpecs = specsPerOutput(o.weightedMetrics, "weighted_metrics");
    }

    /** Metric specs per output from a list (single output), a list of lists by position, or a map by name. */
    private List<List<Object>> specsPerOutput(Object metricsSpec, String what) {
        int n = outputNames.size();
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object m = metricsSpec instanceof Map || (metricsSpec instanceof List && n > 1 && !((List<?>) metricsSpec).isEmpty()
                    && ((List<?>) metricsSpec).get(0) instanceof List) ? perOutput(metricsSpec, i, what) : metricsSpec;
            List<Object> specs = new ArrayList<>();
            if (m instanceof List) {
                specs.addAll((List<?>) m);
            } else if (m != null) {
                specs.add(m);
            }
            out.add(specs);
        }
        return out;
    }

    private Object perOutput(Object spec, int i, String what) {
        if (spec instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) spec;
            for (Object k : m.keySet()) {
                if (!outputNames.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException("compile: " + what + " names output '" + k
                            + "', but the model's outputs are " + outputNames);
                }
            }
            return m.get(outputNames.get(i));
        }
        if (spec instanceof List && !(spec instanceof String)) {
            List<?> l = (List<?>) spec;
            if (l.size() != outputNames.size()) {
                throw new IllegalArgumentException("compile: " + what + " is a list of " + l.size()
                        + " entries but the model has " + outputNames.size() + " outputs " + outputNames);
            }
            return l.get(i);
        }
        return spec;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of each output (null where the output has none). */
    public List<Loss> losses() {
        return java.util.Arrays.asList(losses.clone());
    }

    /**
     * Whether every loss and metric is one of Airfoil's own (given by name or as an Airfoil object): a
     * user's loss or metric could keep a batch's predictions past the step, so a step reuses its
     * arrays ({@code BatchBuffers}) only when none is.
     */
    public boolean builtinOnly() {
        for (Loss l : losses) {
            if (l != null && !ownClass(l)) {
                return false;
            }
        }
        for (List<List<Object>> specs : List.of(metricSpecs, weightedMetricSpecs)) {
            for (List<Object> perOutput : specs) {
                for (Object m : perOutput) {
                    if (!(m instanceof String) && !ownClass(m)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean ownClass(Object o) {
        String n = o.getClass().getName();
        return n.startsWith("dev.airfoil.losses.") || n.startsWith("dev.airfoil.metrics.");
    }

    /** Creates the metric objects once the shapes of the first batch are known. */
    private void ensureMetrics(List<Tensor> ys, List<Tensor> preds) {
        if (metrics != null) {
            return;
        }
        metrics = resolveMetrics(metricSpecs, ys, preds);
        weightedMetrics = resolveMetrics(weightedMetricSpecs, ys, preds);
    }

    private List<List<Metric>> resolveMetrics(List<List<Object>> specs, List<Tensor> ys, List<Tensor> preds) {
        List<List<Metric>> out = new ArrayList<>();
        for (int i = 0; i < outputNames.size(); i++) {
            List<Metric> ms = new ArrayList<>();
            for (Object spec : specs.get(i)) {
                ms.add(resolveMetric(spec, i, ys.get(i), preds.get(i)));
            }
            out.add(ms);
        }
        return out;
    }

    private Metric resolveMetric(Object spec, int output, Tensor y, Tensor pred) {
        if (spec instanceof String) {
            String s = (String) spec;
            if (s.equals("accuracy") || s.equals("acc")) {
                return Metrics.resolveAccuracy(s, losses[output], y.shape(), pred.shape());
            }
            // a metric given by string keeps that string as its name in the logs ("mae", "val_mae"), as in Keras
            return Metrics.get(java.util.Map.of("class_name", s, "config", java.util.Map.of("name", s)));
        }
        return Metrics.get(spec);
    }

    /** The weighted metrics in use, per output (empty until the first batch). */
    public List<List<Metric>> weightedMetrics() {
        return weightedMetrics == null ? List.of() : weightedMetrics;
    }

    /** The metrics in use, per output (empty until the first batch). */
    public List<List<Metric>> metrics() {
        return metrics == null ? List.of() : metrics;
    }

    /**
     * The total loss of a batch: the weighted per-output losses plus regularization losses.
     * Updates the loss trackers with the batch size as weight.
     */
    public Tensor computeLoss(List<Tensor> ys, List<Tensor> preds, Tensor sampleWeight, List<Tensor> regularization) {
        return computeLoss(ys, preds, sampleWeight, regularization, null);
    }

    /**
     * {@link #computeLoss(List, List, Tensor, List)} with the masks the predictions carry (one per
     * output, null entries or a null list for none): as in Keras 3, an output's mask weights its loss
     * (the mean over the kept positions, combined with any sample weights).
     */
    public Tensor computeLoss(List<Tensor> ys, List<Tensor> preds, Tensor sampleWeight, List<Tensor> regularization,
                              List<Tensor> predMasks) {
        if (ys.size() != preds.size()) {
            throw new IllegalArgumentException("The model has " + preds.size() + " outputs " + outputNames
                    + " but " + ys.size() + " targets were given; pass one y per output (a list or a map by name)");
        }
        int batch = preds.get(0).shape()[0];
        Tensor total = null;
        for (int i = 0; i < preds.size(); i++) {
            if (losses[i] == null) {
                continue;
            }
            Tensor y = ys.get(i);
            Tensor p = preds.get(i);
            Tensor li;
            try {
                li = losses[i].compute(y, p, sampleWeight, predMasks == null || predMasks.size() <= i ? null : predMasks.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Output '" + outputNames.get(i) + "' (prediction shape "
                        + Shape.str(p.shape()) + ", target shape " + Shape.str(y.shape()) + "): " + e.getMessage(), e);
            }
            outputLossTrackers[i].update(li.item(), batch);
            Tensor weighted = lossWeights[i] == 1.0 ? li : li.mul(lossWeights[i]);
            total = total == null ? weighted : total.add(weighted);
        }
        for (Tensor r : regularization) {
            total = total.add(r.cast(total.dtype()));
        }
        lossTracker.update(total.item(), batch);
        return total;
    }

    /**
     * Updates the compiled metrics with a batch (no autodiff). As in Keras, metrics given to
     * {@code compile(metrics=...)} are unweighted (sample and class weights affect the loss and the
     * {@code weighted_metrics} only).
     */
    public void updateMetrics(List<Tensor> ys, List<Tensor> preds, Tensor sampleWeight) {
        updateMetrics(ys, preds, sampleWeight, null);
    }

    /**
     * {@link #updateMetrics(List, List, Tensor)} with the masks the predictions carry: as in Keras 3,
     * a mean metric ({@link MeanMetricWrapper}, e.g. accuracy) counts only the kept positions.
     */
    public void updateMetrics(List<Tensor> ys, List<Tensor> preds, Tensor sampleWeight, List<Tensor> predMasks) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            List<Tensor> detached = preds.stream().map(Tensor::detach).toList();
            ensureMetrics(ys, detached);
            for (int i = 0; i < metrics.size(); i++) {
                Tensor mask = predMasks == null || predMasks.size() <= i ? null : predMasks.get(i);
                Tensor maskWeight = mask == null ? null : Masks.asFloat(mask);
                for (Metric m : metrics.get(i)) {
                    m.updateState(ys.get(i), detached.get(i), m instanceof MeanMetricWrapper ? maskWeight : null);
                }
                for (Metric m : weightedMetrics.get(i)) {
                    m.updateState(ys.get(i), detached.get(i), m instanceof MeanMetricWrapper
                            ? withMask(sampleWeight, maskWeight) : sampleWeight);
                }
            }
        }
    }

    /** Sample weights times a prediction mask (Keras's {@code apply_mask} with reduction "sum"), either possibly null. */
    private static Tensor withMask(Tensor sampleWeight, Tensor maskWeight) {
        if (maskWeight == null || sampleWeight == null) {
            return maskWeight == null ? sampleWeight : maskWeight;
        }
        Tensor[] p = dev.airfoil.losses.LossUtils.squeezeOrExpand(maskWeight, sampleWeight.cast(maskWeight.dtype()));
        return p[1].mul(p[0]);
    }

    /** One optimizer step on the trainable variables' gradients, then clears the gradients (keeping their arrays for the next step, {@link Tensor#recycleGrad()}). */
    public void applyGradients(List<Variable> trainable) {
        List<Variable> vars = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        for (Variable v : trainable) {
            vars.add(v);
            Tensor g = v.grad();
            grads.add(g == null ? Tensor.zerosLike(v.value()) : g);
        }
        optimizer.applyGradients(vars, grads);
        for (Variable v : trainable) {
            // cleared, with the arrays kept for the next step's backward pass to overwrite
            v.value().recycleGrad();
        }
    }

    /** The current logs: {@code loss}, per-output losses (several outputs), then the metrics, sorted like Keras's. */
    public Map<String, Double> results() {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossTracker.result());
        boolean multi = outputNames.size() > 1;
        if (multi) {
            for (int i = 0; i < outputNames.size(); i++) {
                if (losses[i] != null) {
                    logs.put(outputNames.get(i) + "_loss", outputLossTrackers[i].result());
                }
            }
        }
        if (metrics != null) {
            // Keras's names: a repeated name gets _1, _2...; a weighted metric whose name a plain one
            // has already is weighted_<name>
            Map<String, Integer> used = new java.util.HashMap<>();
            for (int i = 0; i < metrics.size(); i++) {
                for (Metric m : metrics.get(i)) {
                    logs.put(unique(prefix(multi, i) + m.name(), used), m.resultValue());
                }
            }
            for (int i = 0; i < weightedMetrics.size(); i++) {
                for (Metric m : weightedMetrics.get(i)) {
                    String name = prefix(multi, i) + m.name();
                    logs.put(used.containsKey(name) ? unique(prefix(multi, i) + "weighted_" + m.name(), used)
                            : unique(name, used), m.resultValue());
                }
            }
        }
        return new LinkedHashMap<>(logs);
    }

    private String prefix(boolean multi, int output) {
        return multi ? outputNames.get(output) + "_" : "";
    }

    /** {@code name}, or {@code name_1}, {@code name_2}... when used before (Keras's unique_name_counters). */
    private static String unique(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        used.put(name, n == null ? 1 : n + 1);
        return n == null ? name : name + "_" + n;
    }

    /** Resets the loss trackers and metrics (start of an epoch or evaluation). */
    public void resetState() {
        lossTracker.reset();
        for (MeanTracker t : outputLossTrackers) {
            t.reset();
        }
        if (metrics != null) {
            metrics.forEach(ms -> ms.forEach(Metric::resetState));
            weightedMetrics.forEach(ms -> ms.forEach(Metric::resetState));
        }
    }

    /** A weighted running mean in double precision. */
    static final class MeanTracker {
        private double sum;
        private double weight;

        void update(double value, double w) {
            sum += value * w;
            weight += w;
        }

        double result() {
            return weight == 0 ? 0 : sum / weight;
        }

        void reset() {
            sum = 0;
            weight = 0;
        }
    }
}
