package dev.airfoil.layers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;

/**
 * A symbolic tensor of the functional API: a shape (with {@code -1} for unknown dimensions, shown
 * as {@code None}), a dtype, and the layer call that produced it. Returned by {@link Input} and by
 * {@link Layer#apply(KerasTensor)}; no data.
 */
public final class KerasTensor {
    private final int[] shape;
    private final DType dtype;
    private final Node node;
    private final int index;
    private final String name;

    KerasTensor(int[] shape, DType dtype, Node node, int index, String name) {
        this.shape = shape.clone();
        this.dtype = dtype;
        this.node = node;
        this.index = index;
        this.name = name;
    }

    /** The shape, {@code -1} for unknown dimensions (the batch dimension first). */
    public int[] shape() {
        return shape.clone();
    }

    /** The rank. */
    public int rank() {
        return shape.length;
    }

    /** The dtype. */
    public DType dtype() {
        return dtype;
    }

    /** The layer call that produced this tensor. */
    public Node node() {
        return node;
    }

    /** The position of this tensor among its node's outputs. */
    public int index() {
        return index;
    }

    /** The producing layer. */
    public Layer layer() {
        return node.layer();
    }

    /** A readable name, such as {@code "keras_tensor_3"}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + Shape.str(shape) + ", dtype=" + dtype + ", name=" + name + ">";
    }
}
