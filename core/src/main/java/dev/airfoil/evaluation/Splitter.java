package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * A cross-validation scheme: splits {@code n} samples into train/test {@link Fold}s
 * ({@link KFold}, {@link StratifiedKFold}, {@link GroupKFold}, {@link RepeatedKFold},
 * {@link LeaveOneOut}). Splits are deterministic for a given seed.
 */
public interface Splitter {

    /**
     * The folds.
     *
     * @param n      number of samples
     * @param labels class labels (length n) for stratified schemes, or null when not needed
     * @return the folds, in order
     */
    List<Fold> split(int n, int[] labels);

    /**
     * The folds for a target tensor: its length, and its labels when it holds integers.
     *
     * @param y labels or targets {@code (samples,)}
     * @return the folds
     */
    default List<Fold> split(Tensor y) {
        return split(y.dim(0), Arrays2.isClassification(y) ? Arrays2.labels(y) : null);
    }
}
