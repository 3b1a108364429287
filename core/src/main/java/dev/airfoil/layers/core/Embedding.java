package dev.airfoil.layers.core;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Serialization;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Turns non-negative integer indices into dense vectors of fixed size (Keras {@code Embedding}):
 * {@code output[..., :] = embeddings[index[...], :]}.
 *
 * <p>Input: integer indices of any shape {@code (batch, ...)} (floating inputs are rounded to the
 * nearest integer). Output: {@code input_shape + (output_dim,)}. Weight: {@code embeddings
 * (input_dim, output_dim)}, initialised by {@code embeddings_initializer} (default {@code "uniform"},
 * i.e. U(-0.05, 0.05)).
 *
 * <p>With {@code mask_zero} index 0 is padding: {@link #computeMask} returns {@code index != 0}
 * (so {@code input_dim} should be the vocabulary size + 1), which recurrent and attention layers
 * consume (see {@link SupportsMasking}). {@code input_length} (Keras 2) is accepted and ignored.
 *
 * <pre>{@code
 * Embedding emb = Embedding.builder(1000, 64).maskZero(true).build();
 * Tensor vectors = emb.apply(Tensor.ofInts(new int[] {4, 2, 0}, 1, 3));   // (1, 3, 64)
 * }</pre>
 */
public class Embedding extends Layer implements SupportsMasking {
    private final int inputDim;
    private final int outputDim;
    private final Initializer embeddingsInitializer;
    private final Regularizer embeddingsRegularizer;
    private final Constraint embeddingsConstraint;
    private final boolean maskZero;
    private Variable embeddings;

    /** An embedding of {@code inputDim} indices into {@code outputDim} dimensions. */
    public Embedding(int inputDim, int outputDim) {
        this(builder(inputDim, outputDim));
    }

    /** From a builder. */
    public Embedding(Builder b) {
        super(b.name);
        if (b.inputDim <= 0 || b.outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive integers, got "
                    + b.inputDim + " and " + b.outputDim);
        }
        this.inputDim = b.inputDim;
        this.outputDim = b.outputDim;
        this.embeddingsInitializer = Initializers.get(b.embeddingsInitializer);
        this.embeddingsRegularizer = Regularizers.get(b.embeddingsRegularizer);
        this.embeddingsConstraint = Constraints.get(b.embeddingsConstraint);
        this.maskZero = b.maskZero;
        setActivityRegularizer(Regularizers.get(b.activityRegularizer));
    }

    /** A builder with Keras's defaults. */
    public static Builder builder(int inputDim, int outputDim) {
        return new Builder(inputDim, outputDim);
    }

    /** From a Keras config ({@code input_length} is ignored). */
    public static Embedding fromConfig(ConfigMap c) {
        Builder b = builder(c.getInt("input_dim", 0), c.getInt("output_dim", 0)).name(c.getString("name", null))
                .maskZero(c.getBoolean("mask_zero", false))
                .embeddingsRegularizer(c.get("embeddings_regularizer"))
                .activityRegularizer(c.get("activity_regularizer"))
                .embeddingsConstraint(c.get("embeddings_constraint"));
        if (c.has("embeddings_initializer")) {
            b.embeddingsInitializer(c.get("embeddings_initializer"));
        }
        return new Embedding(b);
    }

    @Override
    protected void build(int[] inputShape) {
        embeddings = addWeight("embeddings", new int[] {inputDim, outputDim}, embeddingsInitializer, true,
                embeddingsRegularizer, embeddingsConstraint);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor idx = indices(input);
        int[] flat = idx.toIntArray();
        for (int v : flat) {
            if (v < 0 || v >= inputDim) {
                throw new IllegalArgumentException(describe() + ": index " + v + " is out of range [0, " + inputDim
                        + "); input_dim must be larger than the largest index (vocabulary size + 1 with mask_zero)");
            }
        }
        return embeddings.value().take(idx, 0);
    }

    private static Tensor indices(Tensor input) {
        if (input.dtype() == DType.INT32 || input.dtype() == DType.INT64) {
            return input;
        }
        double[] d = input.toDoubleArray();
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (int) Math.round(d[i]);
        }
        return Tensor.ofInts(r, input.shape());
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        if (!maskZero) {
            return null;
        }
        return indices(input).ne(Tensor.zeros(DType.INT32, 1));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] out = java.util.Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    /** The embedding matrix {@code (input_dim, output_dim)}, once built. */
    public Variable embeddings() {
        return embeddings;
    }

    /** The number of indices. */
    public int inputDim() {
        return inputDim;
    }

    /** The size of each vector. */
    public int outputDim() {
        return outputDim;
    }

    /** Whether index 0 is padding and masked. */
    public boolean maskZero() {
        return maskZero;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("input_dim", inputDim);
        m.put("output_dim", outputDim);
        m.put("embeddings_initializer", embeddingsInitializer.serialize());
        m.put("embeddings_regularizer", Serialization.orNull(embeddingsRegularizer));
        m.put("activity_regularizer", Serialization.orNull(activityRegularizer()));
        m.put("embeddings_constraint", Serialization.orNull(embeddingsConstraint));
        m.put("mask_zero", maskZero);
        m.put("quantization_config", null);
        return m;
    }

    /** Builder of {@link Embedding} with Keras's argument names and defaults. */
    public static final class Builder {
        private final int inputDim;
        private final int outputDim;
        private Object embeddingsInitializer = "uniform";
        private Object embeddingsRegularizer;
        private Object activityRegularizer;
        private Object embeddingsConstraint;
        private boolean maskZero;
        private String name;

        Builder(int inputDim, int outputDim) {
            this.inputDim = inputDim;
            this.outputDim = outputDim;
        }

        /** Initializer of the embedding matrix (default {@code "uniform"}). */
        public Builder embeddingsInitializer(Object i) {
            this.embeddingsInitializer = i;
            return this;
        }

        /** Regularizer of the embedding matrix. */
        public Builder embeddingsRegularizer(Object r) {
            this.embeddingsRegularizer = r;
            return this;
        }

        /** Activity (output) regularizer. */
        public Builder activityRegularizer(Object r) {
            this.activityRegularizer = r;
            return this;
        }

        /** Constraint of the embedding matrix. */
        public Builder embeddingsConstraint(Object c) {
            this.embeddingsConstraint = c;
            return this;
        }

        /** Treat index 0 as padding and produce a mask (default false). */
        public Builder maskZero(boolean v) {
            this.maskZero = v;
            return this;
        }

        /** The layer name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public Embedding build() {
            return new Embedding(this);
        }
    }
}
