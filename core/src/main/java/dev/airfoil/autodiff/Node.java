package dev.airfoil.autodiff;

import dev.airfoil.tensor.Tensor;

/**
 * One recorded operation in the autodiff graph: the operation's name, its inputs and the rule that
 * turns the gradient of its output into gradients of its inputs.
 *
 * <p>Nodes are created by {@link Autograd#record}; user code rarely sees them except through
 * {@link Tensor#gradFn()}.
 */
public final class Node {
    private final String op;
    private final Tensor[] inputs;
    private final BackwardRule rule;

    Node(String op, Tensor[] inputs, BackwardRule rule) {
        this.op = op;
        this.inputs = inputs;
        this.rule = rule;
    }

    /** The operation name, such as {@code "matmul"}. */
    public String op() {
        return op;
    }

    /** The operation's inputs (a defensive copy). */
    public Tensor[] inputs() {
        return inputs.clone();
    }

    Tensor[] rawInputs() {
        return inputs;
    }

    Tensor[] backward(Tensor gradOutput) {
        return rule.apply(gradOutput);
    }

    @Override
    public String toString() {
        return "<" + op + "Backward>";
    }
}
