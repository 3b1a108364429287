package dev.airfoil.spark;

import dev.airfoil.losses.Loss;
import dev.airfoil.metrics.Mean;
import dev.airfoil.metrics.Metric;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.Compiled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled model's running logs (Keras's {@code loss}, {@code <output>_loss} and metrics) as a
 * vector of sums that adds up across replicas or partitions, and the logs of the summed vector
 * (package-private; used by {@link ReplicaTask} and {@link SparkEvaluation#evaluate}).
 *
 * <p>Layout: the number of examples, each loss log times that number (the loss trackers weight
 * every batch by its size, as Keras's do), then {@code total} and {@code count} of every compiled
 * metric, output by output, plain metrics before weighted ones. Metrics merge exactly when they are
 * means ({@link Mean}: accuracy, mae, crossentropy, ...; their state is a sum and a count, as a
 * Keras metric's variables are summed over replicas); other metrics (AUC, precision, R², ...) keep
 * state this class cannot rebuild, so their logs are left out ({@link #mergeableMetrics}).
 */
final class LogSums {
    private LogSums() {
    }

    /**
     * The log keys of the model's losses, as {@code Compiled.results()} names them: {@code loss}, and
     * with several outputs {@code <output>_loss} for every output that has a loss.
     */
    static List<String> lossKeys(Model m) {
        List<String> keys = new ArrayList<>();
        keys.add("loss");
        List<String> outs = m.outputNames();
        List<Loss> losses = m.compiled().losses();
        if (outs.size() > 1) {
            for (int i = 0; i < outs.size(); i++) {
                if (losses.get(i) != null) {
                    keys.add(outs.get(i) + "_loss");
                }
            }
        }
        return keys;
    }

    /**
     * The compiled metrics in layout order when every one of them is a mean, else null (also empty
     * before the first batch has created them).
     */
    static List<Mean> mergeableMetrics(Compiled c) {
        List<Mean> out = new ArrayList<>();
        for (List<List<Metric>> group : List.of(c.metrics(), c.weightedMetrics())) {
            for (List<Metric> perOutput : group) {
                for (Metric metric : perOutput) {
                    if (!(metric instanceof Mean mean)) {
                        return null;
                    }
                    out.add(mean);
                }
            }
        }
        return out;
    }

    /**
     * The metrics that cannot be merged, described for messages ({@code "auc (AUC) of output 'a'"}).
     */
    static List<String> unmergeable(Model m) {
        Compiled c = m.compiled();
        List<String> out = new ArrayList<>();
        List<String> outs = m.outputNames();
        for (List<List<Metric>> group : List.of(c.metrics(), c.weightedMetrics())) {
            for (int i = 0; i < group.size(); i++) {
                for (Metric metric : group.get(i)) {
                    if (!(metric instanceof Mean)) {
                        out.add("'" + metric.name() + "' (" + metric.className() + ") of output '" + outs.get(i) + "'");
                    }
                }
            }
        }
        return out;
    }

    /**
     * The sums of a model's logs since its compile state was last reset.
     *
     * @param m    the model
     * @param rows the examples its loss trackers have seen
     * @return the vector to add up
     */
    static double[] of(Model m, double rows) {
        Map<String, Double> logs = m.compiled().results();
        List<String> keys = lossKeys(m);
        List<Mean> metrics = mergeableMetrics(m.compiled());
        int k = metrics == null ? 0 : metrics.size();
        double[] out = new double[1 + keys.size() + 2 * k];
        out[0] = rows;
        for (int i = 0; i < keys.size(); i++) {
            out[1 + i] = rows == 0 ? 0 : logs.get(keys.get(i)) * rows;
        }
        for (int j = 0; j < k; j++) {
            Map<String, double[]> v = metrics.get(j).variables();
            out[1 + keys.size() + 2 * j] = v.get("total")[0];
            out[2 + keys.size() + 2 * j] = v.get("count")[0];
        }
        return out;
    }

    /**
     * The logs of summed vectors: each loss log is its sum over the examples; each mean metric is
     * set to the summed state and read. Changes the state of the model's metrics.
     *
     * @param m    a model with the same compile state as those that made the vectors
     * @param sums the element-wise sum of {@link #of} vectors
     * @return the logs in {@code Compiled.results()} order (only the losses when a metric cannot be merged)
     */
    static LinkedHashMap<String, Double> merged(Model m, double[] sums) {
        List<String> keys = lossKeys(m);
        List<Mean> metrics = mergeableMetrics(m.compiled());
        double rows = sums[0];
        Map<String, Double> loss = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            loss.put(keys.get(i), rows == 0 ? Double.NaN : sums[1 + i] / rows);
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (metrics == null) {
            out.putAll(loss);
            return out;
        }
        for (int j = 0; j < metrics.size(); j++) {
            double total = sums[1 + keys.size() + 2 * j];
            double count = sums[2 + keys.size() + 2 * j];
            Mean metric = metrics.get(j);
            metric.resetState();
            if (count != 0) {
                metric.updateState(Tensor.of(new double[] {total / count}, 1), Tensor.of(new double[] {count}, 1));
            }
        }
        for (Map.Entry<String, Double> e : m.compiled().results().entrySet()) {
            out.put(e.getKey(), loss.getOrDefault(e.getKey(), e.getValue()));
        }
        return out;
    }
}
