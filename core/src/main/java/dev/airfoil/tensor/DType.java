package dev.airfoil.tensor;

/**
 * Element types of a {@link Tensor}, named as in Keras ({@code "float32"}, {@code "int64"}, ...).
 *
 * <p>float32 is the default and the type of every fast path; float64 is a full dtype used by
 * gradient checks and reference computations; int32 and int64 hold labels and indices; bool holds
 * masks. Promotion follows Keras's rules for the types present here: bool &lt; int32 &lt; int64 &lt;
 * float32 &lt; float64, except that an integer combined with float32 stays float32.
 */
public enum DType {
    BOOL("bool", 1),
    INT32("int32", 4),
    INT64("int64", 8),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    private final String kerasName;
    private final int byteSize;

    DType(String kerasName, int byteSize) {
        this.kerasName = kerasName;
        this.byteSize = byteSize;
    }

    /** The Keras / NumPy name, such as {@code "float32"}. */
    public String kerasName() {
        return kerasName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is float32 or float64. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Whether this is int32 or int64. */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /**
     * The result type of combining two dtypes in an arithmetic operation (Keras's
     * {@code result_type} restricted to these types).
     */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The floating type an operation such as {@code div} or {@code exp} produces for this input. */
    public DType toFloating() {
        return isFloating() ? this : FLOAT32;
    }

    /**
     * Looks up a dtype by Keras / NumPy name ({@code "float32"}, {@code "float"}, {@code "int"},
     * {@code "bool"}, ...).
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static DType of(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "float": case "f4": case "<f4": return FLOAT32;
            case "float64": case "double": case "f8": case "<f8": return FLOAT64;
            case "int32": case "int": case "i4": case "<i4": return INT32;
            case "int64": case "long": case "i8": case "<i8": return INT64;
            case "bool": case "boolean": return BOOL;
            default:
                throw new IllegalArgumentException("Unknown dtype '" + name
                        + "'. Expected one of float32, float64, int32, int64, bool.");
        }
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
