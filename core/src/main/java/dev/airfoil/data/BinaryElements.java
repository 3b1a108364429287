package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decoding of flat binary element data (NPY and IDX payloads) into Java arrays, in bounded chunks,
 * with sizes checked before allocation. Package-private plumbing for the loaders.
 */
final class BinaryElements {
    /** Largest element count a Java array can hold safely. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK_ELEMENTS = 1 << 16;
    private static final int UNTRUSTED_INITIAL_CAPACITY = 1 << 18;

    /** Element types stored in files. */
    enum Kind {
        BOOL(1), INT8(1), UINT8(1), INT16(2), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8);

        final int size;

        Kind(int size) {
            this.size = size;
        }

        /** The tensor dtype this kind loads as; narrow integers become int32 or, on request, float32. */
        DType target(boolean narrowIntegersAsFloat) {
            switch (this) {
                case BOOL: return DType.BOOL;
                case INT8: case UINT8: case INT16: return narrowIntegersAsFloat ? DType.FLOAT32 : DType.INT32;
                case INT32: return DType.INT32;
                case INT64: return DType.INT64;
                case FLOAT32: return DType.FLOAT32;
                default: return DType.FLOAT64;
            }
        }
    }

    private BinaryElements() {
    }

    /**
     * The element count of {@code shape}, checked: every dimension non-negative and the product within
     * a Java array's limit.
     */
    static int checkedCount(int[] shape, String source, String what) throws InvalidDataFileException {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidDataFileException(source, what + " has a negative dimension in shape "
                        + Arrays.toString(shape));
            }
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new InvalidDataFileException(source, what + " declares shape " + Arrays.toString(shape)
                        + " with more than " + MAX_ELEMENTS + " elements, too many for one Java array");
            }
        }
        return (int) count;
    }

    /**
     * Reads {@code count} elements of {@code kind} and returns them as an array of {@code target}'s
     * Java type. When {@code trustedSize} is false (a compressed stream whose length is unknown) the
     * array grows with the data actually read, so a lying header cannot force a huge allocation.
     */
    static Object read(InputStream in, Kind kind, ByteOrder order, int count, DType target,
                       boolean trustedSize, String source) throws IOException {
        long needed = (long) count * target.byteSize();
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE && needed > heap) {
            throw new InvalidDataFileException(source, count + " elements of " + target + " need " + needed
                    + " bytes, more than the Java heap's maximum of " + heap + " bytes; raise it with -Xmx");
        }
        int capacity = trustedSize ? count : Math.min(count, UNTRUSTED_INITIAL_CAPACITY);
        Object out = allocate(target, capacity);
        int chunk = Math.min(CHUNK_ELEMENTS, Math.max(count, 1));
        byte[] buf = new byte[chunk * kind.size];
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk, count - done);
            int bytes = n * kind.size;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                long have = (long) done * kind.size + got;
                throw new InvalidDataFileException(source, "data ends after " + have + " of "
                        + ((long) count * kind.size) + " expected bytes (" + count + " elements of "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + "); the file is truncated");
            }
            if (done + n > capacity) {
                capacity = (int) Math.min(count, Math.max((long) done + n, 2L * capacity));
                out = grow(out, target, capacity);
            }
            decode(ByteBuffer.wrap(buf, 0, bytes).order(order), kind, n, out, target, done);
            done += n;
        }
        return out;
    }

    private static Object allocate(DType target, int n) {
        switch (target) {
            case BOOL: return new boolean[n];
            case INT32: return new int[n];
            case INT64: return new long[n];
            case FLOAT32: return new float[n];
            default: return new double[n];
        }
    }

    private static Object grow(Object a, DType target, int n) {
        switch (target) {
            case BOOL: return Arrays.copyOf((boolean[]) a, n);
            case INT32: return Arrays.copyOf((int[]) a, n);
            case INT64: return Arrays.copyOf((long[]) a, n);
            case FLOAT32: return Arrays.copyOf((float[]) a, n);
            default: return Arrays.copyOf((double[]) a, n);
        }
    }

    private static void decode(ByteBuffer bb, Kind kind, int n, Object out, DType target, int off) {
        switch (kind) {
            case BOOL: {
                boolean[] o = (boolean[]) out;
                for (int i = 0; i < n; i++) {
                    o[off + i] = bb.get() != 0;
                }
                return;
            }
            case INT8: case UINT8: case INT16: {
                if (target == DType.FLOAT32) {
                    float[] o = (float[]) out;
                    for (int i = 0; i < n; i++) {
                        o[off + i] = narrow(bb, kind);
                    }
                } else {
                    int[] o = (int[]) out;
                    for (int i = 0; i < n; i++) {
                        o[off + i] = narrow(bb, kind);
                    }
                }
                return;
            }
            case INT32:
                bb.asIntBuffer().get((int[]) out, off, n);
                return;
            case INT64:
                bb.asLongBuffer().get((long[]) out, off, n);
                return;
            case FLOAT32:
                bb.asFloatBuffer().get((float[]) out, off, n);
                return;
            default:
                bb.asDoubleBuffer().get((double[]) out, off, n);
        }
    }

    private static int narrow(ByteBuffer bb, Kind kind) {
        switch (kind) {
            case INT8: return bb.get();
            case UINT8: return bb.get() & 0xFF;
            default: return bb.getShort();
        }
    }

    /** Wraps a Java array of {@code dtype}'s type into a tensor of {@code shape}. */
    static Tensor toTensor(Object data, DType dtype, int[] shape) {
        switch (dtype) {
            case BOOL: return Tensor.ofBooleans((boolean[]) data, shape);
            case INT32: return Tensor.ofInts((int[]) data, shape);
            case INT64: return Tensor.ofLongs((long[]) data, shape);
            case FLOAT32: return Tensor.wrap((float[]) data, shape);
            default: return Tensor.wrap((double[]) data, shape);
        }
    }

    /**
     * Converts data laid out in Fortran (column-major) order for {@code shape} into C (row-major) order.
     */
    static Object fortranToC(Object src, DType dtype, int[] shape) {
        int count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (shape.length < 2 || count == 0) {
            return src;
        }
        int rank = shape.length;
        int[] fStride = new int[rank];
        int s = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        Object dst = allocate(dtype, count);
        int[] idx = new int[rank];
        int f = 0;
        for (int c = 0; c < count; c++) {
            copyElement(src, f, dst, c, dtype);
            for (int k = rank - 1; k >= 0; k--) {
                idx[k]++;
                f += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                f -= fStride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return dst;
    }

    /** Converts C-ordered data into Fortran order (the inverse of {@link #fortranToC}). */
    static Object cToFortran(Object src, DType dtype, int[] shape) {
        int count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (shape.length < 2 || count == 0) {
            return src;
        }
        int rank = shape.length;
        int[] fStride = new int[rank];
        int s = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        Object dst = allocate(dtype, count);
        int[] idx = new int[rank];
        int f = 0;
        for (int c = 0; c < count; c++) {
            copyElement(src, c, dst, f, dtype);
            for (int k = rank - 1; k >= 0; k--) {
                idx[k]++;
                f += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                f -= fStride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return dst;
    }

    private static void copyElement(Object src, int from, Object dst, int to, DType dtype) {
        switch (dtype) {
            case BOOL: ((boolean[]) dst)[to] = ((boolean[]) src)[from]; return;
            case INT32: ((int[]) dst)[to] = ((int[]) src)[from]; return;
            case INT64: ((long[]) dst)[to] = ((long[]) src)[from]; return;
            case FLOAT32: ((float[]) dst)[to] = ((float[]) src)[from]; return;
            default: ((double[]) dst)[to] = ((double[]) src)[from];
        }
    }

    /** Reads exactly {@code n} bytes or throws naming the source. */
    static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new InvalidDataFileException(source, "file ends inside the " + what + " (" + b.length
                    + " of " + n + " bytes); the file is truncated or not of this format");
        }
        return b;
    }
}
