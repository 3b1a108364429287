package dev.airfoil.spark;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.io.Serializable;

/**
 * A tensor as plain serializable arrays, for Spark broadcasts and task results (Airfoil tensors are
 * never Java-serialized). float32 and float64 keep their values exactly; int32, int64 and bool
 * travel as {@code long[]}. A plain final class rather than a record: broadcasts and task results go
 * through {@code spark.serializer}, and Spark's Kryo (4.x) cannot rebuild a record's fields.
 */
public final class TensorData implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String dtype;
    private final int[] shape;
    private final float[] floats;
    private final double[] doubles;
    private final long[] longs;

    /**
     * The data of a tensor (the arrays are kept, not copied).
     *
     * @param dtype   the dtype's name ({@code "float32"}, ...)
     * @param shape   the shape
     * @param floats  the values of a float32 tensor, else null
     * @param doubles the values of a float64 tensor, else null
     * @param longs   the values of an integer or bool tensor, else null
     */
    public TensorData(String dtype, int[] shape, float[] floats, double[] doubles, long[] longs) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
        this.longs = longs;
    }

    /** The dtype's name. */
    public String dtype() {
        return dtype;
    }

    /** The shape. */
    public int[] shape() {
        return shape;
    }

    /** The values of a float32 tensor, else null. */
    public float[] floats() {
        return floats;
    }

    /** The values of a float64 tensor, else null. */
    public double[] doubles() {
        return doubles;
    }

    /** The values of an integer or bool tensor, else null. */
    public long[] longs() {
        return longs;
    }

    /**
     * Copies a tensor's values.
     *
     * @param t the tensor
     * @return its data
     */
    public static TensorData of(Tensor t) {
        int[] shape = t.shape().clone();
        return switch (t.dtype()) {
            case FLOAT32 -> new TensorData("float32", shape, t.toFloatArray(), null, null);
            case FLOAT64 -> new TensorData("float64", shape, null, t.toDoubleArray(), null);
            case INT64 -> new TensorData("int64", shape, null, null, t.toLongArray());
            case INT32 -> new TensorData("int32", shape, null, null, t.cast(DType.INT64).toLongArray());
            case BOOL -> new TensorData("bool", shape, null, null, t.cast(DType.INT64).toLongArray());
        };
    }

    /** A new tensor with these values, dtype and shape. */
    public Tensor toTensor() {
        return switch (dtype) {
            case "float32" -> Tensor.of(floats, shape);
            case "float64" -> Tensor.of(doubles, shape);
            case "int64" -> Tensor.ofLongs(longs, shape);
            case "int32" -> Tensor.ofLongs(longs, shape).cast(DType.INT32);
            case "bool" -> Tensor.ofLongs(longs, shape).cast(DType.BOOL);
            default -> throw new IllegalStateException("unknown dtype " + dtype);
        };
    }
}
