package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fraction of predicted positives that are real: {@code true_positives / (true_positives + false_positives)}.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code thresholds} (default null = 0.5): a number or a list; a prediction is positive when strictly
 *       above the threshold. With a list, {@link #result()} has one value per threshold.</li>
 *   <li>{@code top_k} (default null): only the {@code k} highest predictions of each row count as positive
 *       (the threshold then defaults to {@code -1e10}).</li>
 *   <li>{@code class_id} (default null): restrict to one class (column) of multi-class data.</li>
 * </ul>
 * Labels are positive when non-zero; sample weights weigh each prediction.
 */
public class Precision extends Metric {
    private final Object thresholdsArg;
    private final Integer topK;
    private final Integer classId;
    private final ConfusionMatrix cm;

    /** Threshold 0.5. */
    public Precision() {
        this(null, null, null, null);
    }

    /**
     * @param thresholds null, a {@code Number}, a {@code double[]} or a {@code List} of numbers in [0, 1]
     * @param topK       null or the number of top predictions per row that count
     * @param classId    null or the class to restrict to
     * @param name       the metric name (null for {@code "precision"})
     */
    public Precision(Object thresholds, Integer topK, Integer classId, String name) {
        super(name, "precision");
        this.thresholdsArg = thresholds;
        this.topK = topK;
        this.classId = classId;
        double[] t = ConfusionMatrix.parseThresholds(thresholds, topK == null ? 0.5 : ConfusionMatrix.NEG_INF);
        this.cm = new ConfusionMatrix(t, ConfusionMatrix.isEvenlyDistributed(t), false);
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            cm.update(yTrue, yPred, sampleWeight, topK, classId);
        }
    }

    @Override
    public Tensor result() {
        double[] r = new double[cm.tp.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ConfusionMatrix.divideNoNan(cm.tp[i], cm.tp[i] + cm.fp[i]);
        }
        return ConfusionMatrix.scalarOrVector(r);
    }

    @Override
    public void resetState() {
        cm.reset();
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("true_positives", cm.tp.clone());
        m.put("false_positives", cm.fp.clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("thresholds", ConfusionMatrix.thresholdsConfig(thresholdsArg));
        config.put("top_k", topK);
        config.put("class_id", classId);
    }
}
