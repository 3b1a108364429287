package dev.airfoil.spark;

import dev.airfoil.tensor.Tensor;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The shapes of one {@link Example} (without the batch axis) and the type of its target, so that a
 * batch of examples becomes the tensors the model expects: features {@code (batch, *featureShape)}
 * float32, targets {@code (batch, *targetShape)} int64 (class labels) or float32. For a model with
 * several inputs or outputs use {@link MultiDataSpec} ({@link MultiDataSpec#of(DataSpec)} is this
 * spec's one-input, one-output equivalent).
 *
 * <pre>{@code
 * DataSpec mnist = DataSpec.classification(28, 28);          // x (b, 28, 28), y (b,) int64
 * DataSpec reg = DataSpec.regression(new int[] {13}, 1);     // x (b, 13), y (b, 1) float32
 * }</pre>
 *
 * @param featureShape the shape of one example's features
 * @param targetShape  the shape of one example's target ({@code {}} for a scalar label)
 * @param labels       true when targets are integer class labels (int64), false for float32 targets
 */
public record DataSpec(int[] featureShape, int[] targetShape, boolean labels) implements Serializable {
    /** Copies the arrays. */
    public DataSpec {
        featureShape = featureShape.clone();
        targetShape = targetShape.clone();
    }

    /**
     * Integer class labels, one per example.
     *
     * @param featureShape the shape of one example's features
     * @return the spec
     */
    public static DataSpec classification(int... featureShape) {
        return new DataSpec(featureShape, new int[0], true);
    }

    /**
     * Float targets.
     *
     * @param featureShape the shape of one example's features
     * @param targetShape  the shape of one example's target ({@code {}} or {@code {1}} for one value)
     * @return the spec
     */
    public static DataSpec regression(int[] featureShape, int... targetShape) {
        return new DataSpec(featureShape, targetShape, false);
    }

    /** The number of feature values of one example. */
    public int featureSize() {
        return prod(featureShape);
    }

    /** The number of target values of one example. */
    public int targetSize() {
        return prod(targetShape);
    }

    /**
     * Stacks flat feature rows into a {@code (rows, *featureShape)} float32 tensor.
     *
     * @param flat rows times {@link #featureSize()} values
     * @param rows number of examples
     * @return the tensor
     */
    public Tensor features(float[] flat, int rows) {
        return MultiDataSpec.of(this).inputs().get(0).tensor(flat, rows);
    }

    /**
     * Stacks flat target rows into a {@code (rows, *targetShape)} tensor, int64 for labels.
     *
     * @param flat rows times {@link #targetSize()} values
     * @param rows number of examples
     * @return the tensor
     */
    public Tensor targets(float[] flat, int rows) {
        return MultiDataSpec.of(this).targets().get(0).tensor(flat, rows);
    }

    /** Checks one example against the spec. */
    void check(Example e) {
        if (e.features().length != featureSize() || e.target().length != targetSize()) {
            throw new IllegalArgumentException("an example has " + e.features().length + " feature values and "
                    + e.target().length + " target values, but the DataSpec expects " + featureSize() + " (shape "
                    + Arrays.toString(featureShape) + ") and " + targetSize() + " (shape " + Arrays.toString(targetShape)
                    + "); fix the DataSpec or the data");
        }
    }

    private static int prod(int[] s) {
        int p = 1;
        for (int d : s) {
            p *= d;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSpec d && Arrays.equals(featureShape, d.featureShape)
                && Arrays.equals(targetShape, d.targetShape) && labels == d.labels;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(featureShape) * 31 + Arrays.hashCode(targetShape) + (labels ? 1 : 0);
    }

    @Override
    public String toString() {
        return "DataSpec[features=" + Arrays.toString(featureShape) + ", target=" + Arrays.toString(targetShape)
                + (labels ? ", int64 labels" : ", float32") + "]";
    }
}
