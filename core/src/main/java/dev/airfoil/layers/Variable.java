package dev.airfoil.layers;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

/**
 * A named, mutable weight (Keras {@code keras.Variable}): a leaf tensor that requires a gradient
 * when trainable, plus its path ({@code "dense/kernel"}), an optional constraint applied after
 * updates and an optional regularizer.
 *
 * <p>Optimizers update the value in place with {@link #assign} or through {@link #value()}'s
 * backing array; the tensor object stays the same so that gradients keep flowing to it.
 */
public final class Variable {
    private final String name;
    private String path;
    private final Tensor value;
    private boolean trainable;
    private boolean trainableWhenUnfrozen = true;
    private final Constraint constraint;
    private final Regularizer regularizer;

    /** A variable over {@code initial} (taken over, not copied). */
    public Variable(String name, Tensor initial, boolean trainable, Constraint constraint, Regularizer regularizer) {
        this.name = name;
        this.path = name;
        this.value = initial.detach();
        this.trainable = trainable;
        this.constraint = constraint;
        this.regularizer = regularizer;
        if (initial.dtype().isFloating()) {
            value.requiresGrad(trainable);
        }
    }

    /** A trainable variable without constraint or regularizer. */
    public Variable(String name, Tensor initial) {
        this(name, initial, true, null, null);
    }

    /** The short name, such as {@code "kernel"}. */
    public String name() {
        return name;
    }

    /** The full path, such as {@code "dense/kernel"}. */
    public String path() {
        return path;
    }

    /** Sets the path (done by the owning layer). */
    public void setPath(String path) {
        this.path = path;
    }

    /** The live value: use it in computations to get gradients. */
    public Tensor value() {
        return value;
    }

    /** The shape. */
    public int[] shape() {
        return value.shape();
    }

    /** The dtype. */
    public DType dtype() {
        return value.dtype();
    }

    /** The number of elements. */
    public int size() {
        return value.size();
    }

    /** Whether optimizers update it. */
    public boolean trainable() {
        return trainable;
    }

    /** Changes whether optimizers update it. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        if (value.dtype().isFloating()) {
            value.requiresGrad(trainable);
        }
    }

    /** Whether the variable is trainable when its layer is not frozen (false for moving statistics). */
    public boolean isTrainableWhenUnfrozen() {
        return trainableWhenUnfrozen;
    }

    /** Records whether the variable is trainable when its layer is not frozen. */
    public void setTrainableWhenUnfrozen(boolean value) {
        this.trainableWhenUnfrozen = value;
    }

    /** The constraint applied after updates, or null. */
    public Constraint constraint() {
        return constraint;
    }

    /** The regularizer, or null. */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** The accumulated gradient of the value, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /** Copies new values in (same shape), not recorded. */
    public void assign(Tensor newValue) {
        if (!Shape.equal(newValue.shape(), value.shape())) {
            throw new IllegalArgumentException("Variable '" + path + "': cannot assign a value of shape "
                    + Shape.str(newValue.shape()) + " to a variable of shape " + Shape.str(value.shape()));
        }
        value.assign(newValue);
    }

    @Override
    public String toString() {
        return "<Variable path=" + path + ", shape=" + Shape.str(value.shape()) + ", dtype=" + value.dtype() + ">";
    }
}
