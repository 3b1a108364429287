package dev.airfoil.tensor;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.autodiff.Node;

import java.util.Arrays;
import java.util.List;

/**
 * An N-dimensional array on the Java heap with a shape, row-major strides and a {@link DType},
 * that can record the operations applied to it for reverse-mode automatic differentiation.
 *
 * <p>Tensors are values: every operation returns a new tensor (reshape may share the backing array,
 * as a NumPy view does). The few in-place methods ({@link #assign}, {@link #addInPlace}, ...) exist
 * for weight updates and are never recorded. Broadcasting follows NumPy everywhere it applies.
 *
 * <pre>{@code
 * Tensor w = Tensor.randomNormal(42, 0, 1, 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
 * Tensor loss = x.matmul(w).tanh().sum();
 * loss.backward();
 * System.out.println(w.grad());
 * }</pre>
 *
 * <p>The operations live in package-private groups ({@code Elementwise}, {@code Reductions},
 * {@code Movement}, {@code LinearAlgebra}, {@code Creation}); this class is their facade.
 */
public final class Tensor {
    final DType dtype;
    final int[] shape;
    /** Whether {@link #rowsView} makes views (system property airfoil.tensor.rowViews=false: copies, as slice does). */
    static volatile boolean rowViews = !"false".equals(System.getProperty("airfoil.tensor.rowViews"));

    /** The backing array; null for a {@link #rowsView row view} until something reads it whole. */
    private final Object array;
    /** A row view's source array and its first element there; null and 0 otherwise. */
    private final Object viewSource;
    private final int viewOffset;
    /** A row view's own copy, made by the first {@link #data()} call. */
    private volatile Object viewCopy;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    /** Set on gradients a backward rule has just made and holds no reference to: a leaf may adopt them. */
    private boolean adoptable;
    /** A leaf's previous gradient, kept by {@link #recycleGrad()} to be overwritten by the next backward pass. */
    private Tensor spareGrad;

    Tensor(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.array = data;
        this.viewSource = null;
        this.viewOffset = 0;
    }

    private Tensor(DType dtype, int[] shape, Object source, int offset) {
        this.dtype = dtype;
        this.shape = shape;
        this.array = null;
        this.viewSource = source;
        this.viewOffset = offset;
    }

    /**
     * The contiguous backing array, row-major from index 0. A row view copies its rows out of the
     * source on the first call (kernels that take an offset read them in place through
     * {@link #floatStorage()} and {@link #storageOffset()} instead).
     */
    Object data() {
        Object a = array;
        return a != null ? a : viewData();
    }

    private Object viewData() {
        Object copy = viewCopy;
        if (copy == null) {
            copy = Buffers.alloc(dtype, size());
            System.arraycopy(viewSource, viewOffset, copy, 0, size());
            viewCopy = copy;
        }
        return copy;
    }

    /** A tensor of {@code shape} over the same storage (the same array, or the same rows of a view's source). */
    Tensor sharing(int[] newShape) {
        return array != null || viewCopy != null ? new Tensor(dtype, newShape, data())
                : new Tensor(dtype, newShape, viewSource, viewOffset);
    }

    // ---------------------------------------------------------------- creation

    /** A float32 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A tensor of zeros of the given dtype. */
    public static Tensor zeros(DType dtype, int... shape) {
        int[] s = shape.clone();
        return new Tensor(dtype, s, Buffers.alloc(dtype, Shape.size(s)));
    }

    /** A float32 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    /** A tensor of ones of the given dtype. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** A float32 tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(DType.FLOAT32, value, shape);
    }

    /** A tensor of the given dtype filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        return Creation.full(dtype, value, shape.clone());
    }

    /** A tensor of zeros with the shape and dtype of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return zeros(like.dtype, like.shape);
    }

    /** A tensor of ones with the shape and dtype of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return full(like.dtype, 1, like.shape);
    }

    /** A float32 scalar (rank 0). */
    public static Tensor scalar(double value) {
        return full(DType.FLOAT32, value);
    }

    /** A scalar (rank 0) of the given dtype. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** {@code [0, 1, ..., n-1]} as int32. */
    public static Tensor arange(int n) {
        return Creation.arange(DType.INT32, 0, n, 1);
    }

    /** Evenly spaced float32 values in {@code [start, stop)} with the given step. */
    public static Tensor arange(double start, double stop, double step) {
        return Creation.arange(DType.FLOAT32, start, stop, step);
    }

    /** Evenly spaced values of the given dtype in {@code [start, stop)}. */
    public static Tensor arange(DType dtype, double start, double stop, double step) {
        return Creation.arange(dtype, start, stop, step);
    }

    /** The float32 identity matrix of size {@code n}. */
    public static Tensor eye(int n) {
        return Creation.eye(DType.FLOAT32, n, n);
    }

    /** A {@code rows×cols} matrix of the given dtype with ones on the diagonal. */
    public static Tensor eye(DType dtype, int rows, int cols) {
        return Creation.eye(dtype, rows, cols);
    }

    /** A float32 tensor over a copy of {@code data}, in row-major order. */
    public static Tensor of(float[] data, int... shape) {
        return Creation.wrap(DType.FLOAT32, data.clone(), data.length, shape);
    }

    /** A float64 tensor over a copy of {@code data}, in row-major order. */
    public static Tensor of(double[] data, int... shape) {
        return Creation.wrap(DType.FLOAT64, data.clone(), data.length, shape);
    }

    /** An int32 tensor over a copy of {@code data}. */
    public static Tensor ofInts(int[] data, int... shape) {
        return Creation.wrap(DType.INT32, data.clone(), data.length, shape);
    }

    /** An int64 tensor over a copy of {@code data}. */
    public static Tensor ofLongs(long[] data, int... shape) {
        return Creation.wrap(DType.INT64, data.clone(), data.length, shape);
    }

    /** A bool tensor over a copy of {@code data}. */
    public static Tensor ofBooleans(boolean[] data, int... shape) {
        return Creation.wrap(DType.BOOL, data.clone(), data.length, shape);
    }

    /**
     * A float32 tensor that takes ownership of {@code data} without copying (the caller must not
     * modify the array afterwards). For loaders and kernels that build large arrays.
     */
    public static Tensor wrap(float[] data, int... shape) {
        return Creation.wrap(DType.FLOAT32, data, data.length, shape);
    }

    /**
     * For backward rules ({@link dev.airfoil.autodiff.BackwardRule}): a float32 gradient over an array
     * the rule has just filled and keeps no reference to. Unlike {@link #wrap(float[], int...)}, the
     * autodiff engine may adopt the tensor as a leaf's gradient instead of copying it, so the rule must
     * not return it for two inputs or write the array afterwards.
     */
    public static Tensor freshGradient(float[] data, int... shape) {
        return wrap(data, shape).markFreshGradient();
    }

    /** {@link #freshGradient} for a tensor an operation of this package has just made; returns {@code this}. */
    Tensor markFreshGradient() {
        adoptable = true;
        return this;
    }

    /** A float64 tensor that takes ownership of {@code data} without copying. */
    public static Tensor wrap(double[] data, int... shape) {
        return Creation.wrap(DType.FLOAT64, data, data.length, shape);
    }

    /**
     * A tensor from a (possibly nested, rectangular) Java array of any rank: {@code float[][]},
     * {@code double[][][]}, {@code int[]}, {@code long[]}, {@code boolean[][]}, or a boxed scalar.
     * The dtype follows the element type.
     */
    public static Tensor fromArray(Object javaArray) {
        return Creation.fromArray(javaArray);
    }

    /** Uniform float32 values in {@code [min, max)} from an explicit seed. */
    public static Tensor randomUniform(long seed, double min, double max, int... shape) {
        return Creation.randomUniform(DType.FLOAT32, seed, min, max, shape.clone());
    }

    /** Normal float32 values from an explicit seed. */
    public static Tensor randomNormal(long seed, double mean, double stddev, int... shape) {
        return Creation.randomNormal(DType.FLOAT32, seed, mean, stddev, false, shape.clone());
    }

    /**
     * Normal float32 values truncated to two standard deviations (values further away are redrawn),
     * as Keras's {@code truncated_normal}.
     */
    public static Tensor truncatedNormal(long seed, double mean, double stddev, int... shape) {
        return Creation.randomNormal(DType.FLOAT32, seed, mean, stddev, true, shape.clone());
    }

    /** One-hot float32 encoding of integer {@code indices}: the result has a new last axis of size {@code numClasses}. */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return Creation.oneHot(indices, numClasses);
    }

    /** Element-wise choice: {@code condition ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    /** Concatenates tensors along an existing axis. */
    public static Tensor concatenate(List<Tensor> tensors, int axis) {
        return Movement.concatenate(tensors, axis);
    }

    /** Stacks tensors of equal shape along a new axis. */
    public static Tensor stack(List<Tensor> tensors, int axis) {
        return Movement.stack(tensors, axis);
    }

    // ---------------------------------------------------------------- properties

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of one axis (negative axes count from the end). */
    public int dim(int axis) {
        return shape[Shape.axis(axis, shape.length, "dim")];
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return Shape.size(shape);
    }

    /** Row-major strides in elements (tensors are always stored contiguously). */
    public int[] strides() {
        return Shape.strides(shape);
    }

    /**
     * The live backing array of a float32 tensor, row-major and contiguous. For kernels, loaders and
     * optimizers; writing to it bypasses autodiff.
     */
    public float[] floatData() {
        requireDType(DType.FLOAT32, "floatData");
        return (float[]) data();
    }

    /**
     * The array a float32 kernel may read this tensor from, starting at {@link #storageOffset()}: the
     * backing array, or for a {@link #rowsView row view} not yet copied, its source. Read only.
     */
    public float[] floatStorage() {
        requireDType(DType.FLOAT32, "floatStorage");
        return (float[]) (array != null ? array : viewCopy != null ? viewCopy : viewSource);
    }

    /**
     * Where this tensor's first element sits in {@link #floatStorage()}: 0 except for an uncopied row
     * view. Read the two together on the thread that uses the tensor: a copy another thread makes in
     * between changes both.
     */
    public int storageOffset() {
        return array != null || viewCopy != null ? 0 : viewOffset;
    }

    /** The live backing array of a float64 tensor. */
    public double[] doubleData() {
        requireDType(DType.FLOAT64, "doubleData");
        return (double[]) data();
    }

    /** The live backing array of an int32 tensor. */
    public int[] intData() {
        requireDType(DType.INT32, "intData");
        return (int[]) data();
    }

    /** The live backing array of an int64 tensor. */
    public long[] longData() {
        requireDType(DType.INT64, "longData");
        return (long[]) data();
    }

    /** The live backing array of a bool tensor. */
    public boolean[] booleanData() {
        requireDType(DType.BOOL, "booleanData");
        return (boolean[]) data();
    }

    private void requireDType(DType expected, String op) {
        if (dtype != expected) {
            throw new IllegalStateException(op + "(): tensor has dtype " + dtype + ", expected " + expected
                    + "; convert it first with cast(DType." + expected.name() + ")");
        }
    }

    /** The element at a multi-index, as a double. */
    public double get(int... index) {
        return Buffers.get(data(), dtype, flatIndex(index));
    }

    /** The element at a flat row-major position, as a double. */
    public double getFlat(int position) {
        return Buffers.get(data(), dtype, position);
    }

    /** The single value of a tensor with one element. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item(): tensor of shape " + Shape.str(shape)
                    + " has " + size() + " elements; item() needs exactly one");
        }
        return Buffers.get(data(), dtype, 0);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get(): " + index.length + " indices for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int ix = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (ix < 0 || ix >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for axis " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + ix;
        }
        return flat;
    }

    /** A copy of the elements as float32, row-major. */
    public float[] toFloatArray() {
        return (float[]) Buffers.convert(data(), dtype, DType.FLOAT32, size());
    }

    /** A copy of the elements as float64, row-major. */
    public double[] toDoubleArray() {
        return (double[]) Buffers.convert(data(), dtype, DType.FLOAT64, size());
    }

    /** A copy of the elements as int32, row-major (floats are truncated toward zero). */
    public int[] toIntArray() {
        return (int[]) Buffers.convert(data(), dtype, DType.INT32, size());
    }

    /** A copy of the elements as int64, row-major. */
    public long[] toLongArray() {
        return (long[]) Buffers.convert(data(), dtype, DType.INT64, size());
    }

    /** A copy of the elements as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        return (boolean[]) Buffers.convert(data(), dtype, DType.BOOL, size());
    }

    /** The elements as a nested Java array of this tensor's rank ({@code float[][]} for a float32 matrix). */
    public Object toArray() {
        return Creation.toNestedArray(this);
    }

    /** A copy of this tensor in another dtype (recorded: gradients flow back through float casts). */
    public Tensor cast(DType target) {
        return Elementwise.cast(this, target);
    }

    /** A deep copy that shares no data and has no autodiff history. */
    public Tensor copy() {
        return new Tensor(dtype, shape.clone(), Buffers.convert(data(), dtype, dtype, size()));
    }

    // ---------------------------------------------------------------- autodiff

    /** Whether operations on this tensor are recorded for backpropagation. */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** Marks this leaf as needing a gradient; returns {@code this}. Only floating tensors can. */
    public Tensor requiresGrad(boolean value) {
        if (value && !dtype.isFloating()) {
            throw new IllegalArgumentException("requiresGrad(): only float32 and float64 tensors can require "
                    + "gradients, this one is " + dtype);
        }
        if (gradFn != null && !value) {
            throw new IllegalStateException("requiresGrad(false) on a non-leaf tensor; use detach() instead");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient of this leaf, or {@code null} before any backward pass reached it. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Clears the accumulated gradient like {@link #zeroGrad()} but keeps its array, so that the next
     * backward pass writes this leaf's gradient into it instead of allocating a new one (the training
     * loop does this after every optimizer step; a model's gradients then cost no allocation per
     * step). A tensor returned by {@link #grad()} before this call is overwritten by a later backward
     * pass: copy it to keep it.
     */
    public void recycleGrad() {
        if (grad != null) {
            spareGrad = grad;
            grad = null;
        }
    }

    /**
     * For backward rules: an array to write this float32 leaf's next gradient into and return through
     * {@link #freshGradient} — the array of its recycled gradient (see {@link #recycleGrad()}) when there
     * is one, else a new one. Its contents are stale.
     */
    public float[] gradientBuffer() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("gradientBuffer(): a float32 buffer for a " + dtype + " tensor");
        }
        Tensor s = fittingSpare();
        if (s == null) {
            return new float[size()];
        }
        spareGrad = null;
        return (float[]) s.data();
    }

    /** The recycled gradient when it still fits this tensor (same dtype and shape), else null. */
    private Tensor fittingSpare() {
        Tensor s = spareGrad;
        return s != null && s.dtype == dtype && Arrays.equals(s.shape, shape) ? s : null;
    }

    /** Whether this tensor was created by the user rather than recorded from an operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The recorded operation that produced this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Used by the autodiff engine to attach the recorded operation. */
    public void setGradFn(Node node) {
        this.gradFn = node;
    }

    /**
     * Used by the autodiff engine: {@code this + g} for two gradients of one tensor, summed into this one
     * when it is a fresh gradient (see {@link #freshGradient}) that nobody else holds, else into a new one.
     */
    public Tensor plusGradient(Tensor g) {
        if (adoptable && g.dtype == dtype && Arrays.equals(g.shape, shape)) {
            addInPlace(g);
            return this;
        }
        return add(g).markFreshGradient();
    }

    /** Used by the autodiff engine: adds {@code g} to this leaf's gradient. */
    public void accumulateGrad(Tensor g) {
        if (!requiresGrad) {
            return;
        }
        Tensor gc = g.dtype == dtype ? g : g.cast(dtype);
        if (grad != null) {
            grad.addInPlace(gc);
        } else if (gc.adoptable && Arrays.equals(gc.shape, shape)) {
            gc.adoptable = false;
            grad = gc;
            spareGrad = null;
        } else if (fittingSpare() != null) {
            grad = spareGrad;
            spareGrad = null;
            grad.assign(gc);
        } else {
            grad = gc.copy();
        }
    }

    /** Backpropagates from this scalar, filling {@link #grad()} of every leaf that requires one. */
    public void backward() {
        Autograd.backward(this, null);
    }

    /** Backpropagates with an explicit gradient of this tensor's shape. */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput);
    }

    /** The same values without autodiff history (shares the backing array). */
    public Tensor detach() {
        return sharing(shape);
    }

    // ---------------------------------------------------------------- in-place updates (never recorded)

    /** Copies {@code source}'s values (broadcast to this shape) into this tensor; returns {@code this}. */
    public Tensor assign(Tensor source) {
        Elementwise.assign(this, source);
        return this;
    }

    /** {@code this += other} (broadcast), not recorded; returns {@code this}. */
    public Tensor addInPlace(Tensor other) {
        Elementwise.inPlace(this, other, Elementwise.Op.ADD);
        return this;
    }

    /** {@code this -= other} (broadcast), not recorded; returns {@code this}. */
    public Tensor subInPlace(Tensor other) {
        Elementwise.inPlace(this, other, Elementwise.Op.SUB);
        return this;
    }

    /** {@code this *= other} (broadcast), not recorded; returns {@code this}. */
    public Tensor mulInPlace(Tensor other) {
        Elementwise.inPlace(this, other, Elementwise.Op.MUL);
        return this;
    }

    /** Sets every element to {@code value}; returns {@code this}. */
    public Tensor fill(double value) {
        Creation.fill(this, value);
        return this;
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code this + other} with broadcasting. */
    public Tensor add(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.ADD);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return add(scalarLike(value));
    }

    /** {@code this - other} with broadcasting. */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.SUB);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return sub(scalarLike(value));
    }

    /** {@code this * other} with broadcasting. */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.MUL);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return mul(scalarLike(value));
    }

    /** {@code this / other} with broadcasting (true division: integers give float32). */
    public Tensor div(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.DIV);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return div(scalarLike(value));
    }

    /** {@code this ^ exponent} with broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(this, exponent, Elementwise.Op.POW);
    }

    /** {@code this ^ exponent}. */
    public Tensor pow(double exponent) {
        return Elementwise.powScalar(this, exponent);
    }

    /** Element-wise minimum with broadcasting. */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.MIN);
    }

    /** Element-wise maximum with broadcasting. */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.Op.MAX);
    }

    /** Element-wise minimum with a constant. */
    public Tensor minimum(double value) {
        return minimum(scalarLike(value));
    }

    /** Element-wise maximum with a constant. */
    public Tensor maximum(double value) {
        return maximum(scalarLike(value));
    }

    /** Clips values into {@code [min, max]}; the gradient passes where the value was inside. */
    public Tensor clip(double min, double max) {
        return Elementwise.clip(this, min, max);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Elementwise.unary(this, Elementwise.Unary.NEG);
    }

    /** {@code |this|}. */
    public Tensor abs() {
        return Elementwise.unary(this, Elementwise.Unary.ABS);
    }

    /** The sign: -1, 0 or 1 (no gradient). */
    public Tensor sign() {
        return Elementwise.unary(this, Elementwise.Unary.SIGN);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Elementwise.unary(this, Elementwise.Unary.SQRT);
    }

    /** {@code this * this}. */
    public Tensor square() {
        return Elementwise.unary(this, Elementwise.Unary.SQUARE);
    }

    /** {@code 1 / this}. */
    public Tensor reciprocal() {
        return Elementwise.unary(this, Elementwise.Unary.RECIPROCAL);
    }

    /** Natural exponential. */
    public Tensor exp() {
        return Elementwise.unary(this, Elementwise.Unary.EXP);
    }

    /** {@code exp(this) - 1}, accurate near zero. */
    public Tensor expm1() {
        return Elementwise.unary(this, Elementwise.Unary.EXPM1);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Elementwise.unary(this, Elementwise.Unary.LOG);
    }

    /** {@code log(1 + this)}, accurate near zero. */
    public Tensor log1p() {
        return Elementwise.unary(this, Elementwise.Unary.LOG1P);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Elementwise.unary(this, Elementwise.Unary.TANH);
    }

    /** Logistic sigmoid {@code 1 / (1 + exp(-x))}, computed stably. */
    public Tensor sigmoid() {
        return Elementwise.unary(this, Elementwise.Unary.SIGMOID);
    }

    /** Gauss error function. */
    public Tensor erf() {
        return Elementwise.unary(this, Elementwise.Unary.ERF);
    }

    /** Sine. */
    public Tensor sin() {
        return Elementwise.unary(this, Elementwise.Unary.SIN);
    }

    /** Cosine. */
    public Tensor cos() {
        return Elementwise.unary(this, Elementwise.Unary.COS);
    }

    /** {@code max(x, 0)} (gradient 0 at 0, as Keras and PyTorch). */
    public Tensor relu() {
        return Elementwise.unary(this, Elementwise.Unary.RELU);
    }

    /** {@code log(1 + exp(x))}, computed stably. */
    public Tensor softplus() {
        return Elementwise.unary(this, Elementwise.Unary.SOFTPLUS);
    }

    /** Element-wise {@code ==} as a bool tensor. */
    public Tensor eq(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.EQ);
    }

    /** Element-wise {@code !=}. */
    public Tensor ne(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.NE);
    }

    /** Element-wise {@code <}. */
    public Tensor lt(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.LT);
    }

    /** Element-wise {@code <=}. */
    public Tensor le(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.LE);
    }

    /** Element-wise {@code >}. */
    public Tensor gt(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.GT);
    }

    /** Element-wise {@code >=}. */
    public Tensor ge(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.GE);
    }

    /** Element-wise {@code ==} with a constant. */
    public Tensor eq(double value) {
        return eq(scalarLike(value));
    }

    /** Element-wise {@code >} with a constant. */
    public Tensor gt(double value) {
        return gt(scalarLike(value));
    }

    /** Element-wise {@code >=} with a constant. */
    public Tensor ge(double value) {
        return ge(scalarLike(value));
    }

    /** Element-wise {@code <} with a constant. */
    public Tensor lt(double value) {
        return lt(scalarLike(value));
    }

    /** Element-wise {@code <=} with a constant. */
    public Tensor le(double value) {
        return le(scalarLike(value));
    }

    /** Logical and of two bool (or non-zero) tensors. */
    public Tensor and(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.AND);
    }

    /** Logical or of two bool (or non-zero) tensors. */
    public Tensor or(Tensor other) {
        return Elementwise.compare(this, other, Elementwise.Op.OR);
    }

    /** Logical not. */
    public Tensor not() {
        return eq(Tensor.scalar(DType.BOOL, 0));
    }

    /** A scalar of this tensor's dtype (float32 for integer tensors with a fractional value). */
    Tensor scalarLike(double value) {
        DType t = dtype;
        if (!t.isFloating() && (value != Math.rint(value) || Double.isInfinite(value) || Double.isNaN(value))) {
            t = DType.FLOAT32;
        }
        if (t == DType.BOOL) {
            t = DType.INT32;
        }
        return Creation.full(t, value, new int[0]);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements. */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /** Sum over the given axes (all when empty), optionally keeping reduced axes as size 1. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** Sum over one axis. */
    public Tensor sum(int axis) {
        return Reductions.sum(this, new int[] {axis}, false);
    }

    /** Mean of all elements. */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /** Mean over the given axes. */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** Mean over one axis. */
    public Tensor mean(int axis) {
        return Reductions.mean(this, new int[] {axis}, false);
    }

    /** Maximum of all elements. */
    public Tensor max() {
        return Reductions.extreme(this, null, false, true);
    }

    /** Maximum over the given axes (the gradient is shared equally among ties). */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.extreme(this, axes, keepDims, true);
    }

    /** Minimum of all elements. */
    public Tensor min() {
        return Reductions.extreme(this, null, false, false);
    }

    /** Minimum over the given axes. */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reductions.extreme(this, axes, keepDims, false);
    }

    /** Index of the maximum along an axis, as int64 (first one among ties). */
    public Tensor argmax(int axis) {
        return Reductions.argExtreme(this, axis, true);
    }

    /** Index of the minimum along an axis, as int64. */
    public Tensor argmin(int axis) {
        return Reductions.argExtreme(this, axis, false);
    }

    /** Population variance (divides by N, as NumPy and Keras) over the given axes. */
    public Tensor variance(int[] axes, boolean keepDims) {
        return Reductions.variance(this, axes, keepDims);
    }

    /** Population standard deviation over the given axes. */
    public Tensor std(int[] axes, boolean keepDims) {
        return variance(axes, keepDims).sqrt();
    }

    /** {@code log(sum(exp(x)))} over the given axes, computed stably. */
    public Tensor logsumexp(int[] axes, boolean keepDims) {
        return Reductions.logsumexp(this, axes, keepDims);
    }

    /** Euclidean (L2) norm over the given axes (all when null). */
    public Tensor norm(int[] axes, boolean keepDims) {
        return Reductions.norm(this, axes, keepDims);
    }

    /** Euclidean (L2) norm of all elements. */
    public Tensor norm() {
        return Reductions.norm(this, null, false);
    }

    // ---------------------------------------------------------------- movement

    /** The same elements in a new shape; one dimension may be -1 (inferred). Shares data. */
    public Tensor reshape(int... newShape) {
        return Movement.reshape(this, newShape);
    }

    /** Reverses the axes (the matrix transpose for rank 2). */
    public Tensor transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = perm.length - 1 - i;
        }
        return Movement.permute(this, perm);
    }

    /** Permutes the axes: output axis i is input axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        return Movement.permute(this, perm);
    }

    /** Swaps two axes. */
    public Tensor swapAxes(int a, int b) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int x = Shape.axis(a, shape.length, "swapAxes");
        int y = Shape.axis(b, shape.length, "swapAxes");
        perm[x] = y;
        perm[y] = x;
        return Movement.permute(this, perm);
    }

    /** Broadcasts to a larger shape (NumPy rules); the gradient sums back. */
    public Tensor broadcastTo(int... target) {
        return Movement.broadcastTo(this, target);
    }

    /** Removes every axis of size 1. */
    public Tensor squeeze() {
        return Movement.squeeze(this, null);
    }

    /** Removes one axis of size 1. */
    public Tensor squeeze(int axis) {
        return Movement.squeeze(this, axis);
    }

    /** Inserts an axis of size 1 (Keras {@code expand_dims}). */
    public Tensor unsqueeze(int axis) {
        return Movement.unsqueeze(this, axis);
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along an axis (negative bounds count from the end). */
    public Tensor slice(int axis, int start, int stop, int step) {
        return Movement.slice(this, axis, start, stop, step);
    }

    /** Elements {@code [start, stop)} along an axis. */
    public Tensor slice(int axis, int start, int stop) {
        return Movement.slice(this, axis, start, stop, 1);
    }

    /** The sub-tensor at {@code index} along axis 0 (rank drops by one). */
    public Tensor get(int index) {
        return Movement.select(this, 0, index);
    }

    /** The sub-tensor at {@code index} along an axis (rank drops by one). */
    public Tensor select(int axis, int index) {
        return Movement.select(this, axis, index);
    }

    /** Splits into {@code sections} equal parts along an axis. */
    public List<Tensor> split(int sections, int axis) {
        return Movement.split(this, sections, axis);
    }

    /** Splits into parts of the given sizes along an axis. */
    public List<Tensor> split(int[] sizes, int axis) {
        return Movement.split(this, sizes, axis);
    }

    /** Pads with a constant: {@code padding[i] = {before, after}} for axis i. */
    public Tensor pad(int[][] padding, double value) {
        return Movement.pad(this, padding, value);
    }

    /**
     * Rows {@code start} (inclusive) to {@code stop} (exclusive) of axis 0, like {@code slice(0, start, stop)},
     * but without copying them until something needs an array of its own: a kernel that takes an
     * offset (the fused Dense primitive) reads them in place from this tensor's array. For batches of
     * an input that stays unchanged while the result is in use ({@code predict}); a tensor that
     * records gradients is sliced as usual.
     */
    public Tensor rowsView(int start, int stop) {
        if (rank() == 0 || start < 0 || stop > shape[0] || start > stop) {
            throw new IllegalArgumentException("rowsView: rows " + start + " to " + stop + " are outside axis 0 of shape "
                    + Shape.str(shape) + "; give 0 <= start <= stop <= " + (rank() == 0 ? 0 : shape[0]));
        }
        if (!rowViews || Autograd.needsGrad(this)) {
            return slice(0, start, stop);
        }
        int[] s = shape.clone();
        s[0] = stop - start;
        int row = Shape.size(shape) / Math.max(1, shape[0]);
        if (array == null && viewCopy == null) {
            return new Tensor(dtype, s, viewSource, viewOffset + start * row);
        }
        return new Tensor(dtype, s, data(), start * row);
    }

    /** Gathers slices along an axis by integer indices (NumPy {@code take}); the gradient scatters back. */
    public Tensor take(Tensor indices, int axis) {
        return Movement.take(this, indices, axis);
    }

    /** Picks one element per position along an axis by an index tensor of the same rank (NumPy {@code take_along_axis}). */
    public Tensor takeAlongAxis(Tensor indices, int axis) {
        return Movement.takeAlongAxis(this, indices, axis);
    }

    /** Flattens every axis after the first: {@code (N, ...)} to {@code (N, prod(...))}. */
    public Tensor flattenBatch() {
        return shape.length == 0 ? reshape(1, 1) : reshape(shape[0], -1);
    }

    // ---------------------------------------------------------------- linear algebra and fused ops

    /** Matrix product with NumPy semantics: 1-D to N-D operands, batch dimensions broadcast. */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** Softmax along an axis, computed stably. */
    public Tensor softmax(int axis) {
        return Reductions.softmax(this, axis, false);
    }

    /** Log-softmax along an axis, computed stably. */
    public Tensor logSoftmax(int axis) {
        return Reductions.softmax(this, axis, true);
    }

    // ---------------------------------------------------------------- comparison and printing

    /**
     * Whether both tensors have the same shape and every element satisfies
     * {@code |a - b| <= atol + rtol * |b|} (NaNs equal at equal positions).
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        int n = size();
        for (int i = 0; i < n; i++) {
            double a = Buffers.get(data(), dtype, i);
            double b = Buffers.get(other.data(), other.dtype, i);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    return false;
                }
                continue;
            }
            if (a == b) {
                continue;
            }
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(Tensor, double, double)} with NumPy's defaults rtol 1e-5, atol 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** NumPy-style text, truncated with {@code ...} for large tensors, with the dtype when not float32. */
    @Override
    public String toString() {
        return Printer.format(this);
    }
}
