package dev.airfoil.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Metadata of a bundled data set, as listed by {@link Datasets#list()} and {@code airfoil datasets}.
 *
 * @param name          the name to load it by, such as {@code "iris"}
 * @param description   one line saying what the samples are
 * @param task          classification or regression
 * @param sampleShape   the shape of one sample's features, such as {@code [28, 28]} or {@code [4]}
 * @param featureNames  names of the feature columns of a table (empty for images)
 * @param classNames    class names in label order (empty for regression)
 * @param trainSamples  samples in the training part (all samples when there is no predefined split)
 * @param testSamples   samples in the predefined test part, 0 when there is none
 * @param source        where the data come from
 * @param license       the licence the copy is distributed under
 */
public record DatasetInfo(String name, String description, Task task, List<Integer> sampleShape,
                          List<String> featureNames, List<String> classNames, int trainSamples, int testSamples,
                          String source, String license) {
    /** The kind of target a data set has. */
    public enum Task {
        /** Integer class labels (int64). */
        CLASSIFICATION,
        /** Real-valued targets (float32). */
        REGRESSION;

        /** The lower-case name, such as {@code "classification"}. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Compact canonical constructor: copies the lists. */
    public DatasetInfo {
        sampleShape = List.copyOf(sampleShape);
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    /** Whether the data set comes with a predefined train/test split (load it with {@link Datasets#load}). */
    public boolean hasTestSplit() {
        return testSamples > 0;
    }

    /** Total samples, training plus test. */
    public int samples() {
        return trainSamples + testSamples;
    }

    /** The number of classes (0 for regression). */
    public int numClasses() {
        return classNames.size();
    }

    /** The number of feature values per sample (the product of {@link #sampleShape()}). */
    public int featureCount() {
        int n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        return n;
    }

    /** The feature dtype, always {@code "float32"}. */
    public String xDType() {
        return "float32";
    }

    /** The target dtype: {@code "int64"} for classification, {@code "float32"} for regression. */
    public String yDType() {
        return task == Task.CLASSIFICATION ? "int64" : "float32";
    }

    /**
     * The arrays and shapes the loader returns, such as
     * {@code "x (150, 4) float32, y (150,) int64"} or
     * {@code "x_train (8000, 28, 28) float32, y_train (8000,) int64, x_test (2000, 28, 28) float32, y_test (2000,) int64"}.
     */
    public String shapes() {
        if (hasTestSplit()) {
            return "x_train " + shape(trainSamples) + " " + xDType() + ", y_train (" + trainSamples + ",) " + yDType()
                    + ", x_test " + shape(testSamples) + " " + xDType() + ", y_test (" + testSamples + ",) " + yDType();
        }
        return "x " + shape(trainSamples) + " " + xDType() + ", y (" + trainSamples + ",) " + yDType();
    }

    private String shape(int n) {
        List<Integer> s = new ArrayList<>();
        s.add(n);
        s.addAll(sampleShape);
        int[] a = s.stream().mapToInt(Integer::intValue).toArray();
        return Npy.shapeString(a);
    }
}
