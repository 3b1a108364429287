package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
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
        boolean anyMask = masks.stream().anyMatch(m -> m != null);
        if (anyMask && layer instanceof SupportsMasking m) {
            return m.applyMasked(inputs, masks, false);
        }
        return layer.apply(inputs, false);
    }
}
