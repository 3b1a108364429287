package dev.airfoil.callbacks;

import dev.airfoil.models.Model;

import java.util.Map;

/**
 * The base of training callbacks, with Keras's hooks. Every hook does nothing by default; override
 * the ones you need. Epoch and batch numbers are 0-based, as in Keras; logs map metric names
 * ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, ...) to values.
 *
 * <pre>{@code
 * class PrintLoss extends Callback {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) { System.out.println(logs.get("loss")); }
 * }
 * }</pre>
 */
public abstract class Callback {
    private Model model;
    private Map<String, Object> params = Map.of();

    /** Called by the training loop before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** Called by the training loop with {@code epochs}, {@code steps} and {@code verbose}. */
    public void setParams(Map<String, Object> params) {
        this.params = Map.copyOf(params);
    }

    /** The training parameters ({@code epochs}, {@code steps}, {@code verbose}). */
    public Map<String, Object> params() {
        return params;
    }

    /** At the start of {@code fit}. */
    public void onTrainBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code fit}, with the last epoch's logs. */
    public void onTrainEnd(Map<String, Double> logs) {
    }

    /** At the start of an epoch. */
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** At the end of an epoch, with training and validation results. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Before a training batch. */
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After a training batch, with the running averages of the epoch so far. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** At the start of {@code evaluate} (also for validation inside {@code fit}). */
    public void onTestBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code evaluate}. */
    public void onTestEnd(Map<String, Double> logs) {
    }

    /** Before an evaluation batch. */
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After an evaluation batch. */
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** At the start of {@code predict}. */
    public void onPredictBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code predict}. */
    public void onPredictEnd(Map<String, Double> logs) {
    }

    /** Before a prediction batch. */
    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After a prediction batch. */
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
