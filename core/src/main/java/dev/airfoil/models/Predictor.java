package dev.airfoil.models;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.recurrent.Bidirectional;
import dev.airfoil.layers.recurrent.TimeDistributed;
import dev.airfoil.tensor.BatchBuffers;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.PackedWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Batched inference: cuts the inputs into row views (no copy where the first layer reads them in
 * place), runs the model without recording, and joins the outputs.
 */
final class Predictor {
    private Predictor() {
    }

    static List<Tensor> predict(Model model, List<Tensor> inputs, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("predict: batch size must be positive, got " + batchSize);
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("predict: no inputs given");
        }
        int n = inputs.get(0).rank() == 0 ? 0 : inputs.get(0).shape()[0];
        for (Tensor t : inputs) {
            if (t.rank() == 0 || t.shape()[0] != n) {
                throw new IllegalArgumentException("predict: all inputs need the same number of samples on axis 0; got shapes "
                        + inputs.stream().map(x -> Shape.str(x.shape())).toList());
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("predict: the input has no samples (shape "
                    + Shape.str(inputs.get(0).shape()) + ")");
        }
        List<List<Tensor>> perOutput = new ArrayList<>();
        boolean reuse = n > batchSize && keepsNothing(model);
        // the same weights for every batch: a kernel is packed once per call (not for a model whose own
        // call may change its weights between batches)
        try (GradMode.Scope s = GradMode.noGrad(); BatchBuffers.Scope buffers = reuse ? BatchBuffers.open() : null;
             PackedWeights.Scope packed = reuse ? PackedWeights.open() : null) {
            for (int start = 0; start < n; start += batchSize) {
                int stop = Math.min(n, start + batchSize);
                List<Tensor> batch = new ArrayList<>(inputs.size());
                for (Tensor t : inputs) {
                    batch.add(start == 0 && stop == n ? t : t.rowsView(start, stop));
                }
                List<Tensor> outs = model.apply(batch, false);
                if (buffers != null) {
                    buffers.endBatch(outs);
                }
                for (int i = 0; i < outs.size(); i++) {
                    if (perOutput.size() <= i) {
                        perOutput.add(new ArrayList<>());
                    }
                    perOutput.get(i).add(outs.get(i));
                }
            }
        }
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> parts : perOutput) {
            result.add(parts.size() == 1 ? parts.get(0) : Tensor.concatenate(parts, 0));
        }
        return result;
    }

    /**
     * Whether no part of the model can hold a tensor from one batch into the next, so that the
     * arrays of a batch's intermediate results can be reused ({@link BatchBuffers}): a functional or
     * {@code Sequential} model (not a subclass with its own {@code call}) of Airfoil's own layers,
     * none of them a stateful recurrent layer or with a user's activity regularizer (which sees the
     * layer's output in training).
     */
    static boolean keepsNothing(Model model) {
        if (model.getClass() != Model.class && model.getClass() != Sequential.class) {
            return false;
        }
        for (Layer l : model.layers()) {
            if (!keepsNothing(l)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keepsNothing(Layer l) {
        if (l instanceof Model m) {
            return keepsNothing(m);
        }
        if (l instanceof Bidirectional b) {
            return keepsNothing(b.forwardLayer()) && keepsNothing(b.backwardLayer());
        }
        if (l instanceof TimeDistributed td) {
            return keepsNothing(td.layer());
        }
        if (l instanceof dev.airfoil.layers.recurrent.RNN rnn && !keepsNothing(rnn.cell())) {
            return false;
        }
        if (l instanceof dev.airfoil.layers.recurrent.StackedRNNCells stack
                && !stack.cells().stream().allMatch(Predictor::keepsNothing)) {
            return false;
        }
        return l.getClass().getName().startsWith("dev.airfoil.layers.") && !(l instanceof dev.airfoil.layers.recurrent.Recurrent r && r.stateful())
                && (l.activityRegularizer() == null
                    || l.activityRegularizer().getClass().getName().startsWith("dev.airfoil.regularizers."));
    }
}
