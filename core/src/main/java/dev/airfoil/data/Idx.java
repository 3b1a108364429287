package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of the MNIST database (and of Fashion-MNIST, EMNIST, ...), gzip-compressed or
 * not (detected from the gzip magic bytes, not from the file name).
 *
 * <p>An IDX file starts with two zero bytes, a type byte ({@code 0x08} uint8, {@code 0x09} int8,
 * {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32, {@code 0x0E} float64) and a rank
 * byte, then one big-endian int32 per dimension, then the big-endian data in row-major order. MNIST's
 * label files have magic 2049 ({@code 0x00000801}: uint8, rank 1) and image files magic 2051
 * ({@code 0x00000803}: uint8, rank 3).
 *
 * <p>uint8, int8 and int16 load as int32 (or float32 when asked); int32, float32 and float64 load as
 * such. {@link #readImages} returns float32 pixels scaled to [0, 1].
 *
 * <p>Declared dimensions are checked against the file size (uncompressed files) before allocation;
 * for compressed files memory grows only with the data actually decompressed. Problems raise
 * {@link InvalidDataFileException} naming the file.
 *
 * <p>Example:
 * <pre>{@code
 * Tensor images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"), true); // float32 (60000, 28, 28)
 * Tensor labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));      // int64 (60000,)
 * }</pre>
 */
public final class Idx {
    /** Magic number of MNIST label files (uint8, rank 1). */
    public static final int MAGIC_LABELS = 2049;
    /** Magic number of MNIST image files (uint8, rank 3). */
    public static final int MAGIC_IMAGES = 2051;

    private Idx() {
    }

    /** Reads an IDX file with its natural dtype (narrow integers as int32). */
    public static Tensor read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads an IDX file.
     *
     * @param narrowIntegersAsFloat load uint8, int8 and int16 as float32 (unscaled) instead of int32
     */
    public static Tensor read(Path file, boolean narrowIntegersAsFloat) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), Files.size(file), narrowIntegersAsFloat);
        }
    }

    /**
     * Reads IDX data from a stream (gzip detected by its magic bytes); the stream is not closed.
     *
     * @param in                     the stream
     * @param sourceName             the name used in error messages
     * @param narrowIntegersAsFloat  load uint8, int8 and int16 as float32 instead of int32
     */
    public static Tensor read(InputStream in, String sourceName, boolean narrowIntegersAsFloat) throws IOException {
        return read(in, sourceName, -1, narrowIntegersAsFloat);
    }

    /**
     * Reads an MNIST-style image file: uint8 pixels of rank 3 {@code (N, rows, cols)}.
     *
     * @param scale  divide by 255 so pixels lie in [0, 1] (float32 either way)
     */
    public static Tensor readImages(Path file, boolean scale) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return images(read(in, file.toString(), Files.size(file), true), scale);
        }
    }

    /** {@link #readImages(Path, boolean)} from a stream. */
    public static Tensor readImages(InputStream in, String sourceName, boolean scale) throws IOException {
        return images(read(in, sourceName, -1, true), scale);
    }

    /** Reads an MNIST-style label file (rank 1, integer type) as int64. */
    public static Tensor readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return labels(read(in, file.toString(), Files.size(file), false), file.toString());
        }
    }

    /** {@link #readLabels(Path)} from a stream. */
    public static Tensor readLabels(InputStream in, String sourceName) throws IOException {
        return labels(read(in, sourceName, -1, false), sourceName);
    }

    private static Tensor images(Tensor t, boolean scale) {
        if (t.dtype() != DType.FLOAT32) {
            t = t.cast(DType.FLOAT32);
        }
        if (scale && t.size() > 0) {
            float[] d = t.floatData();
            for (int i = 0; i < d.length; i++) {
                d[i] /= 255f;
            }
        }
        return t;
    }

    private static Tensor labels(Tensor t, String source) throws InvalidDataFileException {
        if (t.rank() != 1 || t.dtype().isFloating()) {
            throw new InvalidDataFileException(source, "expected a rank-1 integer IDX label file, got "
                    + t.dtype() + " of shape " + Arrays.toString(t.shape()));
        }
        return t.dtype() == DType.INT64 ? t : Tensor.ofLongs(t.toLongArray(), t.shape());
    }

    private static Tensor read(InputStream raw, String source, long fileSize, boolean narrowAsFloat)
            throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        InputStream in = b;
        long available = fileSize;
        if (m1 == 0x1f && m2 == 0x8b) {
            try {
                in = new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
            } catch (ZipException e) {
                throw new InvalidDataFileException(source, "corrupt gzip header: " + e.getMessage(), e);
            }
            available = -1;
        }
        try {
            return readIdx(in, source, available, narrowAsFloat);
        } catch (ZipException e) {
            throw new InvalidDataFileException(source, "corrupt gzip data: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new InvalidDataFileException(source, "unexpected end of the compressed data; the file is truncated", e);
        }
    }

    private static Tensor readIdx(InputStream in, String source, long available, boolean narrowAsFloat)
            throws IOException {
        byte[] magic = BinaryElements.readExactly(in, 4, source, "IDX magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new InvalidDataFileException(source, "not an IDX file: the magic number "
                    + ByteBuffer.wrap(magic).getInt() + " does not start with two zero bytes"
                    + " (MNIST files have magic 2049 for labels and 2051 for images)");
        }
        BinaryElements.Kind kind;
        switch (magic[2] & 0xFF) {
            case 0x08: kind = BinaryElements.Kind.UINT8; break;
            case 0x09: kind = BinaryElements.Kind.INT8; break;
            case 0x0B: kind = BinaryElements.Kind.INT16; break;
            case 0x0C: kind = BinaryElements.Kind.INT32; break;
            case 0x0D: kind = BinaryElements.Kind.FLOAT32; break;
            case 0x0E: kind = BinaryElements.Kind.FLOAT64; break;
            default:
                throw new InvalidDataFileException(source, String.format("unknown IDX type byte 0x%02X; expected"
                        + " 0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32) or 0x0E (float64)",
                        magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw new InvalidDataFileException(source, "IDX header declares rank 0; expected at least one dimension");
        }
        long headerBytes = 4L + 4L * rank;
        if (available >= 0 && headerBytes > available) {
            throw new InvalidDataFileException(source, "IDX header of rank " + rank + " needs " + headerBytes
                    + " bytes but the file has only " + available + "; the file is truncated");
        }
        ByteBuffer dims = ByteBuffer.wrap(BinaryElements.readExactly(in, 4 * rank, source, "IDX dimensions"))
                .order(ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getInt();
        }
        int count = BinaryElements.checkedCount(shape, source, "IDX header");
        long dataBytes = (long) count * kind.size;
        if (available >= 0 && available - headerBytes < dataBytes) {
            throw new InvalidDataFileException(source, "IDX header declares shape " + Arrays.toString(shape)
                    + " = " + dataBytes + " bytes of data but only " + (available - headerBytes)
                    + " bytes follow the header; the file is truncated");
        }
        DType target = kind.target(narrowAsFloat);
        Object data = BinaryElements.read(in, kind, ByteOrder.BIG_ENDIAN, count, target, available >= 0, source);
        return BinaryElements.toTensor(data, target, shape);
    }
}
