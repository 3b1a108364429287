package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Repeats its 2-D input {@code n} times along a new axis 1 (Keras {@code RepeatVector}):
 * {@code (batch, features)} to {@code (batch, n, features)}.
 *
 * <pre>{@code
 * new RepeatVector(3); // (batch, 32) -> (batch, 3, 32)
 * }</pre>
 */
public class RepeatVector extends Layer {
    private final int n;

    /** Repeats the input {@code n} times. */
    public RepeatVector(int n) {
        this(n, null);
    }

    /** A named RepeatVector layer. */
    public RepeatVector(int n, String name) {
        super(name);
        if (n <= 0) {
            throw new IllegalArgumentException("RepeatVector: n must be a positive integer, got " + n);
        }
        this.n = n;
    }

    /** From a Keras config. */
    public static RepeatVector fromConfig(ConfigMap c) {
        return new RepeatVector(c.getInt("n", 1), c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        requireRank(input.shape(), 2, "batch, features");
        int[] s = input.shape();
        return input.unsqueeze(1).broadcastTo(s[0], n, s[1]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireRank(inputShape, 2, "batch, features");
        return new int[] {inputShape[0], n, inputShape[1]};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("n", n);
        return m;
    }
}
