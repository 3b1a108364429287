package dev.airfoil.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example of a model with several inputs and/or outputs, as Spark moves it: one flat
 * row-major {@code float[]} per model input and one per model output's target, in the order of a
 * {@link MultiDataSpec} (the model's order). Shapes and types are given once for the whole data set
 * by that spec.
 *
 * <p>Only primitive arrays travel, so Spark's serializer (Java or Kryo) handles it without knowing
 * Airfoil. A single-input {@link Example} is the special case of one input and one target
 * ({@link #of(Example)}). A plain final class rather than a record: Spark's Kryo (4.x) cannot
 * rebuild a record's fields.
 *
 * <pre>{@code
 * new MultiExample(new float[][] {title, body}, new float[][] {{priority}, department});
 * }</pre>
 */
public final class MultiExample implements Serializable {
    private static final long serialVersionUID = 1L;
    private final float[][] inputs;
    private final float[][] targets;

    /**
     * An example (the arrays are kept, not copied).
     *
     * @param inputs  one flat array per model input
     * @param targets one flat array per model output (a class label is one value)
     * @throws IllegalArgumentException if an array is null
     */
    public MultiExample(float[][] inputs, float[][] targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("a MultiExample needs an array of inputs and an array of targets");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("input #" + i + " of a MultiExample is null");
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) {
                throw new IllegalArgumentException("target #" + i + " of a MultiExample is null"
                        + " (use a 1-element array for a label)");
            }
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    /** One flat array per model input. */
    public float[][] inputs() {
        return inputs;
    }

    /** One flat array per model output's target. */
    public float[][] targets() {
        return targets;
    }

    /**
     * The one-input, one-target example with the same arrays.
     *
     * @param e a single-input example
     * @return the example with one input and one target
     */
    public static MultiExample of(Example e) {
        return new MultiExample(new float[][] {e.features()}, new float[][] {e.target()});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiExample e && Arrays.deepEquals(inputs, e.inputs) && Arrays.deepEquals(targets, e.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(inputs) + Arrays.deepHashCode(targets);
    }

    @Override
    public String toString() {
        return "MultiExample[inputs=" + Arrays.toString(Arrays.stream(inputs).mapToInt(a -> a.length).toArray())
                + " values, targets=" + Arrays.deepToString(targets) + "]";
    }
}
