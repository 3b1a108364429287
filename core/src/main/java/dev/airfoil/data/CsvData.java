package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * The result of reading a CSV file with {@link CsvReader}.
 *
 * @param features      float32 features of shape {@code (rows, featureColumns)}
 * @param labels        labels of shape {@code (rows,)}: int64 for integer or categorical labels,
 *                      float32 for real-valued targets; null when no label column was chosen
 * @param featureNames  the header names of the feature columns ({@code column_1}, ... without a header)
 * @param labelName     the header name of the label column, or null when there is none
 * @param classNames    for categorical (text) labels the class names in index order (sorted);
 *                      empty otherwise
 */
public record CsvData(Tensor features, Tensor labels, List<String> featureNames, String labelName,
                      List<String> classNames) {
    /** Compact canonical constructor: copies the lists. */
    public CsvData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    /** The number of rows read. */
    public int rows() {
        return features.shape()[0];
    }
}
