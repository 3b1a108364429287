package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Encodes integer tokens in {@code [0, num_tokens)} as dense vectors (Keras {@code CategoryEncoding}):
 * {@code one_hot} gives a vector per token ({@code (batch,)} or {@code (batch, 1)} becomes
 * {@code (batch, num_tokens)}); {@code multi_hot} (Keras's default) marks, and {@code count} counts, the
 * tokens of each sample ({@code (batch, tokens)} becomes {@code (batch, num_tokens)}; for higher ranks
 * Keras reduces axis 1 and so does Airfoil). {@link #encode(Tensor, Tensor)} sums per-token weights
 * instead of counting ({@code count_weights}).
 *
 * <p>A token outside {@code [0, num_tokens)}, or not a whole number, is an error naming the token and
 * its position: Keras's TensorFlow backend refuses it too, while its JAX backend silently encodes it as
 * zeros. Arguments: {@code num_tokens} (required, at least 1); {@code output_mode} ({@code "multi_hot"};
 * {@code "binary"} is accepted as its old name); {@code sparse} (only false: Airfoil has no sparse
 * tensors). Outputs are float and carry no gradient.
 *
 * <pre>{@code
 * new CategoryEncoding(4, "one_hot").apply(Tensor.ofInts(new int[] {3, 2, 0, 1}, 4));   // (4, 4)
 * }</pre>
 */
public class CategoryEncoding extends Layer {
    private final int numTokens;
    private final String outputMode;

    /** Multi-hot encoding of {@code numTokens} tokens. */
    public CategoryEncoding(int numTokens) {
        this(numTokens, "multi_hot", false, null);
    }

    /** The encoding {@code outputMode} of {@code numTokens} tokens. */
    public CategoryEncoding(int numTokens, String outputMode) {
        this(numTokens, outputMode, false, null);
    }

    /**
     * An encoding with every argument.
     *
     * @param sparse must be false
     * @param name   the layer name, or null for an automatic one
     */
    public CategoryEncoding(int numTokens, String outputMode, boolean sparse, String name) {
        super(name);
        if (numTokens < 1) {
            throw new IllegalArgumentException(describe() + ": num_tokens must be at least 1, got " + numTokens
                    + "; pass the number of distinct tokens");
        }
        if (sparse) {
            throw new UnsupportedOperationException(describe() + ": sparse=true is not supported (Airfoil has no sparse"
                    + " tensors); use sparse=false");
        }
        this.numTokens = numTokens;
        this.outputMode = TokenEncoding.mode(this, outputMode, false);
    }

    /** From a Keras config ({@code num_tokens} required). */
    public static CategoryEncoding fromConfig(ConfigMap c) {
        Integer n = c.getIntOrNull("num_tokens");
        if (n == null) {
            throw new IllegalArgumentException("CategoryEncoding config: 'num_tokens' is required (the number of tokens);"
                    + " use IntegerLookup in Keras when it is not known");
        }
        return new CategoryEncoding(n, c.getString("output_mode", "multi_hot"), c.getBoolean("sparse", false),
                c.getString("name", null));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return encode(input, null);
    }

    /**
     * Encodes {@code tokens}; in {@code count} mode with {@code countWeights} (the tokens' shape) each
     * token adds its weight rather than 1.
     *
     * @throws IllegalArgumentException for weights outside {@code count} mode, or a token out of range
     */
    public Tensor encode(Tensor tokens, Tensor countWeights) {
        if (countWeights != null && !outputMode.equals("count")) {
            throw new IllegalArgumentException(describe() + ": count_weights is only used when output_mode is 'count',"
                    + " not '" + outputMode + "'");
        }
        return TokenEncoding.encode(this, tokens, outputMode, numTokens, countWeights, dtype);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return TokenEncoding.outputShape(inputShape, outputMode, numTokens);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("num_tokens", numTokens);
        m.put("output_mode", outputMode);
        return m;
    }
}
