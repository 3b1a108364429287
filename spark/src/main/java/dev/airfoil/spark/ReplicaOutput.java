package dev.airfoil.spark;

import java.io.Serializable;

/**
 * What one replica of a barrier training stage returns to the driver (package-private).
 *
 * @param partition      the replica's partition
 * @param model          the archive bytes of the trained replica (partition 0 only, else null)
 * @param epochLoss      the mean training loss of every epoch over all replicas
 * @param history        every log (losses, mergeable metrics) per epoch, over all replicas
 * @param identical      whether all replicas ended with identical weights and optimizer state
 * @param bytesSent      bytes this replica sent through the all-reduce ring
 * @param collectives    number of collective calls
 * @param seconds        wall time of the replica's training loop
 * @param shardSize      number of examples of the shard
 */
record ReplicaOutput(int partition, byte[] model, double[] epochLoss, java.util.LinkedHashMap<String, double[]> history,
                     boolean identical, long bytesSent,
                     int collectives, double seconds, int shardSize) implements Serializable {
}
