package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of {@link TruePositives}, {@link FalsePositives}, {@link TrueNegatives} and {@link FalseNegatives}:
 * the weighted count of one confusion-matrix cell at one or more thresholds (default 0.5; a prediction
 * is positive when strictly above it, a label when non-zero).
 */
public abstract class ConfusionMatrixConditionCount extends Metric {
    private final Object thresholdsArg;
    final ConfusionMatrix cm;

    /**
     * @param thresholds  null (0.5), a number, a {@code double[]} or a list
     * @param name        the metric name
     * @param defaultName Keras's default name
     */
    protected ConfusionMatrixConditionCount(Object thresholds, String name, String defaultName) {
        super(name, defaultName);
        this.thresholdsArg = thresholds;
        double[] t = ConfusionMatrix.parseThresholds(thresholds, 0.5);
        this.cm = new ConfusionMatrix(t, ConfusionMatrix.isEvenlyDistributed(t), false);
    }

    /** The accumulated cell, one entry per threshold. */
    abstract double[] cell();

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            cm.update(yTrue, yPred, sampleWeight, null, null);
        }
    }

    @Override
    public Tensor result() {
        return ConfusionMatrix.scalarOrVector(cell().clone());
    }

    @Override
    public void resetState() {
        cm.reset();
    }

    @Override
    public Map<String, double[]> variables() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("accumulator", cell().clone());
        return m;
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("thresholds", ConfusionMatrix.thresholdsConfig(thresholdsArg));
    }
}
