package dev.airfoil.spark;

/** How the replicas of a {@link DataParallelTrainer} are kept in step. */
public enum TrainingMode {
    /**
     * Synchronous gradient averaging: every step, each replica computes the gradient of its shard
     * of the global batch, the gradients are averaged (weighted by shard size, so the result is the
     * gradient of the whole global batch) and every replica applies the same optimizer update. The
     * replicas, their optimizer states included, stay bit-identical; the result equals
     * single-process training on the same global batches up to float rounding. Communication:
     * one all-reduce of the {@code P} trainable parameters per step.
     */
    SYNCHRONOUS_GRADIENTS,
    /**
     * Parameter averaging (local SGD): each replica takes its own optimizer steps on its own
     * batches, and every {@code averageEvery} steps (and at the end of every epoch) the weights are
     * averaged, weighted by the examples each replica trained on since the last average. The
     * optimizer state is averaged or reset as {@link OptimizerStateMode} says. Communication: one
     * all-reduce of the weights (plus the optimizer slots) every {@code averageEvery} steps.
     */
    PARAMETER_AVERAGING
}
