package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

/**
 * A bundled data set with a predefined train/test split, like the tuples Keras's
 * {@code keras.datasets.mnist.load_data()} returns.
 *
 * <p>Example:
 * <pre>{@code
 * DatasetSplit mnist = Datasets.load("mnist-10k");
 * mnist.xTrain();   // float32 (8000, 28, 28), pixels in [0, 1]
 * mnist.yTrain();   // int64 (8000,)
 * }</pre>
 *
 * @param xTrain  training features
 * @param yTrain  training labels or targets
 * @param xTest   test features
 * @param yTest   test labels or targets
 * @param info    name, task, class names, source and licence
 */
public record DatasetSplit(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest, DatasetInfo info) {
}
