package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * One mini-batch produced by a {@link TensorDataset}: the rows of every input and target tensor for
 * the same samples, and optionally their sample weights.
 *
 * @param inputs         one tensor per model input, each of shape {@code (batch, ...)}
 * @param targets        one tensor per model output, each of shape {@code (batch, ...)}; empty for
 *                       an inputs-only data set (prediction)
 * @param sampleWeights  per-sample weights of shape {@code (batch,)}, or null when none were given
 */
public record Batch(List<Tensor> inputs, List<Tensor> targets, Tensor sampleWeights) {
    /** Compact canonical constructor: copies the lists. */
    public Batch {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
    }

    /** The first (for single-input models, the only) input. */
    public Tensor x() {
        return inputs.get(0);
    }

    /**
     * The first (for single-output models, the only) target.
     *
     * @throws IllegalStateException when the data set has no targets
     */
    public Tensor y() {
        if (targets.isEmpty()) {
            throw new IllegalStateException("This batch has no targets: the TensorDataset was built from inputs only");
        }
        return targets.get(0);
    }

    /** The number of samples in this batch. */
    public int size() {
        return inputs.get(0).shape()[0];
    }
}
