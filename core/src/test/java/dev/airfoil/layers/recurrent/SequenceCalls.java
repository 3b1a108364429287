package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.attention.BaseDenseAttention;
import dev.airfoil.layers.attention.MultiHeadAttention;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Map;

/** Calls a sequence layer the way the golden script called its Keras twin. */
final class SequenceCalls {
    private SequenceCalls() {
    }

    static List<Tensor> call(Layer layer, List<Tensor> inputs, List<Tensor> masks, Tensor attentionMask,
                             Map<String, Object> kwargs) {
        boolean scores = Boolean.TRUE.equals(kwargs.get("return_attention_scores"));
        boolean causal = Boolean.TRUE.equals(kwargs.get("use_causal_mask"));
        if (layer instanceof MultiHeadAttention mha) {
            return mha.call(inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null, attentionMask,
                    masks, scores, causal, false);
        }
        if (layer instanceof BaseDenseAttention att) {
            return att.call(inputs, masks, scores, causal, false);
        }
        boolean anyMask = masks.stream().anyMatch(m -> m != null);
        if (anyMask && layer instanceof SupportsMasking m) {
            return m.applyMasked(inputs, masks, false);
        }
        return layer.apply(inputs, false);
    }
}
