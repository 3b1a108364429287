package dev.airfoil.layers.normalization;

import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Root mean square normalization (Keras {@code RMSNormalization}, Zhang and Sennrich, 2019): each
 * sample is divided by the root mean square of its values over {@code axis} and multiplied by a
 * learned {@code scale}: {@code x * rsqrt(mean(square(x), axis) + epsilon) * scale}. Unlike
 * {@link LayerNormalization} it neither subtracts the mean nor adds an offset.
 *
 * <p>Arguments: {@code axis} (-1; an integer or a list of the trailing axes); {@code epsilon} (1e-6).
 * Weight: {@code scale} of shape {@code input_shape[axis]}, initialized to ones. Input and output
 * shape: any, unchanged. As in Keras, the config's {@code axis} becomes a sorted list once the layer
 * is built.
 *
 * <pre>{@code
 * new RMSNormalization();
 * new RMSNormalization(new int[] {1, 2}, 1e-5, null);
 * }</pre>
 */
public class RMSNormalization extends Layer implements SupportsMasking {
    private final int[] axis;
    private final boolean axisIsList;
    private final double epsilon;
    private Variable scale;

    /** RMS normalization over the last axis with Keras's epsilon (1e-6). */
    public RMSNormalization() {
        this(new int[] {-1}, false, 1e-6, null);
    }

    /** RMS normalization over the given axes (written as a list in the config). */
    public RMSNormalization(int[] axis, double epsilon, String name) {
        this(axis, true, epsilon, name);
    }

    /** RMS normalization with every argument ({@code axisIsList}: an unbuilt layer writes the axis as a list). */
    public RMSNormalization(int[] axis, boolean axisIsList, double epsilon, String name) {
        super(name);
        if (axis == null || axis.length == 0) {
            throw new IllegalArgumentException(describe() + ": axis must name at least one axis, got "
                    + Arrays.toString(axis) + "; use -1 for the last axis");
        }
        this.axis = axis.clone();
        this.axisIsList = axisIsList;
        this.epsilon = epsilon;
    }

    /** From a Keras config. */
    public static RMSNormalization fromConfig(ConfigMap c) {
        return new RMSNormalization(c.getIntArray("axis", new int[] {-1}), c.get("axis") instanceof List,
                c.getDouble("epsilon", 1e-6), c.getString("name", null));
    }

    /** The normalized axes for this rank; Keras multiplies by the scale aligned to the last axes, so they must trail. */
    private int[] axes(int[] shape) {
        int[] a = ScaleShift.resolveAxes(axis, shape.length, describe());
        for (int i = 0; i < a.length; i++) {
            if (a[i] != shape.length - a.length + i) {
                throw new IllegalArgumentException(describe() + ": axis " + Arrays.toString(axis) + " must be the"
                        + " last axes of the input (Keras multiplies by the scale aligned to the last axes), got"
                        + " input shape " + Shape.str(shape) + "; permute the input or use trailing axes");
            }
        }
        return a;
    }

    @Override
    protected void build(int[] inputShape) {
        int[] a = axes(inputShape);
        int[] p = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = inputShape[a[i]];
            if (p[i] < 0) {
                throw new IllegalArgumentException(describe() + ": the normalized axes must be known, got "
                        + Shape.str(inputShape) + "; give Input a full shape");
            }
        }
        scale = addWeight("scale", p, Initializers.get("ones"), true);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        int[] a = axes(x.shape());
        Tensor inv = x.square().mean(a, true).add(epsilon).sqrt().reciprocal();
        return x.mul(inv).mul(scale.value());
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        axes(inputShape);
        return inputShape.clone();
    }

    /** The scale weight, once built. */
    public Variable scale() {
        return scale;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        int[] written = axis.clone();
        if (isBuilt()) {
            Arrays.sort(written);
        }
        m.put("axis", ScaleShift.axisConfig(written, axisIsList || isBuilt()));
        m.put("epsilon", epsilon);
        return m;
    }
}
