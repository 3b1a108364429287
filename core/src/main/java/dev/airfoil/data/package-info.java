/**
 * Data for training: file formats, bundled data sets, batching and feature scaling.
 *
 * <ul>
 *   <li>Files: {@link dev.airfoil.data.Npy} and {@link dev.airfoil.data.Npz} (NumPy arrays, read and
 *       written atomically), {@link dev.airfoil.data.CsvReader} (numeric tables into features and labels),
 *       {@link dev.airfoil.data.Idx} (MNIST's IDX format). Malformed or hostile files raise
 *       {@link dev.airfoil.data.InvalidDataFileException}, an {@link java.io.IOException} naming the file
 *       and the problem; sizes are checked before anything is allocated.</li>
 *   <li>Bundled data sets: {@link dev.airfoil.data.Datasets} ({@code mnist-10k} as a
 *       {@link dev.airfoil.data.DatasetSplit}; {@code iris}, {@code wine}, {@code breast-cancer},
 *       {@code digits}, {@code diabetes} as a {@link dev.airfoil.data.Dataset}), with
 *       {@link dev.airfoil.data.DatasetInfo} metadata and licences in {@code LICENSES.md}.</li>
 *   <li>Batching: {@link dev.airfoil.data.TensorDataset} cuts input and target tensors into
 *       {@link dev.airfoil.data.Batch}es, shuffled per epoch from an explicit seed, and splits off
 *       validation data by Keras's {@code validation_split} rule.</li>
 *   <li>Scaling: {@link dev.airfoil.data.StandardScaler} and {@link dev.airfoil.data.MinMaxScaler}
 *       ({@link dev.airfoil.data.Scaler}), with state as plain numbers for saving.</li>
 * </ul>
 *
 * <pre>{@code
 * DatasetSplit mnist = Datasets.load("mnist-10k");
 * TensorDataset train = TensorDataset.of(mnist.xTrain(), mnist.yTrain()).batch(64).shuffle(42);
 * for (Batch b : train.epoch(0)) { ... }
 * }</pre>
 */
package dev.airfoil.data;
