package dev.airfoil.cli;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Features and targets as read by the CLI, with where they came from and, when known, the class
 * names and feature names.
 *
 * @param x            the features
 * @param y            the targets
 * @param source       a short description for messages ({@code "iris:train"}, {@code "--x a.npy"})
 * @param xName        what the features came from, for messages ({@code "--x a.npy"})
 * @param classNames   class names in label order (empty when unknown)
 * @param featureNames feature names (empty when unknown)
 * @param labelName    the label column name (null when unknown)
 */
public record LabeledData(Tensor x, Tensor y, String source, String xName, List<String> classNames,
                          List<String> featureNames, String labelName) {
    /** Copies the lists. */
    public LabeledData {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    }

    /** The number of samples. */
    public int size() {
        return x.dim(0);
    }
}
