package dev.airfoil.spark;

import java.io.Serializable;

/**
 * Everything a replica needs besides the model and its shard (package-private; made by
 * {@link DataParallelTrainer}). {@code probe} is the first example when some shard is empty (fewer
 * examples than workers), so that an empty replica can create the compiled metrics; else null.
 */
record TrainPlan(TrainingMode mode, OptimizerStateMode optimizerState, int workers, int epochs, int globalBatch,
                 int averageEvery, boolean shuffle, long seed, long examples, MultiDataSpec spec, MultiExample probe)
        implements Serializable {

    /** The per-replica batch size. */
    int localBatch() {
        return globalBatch / workers;
    }

    /** Global steps per epoch: {@code ceil(examples / globalBatch)}. */
    int stepsPerEpoch() {
        return (int) ((examples + globalBatch - 1) / globalBatch);
    }

    /** The number of examples of shard {@code p} (example {@code i} lives on shard {@code i % workers}). */
    int shardSize(int p) {
        return (int) (examples / workers + (p < examples % workers ? 1 : 0));
    }
}
