package dev.airfoil.layers.preprocessing;

import dev.airfoil.data.Batch;
import dev.airfoil.data.TensorDataset;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A preprocessing layer whose state is learnt from data before training (Keras's {@code adapt}):
 * from one tensor, from batches, or from a {@link TensorDataset}'s input batches.
 */
public interface Adaptable {
    /** Learns the layer's state from all of {@code data} at once. */
    void adapt(Tensor data);

    /** Learns the layer's state from batches, merged as Keras merges the batches of a data set. */
    void adaptBatches(Iterable<Tensor> batches);

    /** Learns the layer's state from a data set's input batches ({@link Batch#x()}), in the order it gives them. */
    default void adapt(TensorDataset data) {
        List<Tensor> xs = new ArrayList<>();
        for (Batch b : data) {
            xs.add(b.x());
        }
        adaptBatches(xs);
    }
}
