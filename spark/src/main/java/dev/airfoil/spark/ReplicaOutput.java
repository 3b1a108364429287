package dev.airfoil.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What one replica of a barrier training stage returns to the driver (package-private). A plain
 * class rather than a record: task results go through {@code spark.serializer}, and Spark's Kryo
 * (4.x) cannot rebuild a record's fields.
 */
final class ReplicaOutput implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int partition;
    private final byte[] model;
    private final double[] epochLoss;
    private final LinkedHashMap<String, double[]> history;
    private final boolean identical;
    private final long bytesSent;
    private final int collectives;
    private final double seconds;
    private final int shardSize;

    /**
     * @param partition   the replica's partition
     * @param model       the archive bytes of the trained replica (partition 0 only, else null)
     * @param epochLoss   the mean training loss of every epoch over all replicas
     * @param history     every log (losses, mergeable metrics) per epoch, over all replicas
     * @param identical   whether all replicas ended with identical weights and optimizer state
     * @param bytesSent   bytes this replica sent through the all-reduce ring
     * @param collectives number of collective calls
     * @param seconds     wall time of the replica's training loop
     * @param shardSize   number of examples of the shard
     */
    ReplicaOutput(int partition, byte[] model, double[] epochLoss, LinkedHashMap<String, double[]> history,
                  boolean identical, long bytesSent, int collectives, double seconds, int shardSize) {
        this.partition = partition;
        this.model = model;
        this.epochLoss = epochLoss;
        this.history = history;
        this.identical = identical;
        this.bytesSent = bytesSent;
        this.collectives = collectives;
        this.seconds = seconds;
        this.shardSize = shardSize;
    }

    int partition() {
        return partition;
    }

    byte[] model() {
        return model;
    }

    double[] epochLoss() {
        return epochLoss;
    }

    LinkedHashMap<String, double[]> history() {
        return history;
    }

    boolean identical() {
        return identical;
    }

    long bytesSent() {
        return bytesSent;
    }

    int collectives() {
        return collectives;
    }

    double seconds() {
        return seconds;
    }

    int shardSize() {
        return shardSize;
    }
}
