package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * Keras's {@code encode_categorical_inputs} on the JAX backend, shared by {@code CategoryEncoding} and
 * {@code Discretization}: integer tokens in {@code [0, depth)} become
 * <ul>
 * <li>{@code one_hot}: a vector per token, the input shape plus {@code depth} (a last axis of size 1 is
 * replaced rather than extended);</li>
 * <li>{@code multi_hot} / {@code count}: one vector per sample marking (counting, or summing
 * {@code count_weights} of) its tokens, reduced over axis 1 (axis 0 for a rank-1 input) as Keras does,
 * so {@code (batch, tokens)} becomes {@code (batch, depth)}.</li>
 * </ul>
 * A scalar input counts as one token of shape {@code (1,)}.
 */
final class TokenEncoding {
    private TokenEncoding() {
    }

    /** The normalised output mode ({@code "binary"} is Keras's old name of {@code "multi_hot"}). */
    static String mode(Layer layer, String mode, boolean allowInt) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (m.equals("binary")) {
            m = "multi_hot";
        }
        boolean ok = m.equals("one_hot") || m.equals("multi_hot") || m.equals("count") || allowInt && m.equals("int");
        if (!ok) {
            throw new IllegalArgumentException(layer.describe() + ": output_mode must be one of "
                    + (allowInt ? "'int', " : "") + "'one_hot', 'multi_hot' or 'count', got '" + mode + "'");
        }
        return m;
    }

    /** The output shape for an input shape ({@code -1} unknown), as the encoding computes it. */
    static int[] outputShape(int[] inputShape, String mode, int depth) {
        int[] s = inputShape.length == 0 ? new int[] {1} : inputShape;
        int[] kept;
        if (mode.equals("one_hot")) {
            kept = s.length > 1 && s[s.length - 1] == 1 ? Arrays.copyOf(s, s.length - 1) : s;
        } else {
            int r = s.length > 1 ? 1 : 0;
            kept = new int[s.length - 1];
            for (int i = 0, k = 0; i < s.length; i++) {
                if (i != r) {
                    kept[k++] = s[i];
                }
            }
        }
        int[] out = Arrays.copyOf(kept, kept.length + 1);
        out[kept.length] = depth;
        return out;
    }

    /**
     * Encodes {@code tokens} (an integer tensor, or a float tensor of whole numbers).
     *
     * @param countWeights null, or (for {@code count}) a weight per token, of the tokens' shape
     * @throws IllegalArgumentException for a token that is not a whole number in {@code [0, depth)}
     */
    static Tensor encode(Layer layer, Tensor tokens, String mode, int depth, Tensor countWeights, DType dtype) {
        int[] shape = tokens.rank() == 0 ? new int[] {1} : tokens.shape();
        double[] values = tokens.toDoubleArray();
        double[] weights = countWeights == null ? null : countWeights.toDoubleArray();
        if (countWeights != null && !Shape.equal(countWeights.shape(), tokens.shape())) {
            throw new IllegalArgumentException(layer.describe() + ": count_weights must have the inputs' shape "
                    + Shape.str(tokens.shape()) + ", got " + Shape.str(countWeights.shape()));
        }
        int[] out = outputShape(shape, mode, depth);
        double[] y = new double[Shape.size(out)];
        // the output row of each input position: one_hot keeps every position; the others drop axis r
        int r = shape.length > 1 ? 1 : 0;
        int inner = 1;
        for (int d = r + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int axisSize = shape[r];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= depth) {
                throw new IllegalArgumentException(layer.describe() + ": every token must be a whole number in [0, "
                        + depth + "); got " + v + " at flat position " + i + " of input shape " + Shape.str(tokens.shape())
                        + ". Raise num_tokens or map the values to indices first (Keras's JAX backend silently"
                        + " encodes such a token as zeros)");
            }
            int token = (int) v;
            int row = mode.equals("one_hot") ? i : (i / (axisSize * inner)) * inner + i % inner;
            int at = row * depth + token;
            if (mode.equals("one_hot") || mode.equals("multi_hot")) {
                y[at] = 1;
            } else {
                y[at] += weights == null ? 1 : weights[i];
            }
        }
        return Tensor.of(y, out).cast(dtype);
    }
}
