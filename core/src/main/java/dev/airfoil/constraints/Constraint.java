package dev.airfoil.constraints;

import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.Tensor;

/** A projection applied to a weight after each optimizer update (Keras {@code Constraint}). */
public interface Constraint extends Configurable {
    /** The projected value of {@code w} (not recorded; called under no-grad). */
    Tensor apply(Tensor w);

    @Override
    default String module() {
        return "keras.constraints";
    }
}
