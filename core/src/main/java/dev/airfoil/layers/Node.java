package dev.airfoil.layers;

import java.util.Collections;
import java.util.List;

/**
 * One call of a layer in a functional graph: the symbolic inputs it received and the symbolic
 * outputs it produced. A layer shared between several calls has several nodes.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private List<KerasTensor> outputs;

    Node(Layer layer, List<KerasTensor> inputs) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
    }

    void setOutputs(List<KerasTensor> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** The layer that was called. */
    public Layer layer() {
        return layer;
    }

    /** The symbolic inputs (empty for an input layer's node). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs. */
    public List<KerasTensor> outputs() {
        return outputs == null ? Collections.emptyList() : outputs;
    }

    /** Whether this is the node of an {@link InputLayer}. */
    public boolean isInput() {
        return inputs.isEmpty();
    }

    /** This node's position in its layer's list of calls (the first index of Keras's {@code dense[0][0]}). */
    public int indexInLayer() {
        return layer.inboundNodes().indexOf(this);
    }
}
