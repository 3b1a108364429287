package dev.airfoil.layers.core;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Keras-style timestep masks, made explicit. A mask is a bool tensor {@code (batch, time)}:
 * {@code true} where a timestep holds data, {@code false} where it is padding.
 *
 * <p>A layer that implements this interface
 * <ul>
 *   <li>tells what mask its output carries with {@link #computeMask} ({@code Embedding(mask_zero=true)}
 *       and {@code Masking} create one; recurrent layers with {@code return_sequences} pass it on,
 *       without it they consume it), and</li>
 *   <li>accepts the masks of its inputs with {@link #applyMasked} (recurrent layers skip masked
 *       timesteps; attention layers ignore masked keys and zero masked queries).</li>
 * </ul>
 * Implementing the interface is Keras's {@code supports_masking = True}: a layer that does nothing
 * else (Dense, activations, dropout, layer normalization) passes its input's mask on. {@code
 * Sequential} models and functional graphs thread masks from layer to layer by these rules
 * ({@link Masks#call}); a layer that does not implement the interface drops the mask, as in Keras.
 *
 * <pre>{@code
 * Embedding emb = Embedding.builder(100, 8).maskZero(true).build();
 * LSTM lstm = LSTM.builder(16).build();
 * Tensor y = Masks.sequential(List.of(emb, lstm), tokens, false).output();
 * // or by hand:
 * Tensor e = emb.apply(tokens);
 * Tensor mask = emb.computeMask(tokens, null);
 * Tensor h = lstm.applyMasked(List.of(e), java.util.Arrays.asList(mask), false).get(0);
 * }</pre>
 */
public interface SupportsMasking {

    /**
     * The mask of this layer's output given its (first) input and that input's mask (null when
     * unmasked); null when the output carries no mask. The default passes the mask through.
     */
    default Tensor computeMask(Tensor input, Tensor previousMask) {
        return previousMask;
    }

    /**
     * Calls the layer (building it first if needed) with one mask per input (null entries, or a
     * null list, for unmasked inputs). The default ignores the masks.
     */
    default List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return ((Layer) this).apply(inputs, training);
    }

    /**
     * The masks of all this layer's outputs (one entry per output, null for unmasked) given all its
     * inputs and their masks. The default gives the first output {@link #computeMask} of the first
     * input and its mask, and the others none (Keras: a recurrent layer's states carry no mask);
     * merging layers combine the masks of all their inputs.
     */
    default List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks, int outputs) {
        List<Tensor> out = Masks.none(outputs);
        if (outputs > 0) {
            out.set(0, computeMask(inputs.get(0), Masks.first(masks)));
        }
        return out;
    }

    /**
     * Calls the layer with its inputs' masks and gives its outputs with their masks: by default
     * {@link #applyMasked} (or a plain call when no input is masked) and then {@link #computeMasks}.
     * A model overrides it to run its layers once for both.
     */
    default Masks.MaskedCall callMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        boolean masked = Masks.any(masks);
        List<Tensor> outs = masked ? applyMasked(inputs, masks, training) : ((Layer) this).apply(inputs, training);
        return new Masks.MaskedCall(outs, computeMasks(inputs, masked ? masks : Masks.none(inputs.size()), outs.size()));
    }
}
