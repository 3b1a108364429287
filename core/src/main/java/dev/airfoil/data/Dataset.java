package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

/**
 * A bundled table without a predefined train/test split (the UCI data sets), loaded whole.
 *
 * <p>{@code x} is float32 {@code (samples, features)}; {@code y} holds int64 class labels
 * {@code (samples,)} for classification and float32 targets {@code (samples,)} for regression.
 * Split it with {@link TensorDataset#trainValidationSplit} or the evaluation package.
 *
 * <p>Example:
 * <pre>{@code
 * Dataset iris = Dataset.load("iris");
 * iris.x();                    // float32 (150, 4)
 * iris.y();                    // int64 (150,), values 0..2
 * iris.info().classNames();    // [setosa, versicolor, virginica]
 * }</pre>
 *
 * @param x     the features
 * @param y     the labels or targets
 * @param info  name, task, class and feature names, source and licence
 */
public record Dataset(Tensor x, Tensor y, DatasetInfo info) {
    /**
     * Loads a bundled table: {@code "iris"}, {@code "wine"}, {@code "breast-cancer"}, {@code "digits"}
     * or {@code "diabetes"}. Same as {@link Datasets#loadTable(String)}.
     *
     * @throws IllegalArgumentException for an unknown name or a data set with a predefined split
     *                                  (use {@link Datasets#load(String)} for those)
     */
    public static Dataset load(String name) {
        return Datasets.loadTable(name);
    }
}
