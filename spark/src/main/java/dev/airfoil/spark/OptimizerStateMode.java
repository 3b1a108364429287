package dev.airfoil.spark;

/**
 * What {@link TrainingMode#PARAMETER_AVERAGING} does with the optimizer state (Adam's moments, SGD's
 * momentum) at each averaging point. The iteration counter and the learning rate are the same on
 * every replica (each takes one step per global step) and are never touched.
 */
public enum OptimizerStateMode {
    /**
     * Average the slot variables like the weights (the default). Moments stay meaningful because
     * they were accumulated on gradients of the same, just-averaged, model; costs one more
     * {@code P}-sized vector per slot (2P for Adam) in each all-reduce.
     */
    AVERAGE,
    /**
     * Zero the slot variables after each average (momentum and moments start over; the
     * iteration counter, and so Adam's bias correction and any schedule, continues). Cheaper on
     * the network, usually a little slower to converge.
     */
    RESET
}
