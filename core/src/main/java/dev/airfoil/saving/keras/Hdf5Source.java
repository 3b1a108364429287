package dev.airfoil.saving.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Read access to an untrusted HDF5 file held in memory, through jHDF, with Airfoil's checks
 * around every call: paths are walked one component at a time, soft and external links are
 * refused (a file never makes Airfoil open another file), attribute and dataset sizes are checked
 * against {@link KerasLimits} and against the expected shape before data is read, and every
 * failure of the parser becomes a {@link KerasFileException} naming the object.
 */
final class Hdf5Source implements AutoCloseable {
    private static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private final HdfFile file;
    private final String where;
    private final KerasLimits limits;
    private final long fileBytes;

    private Hdf5Source(HdfFile file, String where, KerasLimits limits, long fileBytes) {
        this.file = file;
        this.where = where;
        this.limits = limits;
        this.fileBytes = fileBytes;
    }

    /** Opens an in-memory HDF5 image; {@code where} names it in messages. */
    static Hdf5Source open(byte[] bytes, String where, KerasLimits limits) throws KerasFileException {
        if (!isHdf5(bytes)) {
            throw new KerasFileException(where, "not an HDF5 file (no HDF5 signature at offset 0)");
        }
        try {
            return new Hdf5Source(HdfFile.fromBytes(bytes), where, limits, bytes.length);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, "", e);
        }
    }

    /** Whether the bytes start with the HDF5 signature. */
    static boolean isHdf5(byte[] bytes) {
        return bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), MAGIC);
    }

    private static KerasFileException fail(String where, String path, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.length() > 300) {
            msg = msg.substring(0, 300) + "...";
        }
        return new KerasFileException(path.isEmpty() ? where : where + ": " + path,
                "corrupt or unsupported HDF5 structure (" + msg + ")", e);
    }

    /** The name used in messages. */
    String where() {
        return where;
    }

    /** A location string for messages. */
    String loc(String path) {
        return where + ": " + path;
    }

    /** The root group. */
    Group root() {
        return file;
    }

    /** The node at a slash-separated path below {@code base}, or null when absent; links are refused. */
    Node find(Group base, String path) throws KerasFileException {
        Node cur = base;
        String walked = base.getPath();
        try {
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(cur instanceof Group)) {
                    throw new KerasFileException(loc(walked), "expected a group, found a dataset");
                }
                Map<String, Node> kids = ((Group) cur).getChildren();
                Node next = kids.get(part);
                walked = walked.endsWith("/") ? walked + part : walked + "/" + part;
                if (next == null) {
                    return null;
                }
                if (next.isLink()) {
                    throw new KerasFileException(loc(walked), "soft and external links are not followed");
                }
                cur = next;
            }
            return cur;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, walked, e);
        }
    }

    /** The child names of a group, links refused. */
    List<String> children(Group g) throws KerasFileException {
        try {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                if (e.getValue().isLink()) {
                    throw new KerasFileException(loc(g.getPath() + e.getKey()), "soft and external links are not followed");
                }
                out.add(e.getKey());
            }
            return out;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, g.getPath(), e);
        }
    }

    /** The group at a path, or an exception naming what is missing. */
    Group group(Group base, String path) throws KerasFileException {
        Node n = find(base, path);
        if (n == null) {
            throw new KerasFileException(loc(join(base, path)), "missing group");
        }
        if (!(n instanceof Group)) {
            throw new KerasFileException(loc(join(base, path)), "expected a group, found a dataset");
        }
        return (Group) n;
    }

    private static String join(Group base, String path) {
        String b = base.getPath();
        return b.endsWith("/") ? b + path : b + "/" + path;
    }

    /** Whether a node carries an attribute. */
    boolean hasAttribute(Node n, String name) throws KerasFileException {
        try {
            return n.getAttributes().containsKey(name);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, n.getPath() + "@" + name, e);
        }
    }

    private Attribute attribute(Node n, String name) throws KerasFileException {
        String loc = loc(n.getPath() + " attribute '" + name + "'");
        try {
            Attribute a = n.getAttributes().get(name);
            if (a == null) {
                return null;
            }
            long size = a.getSize();
            long bytes = a.getSizeInBytes();
            if (size < 0 || bytes < 0 || bytes > limits.maxConfigBytes() || size > limits.maxConfigBytes()) {
                throw new KerasLimitException(loc, "declares " + size + " elements / " + bytes
                        + " bytes, above the limit of " + limits.maxConfigBytes() + " bytes");
            }
            return a;
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, n.getPath() + " attribute '" + name + "'", e);
        }
    }

    /** A string attribute (scalar or one-element array), or null when absent. */
    String stringAttribute(Node n, String name) throws KerasFileException {
        Attribute a = attribute(n, name);
        if (a == null) {
            return null;
        }
        String loc = loc(n.getPath() + " attribute '" + name + "'");
        Object v = data(a, loc);
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof String[] && ((String[]) v).length == 1) {
            return ((String[]) v)[0];
        }
        if (v instanceof byte[]) {
            return new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new KerasFileException(loc, "expected a string, found " + describe(v));
    }

    /** A list-of-strings attribute (an empty numeric array counts as empty), or null when absent. */
    List<String> stringListAttribute(Node n, String name) throws KerasFileException {
        Attribute a = attribute(n, name);
        if (a == null) {
            return null;
        }
        String loc = loc(n.getPath() + " attribute '" + name + "'");
        Object v = data(a, loc);
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (v instanceof String[]) {
            for (String s : (String[]) v) {
                if (s == null) {
                    throw new KerasFileException(loc, "null string in the list");
                }
            }
            return List.of((String[]) v);
        }
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 0) {
            return List.of();
        }
        throw new KerasFileException(loc, "expected a list of strings, found " + describe(v));
    }

    private Object data(Attribute a, String loc) throws KerasFileException {
        try {
            if (a.isEmpty()) {
                return new String[0];
            }
            return a.getData();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, loc.substring(where.length() + 2), e);
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        return v.getClass().isArray() ? v.getClass().getComponentType().getSimpleName() + "[]" : v.getClass().getSimpleName();
    }

    /**
     * The float values of a dataset after checking it is a float32/float64 dataset of exactly the
     * expected shape; {@code what} describes the variable it is meant for.
     */
    float[] readFloats(Dataset ds, int[] expected, String what) throws KerasFileException {
        Object flat = readChecked(ds, expected, what, false);
        if (flat instanceof float[] f) {
            return f;
        }
        double[] d = (double[]) flat;
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The values of an integer or float dataset as floats, for an integer variable such as
     * Normalization's {@code count} (Keras writes it as int32; a float dataset is accepted too).
     */
    float[] readIntegers(Dataset ds, int[] expected, String what) throws KerasFileException {
        Class<?> t = unboxed(ds.getJavaType());
        if (t == float.class || t == double.class) {
            return readFloats(ds, expected, what);
        }
        long[] l = readLongs(ds, expected, what);
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }

    /**
     * The values of an integer dataset (8 to 64 bits, as an optimizer's {@code iteration} counter)
     * after checking its type and that its shape is exactly {@code expected}.
     */
    long[] readLongs(Dataset ds, int[] expected, String what) throws KerasFileException {
        Object flat = readChecked(ds, expected, what, true);
        if (flat instanceof long[] l) {
            return l;
        }
        long[] out = new long[java.lang.reflect.Array.getLength(flat)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(flat, i)).longValue();
        }
        return out;
    }

    /** The primitive Java type of a dataset's elements (jHDF reports a scalar dataset's boxed). */
    private static Class<?> unboxed(Class<?> t) {
        if (t == Float.class) {
            return float.class;
        }
        if (t == Double.class) {
            return double.class;
        }
        if (t == Long.class) {
            return long.class;
        }
        if (t == Integer.class) {
            return int.class;
        }
        if (t == Short.class) {
            return short.class;
        }
        return t == Byte.class ? byte.class : t;
    }

    /**
     * A dataset's flat data as a primitive array of its own element type, after checking the type
     * (float32/float64, or integers when {@code integers}), the exact shape, the element limit and
     * that the declared storage fits in the file.
     */
    private Object readChecked(Dataset ds, int[] expected, String what, boolean integers) throws KerasFileException {
        String kind = integers ? "an integer" : "a float32 or float64";
        String loc = loc(ds.getPath());
        try {
            if (ds.isCompound() || ds.isVariableLength()) {
                throw new KerasFileException(loc, "expected " + kind + " dataset, found a compound or variable-length one");
            }
            Class<?> t = unboxed(ds.getJavaType());
            boolean ok = integers ? t == long.class || t == int.class || t == short.class || t == byte.class
                    : t == float.class || t == double.class;
            if (!ok) {
                throw new KerasFileException(loc, "expected " + kind + " dataset for " + what + ", found "
                        + (t == null ? "an unknown type" : t.getSimpleName()));
            }
            long[] dims = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
            boolean same = dims.length == expected.length;
            for (int i = 0; same && i < dims.length; i++) {
                same = dims[i] == expected[i];
            }
            if (!same) {
                throw new KerasFileException(loc, "file has shape " + Arrays.toString(dims) + ", " + what + " expects "
                        + Arrays.toString(expected));
            }
            long n = 1;
            for (int e : expected) {
                n = Math.multiplyExact(n, e);
            }
            if (n > limits.maxTensorElements()) {
                throw new KerasLimitException(loc, n + " elements, above the limit of " + limits.maxTensorElements());
            }
            if (n == 0) {
                return java.lang.reflect.Array.newInstance(t, 0);
            }
            if (ds.isEmpty()) {
                throw new KerasFileException(loc, "the dataset has no data");
            }
            if (ds.getFilters().isEmpty() && ds.getStorageInBytes() > fileBytes) {
                throw new KerasFileException(loc, "declares " + ds.getStorageInBytes() + " bytes of storage in a file of "
                        + fileBytes + " bytes (truncated or corrupt)");
            }
            Object flat = ds.getDataFlat();
            if (flat != null && !flat.getClass().isArray()) { // a scalar dataset's value comes boxed
                Object one = java.lang.reflect.Array.newInstance(t, 1);
                java.lang.reflect.Array.set(one, 0, flat);
                flat = one;
            }
            if (flat != null && flat.getClass().getComponentType() == t && java.lang.reflect.Array.getLength(flat) == n) {
                return flat;
            }
            throw new KerasFileException(loc, "the dataset's data does not match its declared shape");
        } catch (KerasFileException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw new KerasLimitException(loc, "the shape's element count overflows");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, ds.getPath(), e);
        }
    }

    /** The dataset's shape, with overflow and rank checks. */
    long[] shapeOf(Dataset ds) throws KerasFileException {
        try {
            return ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw fail(where, ds.getPath(), e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (RuntimeException e) {
            // an in-memory file holds no resources worth reporting
        }
    }
}
