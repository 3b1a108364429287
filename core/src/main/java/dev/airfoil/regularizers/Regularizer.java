package dev.airfoil.regularizers;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.Tensor;

/** A penalty on a weight or activation, added to the loss during training (Keras {@code Regularizer}). */
public interface Regularizer extends Configurable {
    /** The scalar penalty for {@code x} (recorded for autodiff). */
    Tensor apply(Tensor x);

    @Override
    default String module() {
        return "keras.regularizers";
    }
}
