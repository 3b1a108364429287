package dev.airfoil.autodiff;

import dev.airfoil.tensor.Tensor;

/**
 * The chain rule of one primitive: maps the gradient of the output to one gradient per input
 * (an entry may be {@code null} for an input that needs none, such as an index tensor).
 * Rules run with gradient recording switched off.
 */
@FunctionalInterface
public interface BackwardRule {
    /** Returns the gradients of the inputs, in input order, each of the input's shape. */
    Tensor[] apply(Tensor gradOutput);
}
