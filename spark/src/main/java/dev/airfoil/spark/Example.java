package dev.airfoil.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example as Spark moves it between machines: the features and the target, each a
 * flat row-major {@code float[]}. Their shapes and the target's type (integer class label or float
 * target) are given once for the whole data set by a {@link DataSpec}.
 *
 * <p>Only primitive arrays travel, so Spark's serializer (Java or Kryo) handles it without
 * knowing Airfoil. It is a plain final class rather than a record because Spark's Kryo (4.x) cannot
 * rebuild a record's fields. For a model with several inputs or outputs use {@link MultiExample}.
 */
public final class Example implements Serializable {
    private static final long serialVersionUID = 1L;
    private final float[] features;
    private final float[] target;

    /**
     * An example (the arrays are kept, not copied).
     *
     * @param features the features, flattened (length = product of {@link DataSpec#featureShape()})
     * @param target   the target, flattened; a class label is one value ({@code {3f}})
     */
    public Example(float[] features, float[] target) {
        if (features == null || target == null) {
            throw new IllegalArgumentException("an Example needs features and a target (use a 1-element array for a label)");
        }
        this.features = features;
        this.target = target;
    }

    /** The features, flattened. */
    public float[] features() {
        return features;
    }

    /** The target, flattened. */
    public float[] target() {
        return target;
    }

    /**
     * An example with a class label.
     *
     * @param features the features, flattened
     * @param label    the class label {@code 0..K-1}
     * @return the example
     */
    public static Example labelled(float[] features, int label) {
        return new Example(features, new float[] {label});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && Arrays.equals(features, e.features) && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "Example[features=" + features.length + " values, target=" + Arrays.toString(target) + "]";
    }
}
