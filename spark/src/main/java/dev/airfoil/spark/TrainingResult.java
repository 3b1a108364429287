package dev.airfoil.spark;

import dev.airfoil.models.Model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of {@link DataParallelTrainer#fit}: an ordinary Airfoil model (compiled, with the
 * optimizer state of replica 0) plus figures of the run.
 *
 * @param model               the trained model
 * @param epochLoss           the mean training loss of every epoch, over all examples
 * @param history             every log per epoch, named as {@code model.fit}'s {@code History} names
 *                            them ({@code loss}, {@code <output>_loss} with several outputs, then the
 *                            metrics): the losses always, the compiled metrics when every one is a
 *                            mean (accuracy, mae, crossentropy, ...), which merge exactly over replicas;
 *                            with another metric (AUC, precision, ...) the losses only
 * @param replicasIdentical   whether every replica ended with the same weights and optimizer state
 *                            (always true for both modes; a false here is a bug worth reporting)
 * @param examplesPerSecond   examples trained per second of the slowest replica's loop
 * @param bytesPerCollective  bytes one replica sends in one all-reduce ({@code 2·(N-1)/N·4P} for P floats)
 * @param collectivesPerReplica number of all-reduces each replica took part in
 * @param seconds             wall time of the barrier stage's slowest replica loop
 */
public record TrainingResult(Model model, double[] epochLoss, Map<String, double[]> history, boolean replicasIdentical,
                             double examplesPerSecond, long bytesPerCollective, int collectivesPerReplica,
                             double seconds) {
    /** Copies the history (keeping its order). */
    public TrainingResult {
        history = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(history));
    }

    /**
     * A result whose history holds the loss only (the constructor of earlier versions).
     *
     * @param model                 the trained model
     * @param epochLoss             the mean training loss of every epoch
     * @param replicasIdentical     whether every replica ended identical
     * @param examplesPerSecond     examples trained per second
     * @param bytesPerCollective    bytes one replica sends in one all-reduce
     * @param collectivesPerReplica number of all-reduces per replica
     * @param seconds               wall time of the slowest replica loop
     */
    public TrainingResult(Model model, double[] epochLoss, boolean replicasIdentical, double examplesPerSecond,
                          long bytesPerCollective, int collectivesPerReplica, double seconds) {
        this(model, epochLoss, Map.of("loss", epochLoss), replicasIdentical, examplesPerSecond, bytesPerCollective,
                collectivesPerReplica, seconds);
    }

    /** The loss of the last epoch. */
    public double finalLoss() {
        return epochLoss.length == 0 ? Double.NaN : epochLoss[epochLoss.length - 1];
    }
}
