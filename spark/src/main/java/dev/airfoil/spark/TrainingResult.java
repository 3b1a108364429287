package dev.airfoil.spark;

import dev.airfoil.models.Model;

/**
 * The outcome of {@link DataParallelTrainer#fit}: an ordinary Airfoil model (compiled, with the
 * optimizer state of replica 0) plus figures of the run.
 *
 * @param model               the trained model
 * @param epochLoss           the mean training loss of every epoch, over all examples
 * @param replicasIdentical   whether every replica ended with the same weights and optimizer state
 *                            (always true for both modes; a false here is a bug worth reporting)
 * @param examplesPerSecond   examples trained per second of the slowest replica's loop
 * @param bytesPerCollective  bytes one replica sends in one all-reduce ({@code 2·(N-1)/N·4P} for P floats)
 * @param collectivesPerReplica number of all-reduces each replica took part in
 * @param seconds             wall time of the barrier stage's slowest replica loop
 */
public record TrainingResult(Model model, double[] epochLoss, boolean replicasIdentical, double examplesPerSecond,
                             long bytesPerCollective, int collectivesPerReplica, double seconds) {
    /** The loss of the last epoch. */
    public double finalLoss() {
        return epochLoss.length == 0 ? Double.NaN : epochLoss[epochLoss.length - 1];
    }
}
