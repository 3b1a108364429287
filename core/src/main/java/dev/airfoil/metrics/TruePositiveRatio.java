package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of {@link Precision} and {@link Recall}: {@code true_positives / (true_positives + other)} at one or
 * more thresholds, where {@code other} is one more confusion-matrix cell (false positives or false negatives).
 * Takes the {@code thresholds}, {@code top_k} and {@code class_id} arguments the two share.
 */
abstract class TruePositiveRatio extends Metric {
    private final Object thresholdsArg;
    private final Integer topK;
    private final Integer classId;
    final ConfusionMatrix cm;

    /**
     * @param thresholds  null, a {@code Number}, a {@code double[]} or a {@code List} of numbers in [0, 1]
     * @param topK        null or the number of top predictions per row that count
     * @param classId     null or the class to restrict to
     * @param name        the metric name
     * @param defaultName Keras's default name
     */
    TruePositiveRatio(Object thresholds, Integer topK, Integer classId, String name, String defaultName) {
        super(name, defaultName);
        this.thresholdsArg = thresholds;
        this.topK = topK;
        this.classId = classId;
        double[] t = ConfusionMatrix.parseThresholds(thresholds, topK == null ? 0.5 : ConfusionMatrix.NEG_INF);
        this.cm = new ConfusionMatrix(t, ConfusionMatrix.isEvenlyDistributed(t), false);
    }

    /** The cell added to the true positives in the denominator, one entry per threshold. */
    abstract double[] other();

    /** The Keras variable name of {@link #other()}. */
    abstract String otherName();

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            cm.update(yTrue, yPred, sampleWeight, topK, classId);
        }
    }

    @Override
    public Tensor result() {
        double[] other = other();
        double[] r = new double[cm.tp.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ConfusionMatrix.divideNoNan(cm.tp[i], cm.tp[i] + other[i]);
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
        m.put(otherName(), other().clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("thresholds", ConfusionMatrix.thresholdsConfig(thresholdsArg));
        config.put("top_k", topK);
        config.put("class_id", classId);
    }
}
