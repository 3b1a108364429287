package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Reshapes each sample to {@code targetShape} (batch axis excluded; one entry may be -1), as Keras
 * {@code Reshape}.
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    /** A Reshape layer to the given per-sample shape. */
    public Reshape(int... targetShape) {
        this(targetShape, null);
    }

    /** A named Reshape layer. */
    public Reshape(int[] targetShape, String name) {
        super(name);
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Reshape: invalid target shape " + Shape.str(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: at most one dimension may be -1, got " + Shape.str(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    /** From a Keras config. */
    public static Reshape fromConfig(ConfigMap c) {
        return new Reshape(c.getIntArray("target_shape", new int[0]), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int[] full = new int[targetShape.length + 1];
        full[0] = input.shape()[0];
        System.arraycopy(resolve(input.shape()), 0, full, 1, targetShape.length);
        return input.reshape(full);
    }

    private int[] resolve(int[] inputShape) {
        long n = 1;
        for (int i = 1; i < inputShape.length; i++) {
            n *= inputShape[i];
        }
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i;
            } else {
                known *= targetShape[i];
            }
        }
        int[] out = targetShape.clone();
        if (unknownAt >= 0) {
            if (n % known != 0) {
                throw new IllegalArgumentException(describe() + ": cannot reshape a sample of shape "
                        + Shape.str(java.util.Arrays.copyOfRange(inputShape, 1, inputShape.length)) + " into "
                        + Shape.str(targetShape));
            }
            out[unknownAt] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException(describe() + ": a sample of shape "
                    + Shape.str(java.util.Arrays.copyOfRange(inputShape, 1, inputShape.length)) + " has " + n
                    + " values, the target shape " + Shape.str(targetShape) + " needs " + known);
        }
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] full = new int[targetShape.length + 1];
        full[0] = inputShape[0];
        System.arraycopy(resolve(inputShape), 0, full, 1, targetShape.length);
        return full;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("target_shape", java.util.Arrays.stream(targetShape).boxed().toList());
        return m;
    }
}
