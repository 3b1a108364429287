package dev.airfoil.autodiff;

import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: records operations on tensors that require gradients and walks the
 * recorded graph backwards.
 *
 * <p>The walk is iterative (an explicit stack for the topological order), so a chain of any length
 * backpropagates without a stack overflow. Gradients accumulate into {@link Tensor#grad()} of
 * every leaf that requires them.
 */
public final class Autograd {
    private Autograd() {
    }

    /** Whether an operation on these inputs should be recorded. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records {@code output = op(inputs)} with the given chain rule when any input requires a
     * gradient and recording is on; returns {@code output} either way.
     */
    public static Tensor record(Tensor output, String op, Tensor[] inputs, BackwardRule rule) {
        if (needsGrad(inputs)) {
            output.setGradFn(new Node(op, inputs, rule));
        }
        return output;
    }

    /**
     * Backpropagates from {@code root} with the given output gradient (ones for a scalar root when
     * {@code gradOutput} is null).
     */
    public static void backward(Tensor root, Tensor gradOutput) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): this tensor does not require a gradient and has no "
                    + "recorded operations; call requiresGrad(true) on the leaves before computing it");
        }
        if (gradOutput == null) {
            if (root.size() != 1) {
                throw new IllegalArgumentException("backward(): the output has shape " + Shape.str(root.shape())
                        + "; an implicit gradient exists only for a scalar — pass the output gradient explicitly");
            }
            gradOutput = Tensor.ones(root.dtype(), root.shape());
        } else if (!Shape.equal(gradOutput.shape(), root.shape())) {
            throw new IllegalArgumentException("backward(): gradient shape " + Shape.str(gradOutput.shape())
                    + " does not match the output shape " + Shape.str(root.shape()));
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, gradOutput);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                Node node = t.gradFn();
                if (node == null) {
                    t.accumulateGrad(g);
                    continue;
                }
                Tensor[] inputs = node.rawInputs();
                Tensor[] inGrads = node.backward(g);
                for (int k = 0; k < inputs.length; k++) {
                    Tensor in = inputs[k];
                    Tensor ig = inGrads[k];
                    if (in == null || ig == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!Shape.equal(ig.shape(), in.shape())) {
                        throw new IllegalStateException("internal error: backward of '" + node.op() + "' produced a gradient of shape "
                                + Shape.str(ig.shape()) + " for an input of shape " + Shape.str(in.shape()));
                    }
                    Tensor prev = grads.get(in);
                    grads.put(in, prev == null ? ig : prev.plusGradient(ig));
                }
            }
        }
    }

    /** Tensors reachable from {@code root}, every tensor after all of its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.gradFn();
            Tensor[] inputs = node == null ? new Tensor[0] : node.rawInputs();
            boolean pushed = false;
            while (next < inputs.length) {
                Tensor in = inputs[next++];
                if (in != null && in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                    frame[1] = next;
                    stack.push(new Object[] {in, 0});
                    pushed = true;
                    break;
                }
            }
            if (!pushed) {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
