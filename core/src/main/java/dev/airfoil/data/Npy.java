package dev.airfoil.data;

import dev.airfoil.utils.AtomicFiles;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NumPy's {@code .npy} array files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Readable element types: {@code float32}, {@code float64}, {@code int8}, {@code int16},
 * {@code int32}, {@code int64}, {@code uint8} and {@code bool}, little or big endian, in C or
 * Fortran order. They load as the tensor dtype of the same name; {@code int8}, {@code int16} and
 * {@code uint8} (which tensors do not have) load as {@code int32}, or as {@code float32} when
 * {@code narrowIntegersAsFloat} is set. Structured dtypes, object arrays, unsigned types wider than
 * a byte, float16 and complex numbers are rejected with an {@link InvalidDataFileException}.
 *
 * <p>The writer produces version 1.0 files (2.0 when the header needs more than 64 KiB),
 * little endian, C order unless Fortran order is asked for, with the header padded to a
 * multiple of 64 bytes exactly like {@code numpy.save}. File writes are atomic: a temporary file in
 * the same folder is moved over the target.
 *
 * <p>Every size in the header is checked against the bytes available before any array is
 * allocated; malformed or hostile files raise {@link InvalidDataFileException} naming the file.
 *
 * <p>Example:
 * <pre>{@code
 * Tensor x = Npy.read(Path.of("x_train.npy"));
 * Npy.write(Path.of("predictions.npy"), model.predict(x));
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header accepted when reading (NumPy itself refuses more than 10,000 bytes by default). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private Npy() {
    }

    /**
     * The parsed header of an {@code .npy} file.
     *
     * @param majorVersion  format major version (1, 2 or 3)
     * @param minorVersion  format minor version (0)
     * @param descr         NumPy's type string, such as {@code "<f4"}
     * @param fortranOrder  whether the data are stored column-major
     * @param shape         the array shape ({@code []} for a scalar)
     * @param dataOffset    the byte offset of the data from the start of the file
     */
    public record Header(int majorVersion, int minorVersion, String descr, boolean fortranOrder, int[] shape,
                         long dataOffset) {
        /** The number of elements, the product of the shape. */
        public long elementCount() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return "Npy.Header[version=" + majorVersion + "." + minorVersion + ", descr=" + descr
                    + ", fortranOrder=" + fortranOrder + ", shape=" + Arrays.toString(shape) + "]";
        }
    }

    // ------------------------------------------------------------------------------------ reading

    /** Reads an {@code .npy} file; narrow integers load as int32. */
    public static Tensor read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads an {@code .npy} file.
     *
     * @param file                   the file
     * @param narrowIntegersAsFloat  load int8, int16 and uint8 as float32 instead of int32
     * @throws InvalidDataFileException when the file is malformed, truncated or of an unsupported dtype
     */
    public static Tensor read(Path file, boolean narrowIntegersAsFloat) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, source, size, narrowIntegersAsFloat);
        }
    }

    /**
     * Reads an {@code .npy} array from a stream of unknown length (such as a zip entry); memory grows
     * with the data actually present, so a lying header cannot force a large allocation.
     *
     * @param in          the stream, positioned at the magic string; it is not closed
     * @param sourceName  the name used in error messages
     */
    public static Tensor read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, -1, false);
    }

    /**
     * Reads an {@code .npy} array from a stream.
     *
     * @param in                     the stream, positioned at the magic string; it is not closed
     * @param sourceName             the name used in error messages
     * @param availableBytes         the exact number of bytes the stream holds, or -1 when unknown
     * @param narrowIntegersAsFloat  load int8, int16 and uint8 as float32 instead of int32
     */
    public static Tensor read(InputStream in, String sourceName, long availableBytes, boolean narrowIntegersAsFloat)
            throws IOException {
        Header h = readHeader(in, sourceName, availableBytes);
        Dtype dt = parseDescr(h.descr(), sourceName);
        int count = BinaryElements.checkedCount(h.shape(), sourceName, "header");
        long dataBytes = (long) count * dt.kind.size;
        if (availableBytes >= 0) {
            long remaining = availableBytes - h.dataOffset();
            if (remaining < dataBytes) {
                throw new InvalidDataFileException(sourceName, "header declares shape " + shapeString(h.shape())
                        + " of " + h.descr() + " = " + dataBytes + " bytes of data, but only " + remaining
                        + " bytes follow the header; the file is truncated");
            }
        }
        DType target = dt.kind.target(narrowIntegersAsFloat);
        Object data = BinaryElements.read(in, dt.kind, dt.order, count, target, availableBytes >= 0, sourceName);
        if (h.fortranOrder()) {
            data = BinaryElements.fortranToC(data, target, h.shape());
        }
        return BinaryElements.toTensor(data, target, h.shape());
    }

    /** Reads only the header of an {@code .npy} file (shape, dtype, order) without loading the data. */
    public static Header readHeader(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Header h = readHeader(in, file.toString(), size);
            parseDescr(h.descr(), file.toString());
            return h;
        }
    }

    static Header readHeader(InputStream in, String source, long availableBytes) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new InvalidDataFileException(source, "not an .npy file: it does not start with the magic string"
                    + " \\x93NUMPY" + (pre.length < 8 ? " (only " + pre.length + " bytes)" : ""));
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        long headerLen;
        int lenBytes;
        if (major == 1) {
            lenBytes = 2;
        } else if (major == 2 || major == 3) {
            lenBytes = 4;
        } else {
            throw new InvalidDataFileException(source, "unsupported .npy format version " + major + "." + minor
                    + "; supported are 1.0, 2.0 and 3.0");
        }
        byte[] lb = BinaryElements.readExactly(in, lenBytes, source, ".npy header length");
        ByteBuffer bb = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN);
        headerLen = lenBytes == 2 ? (bb.getShort() & 0xFFFF) : (bb.getInt() & 0xFFFFFFFFL);
        long offset = 8 + lenBytes + headerLen;
        if (headerLen > MAX_HEADER_BYTES) {
            throw new InvalidDataFileException(source, "header length " + headerLen + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes; the file is corrupt");
        }
        if (availableBytes >= 0 && offset > availableBytes) {
            throw new InvalidDataFileException(source, "header length " + headerLen + " is longer than the file ("
                    + availableBytes + " bytes); the file is truncated or corrupt");
        }
        byte[] hb = BinaryElements.readExactly(in, (int) headerLen, source, ".npy header");
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict;
        try {
            Object parsed = new HeaderParser(text).parseAll();
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("the header is not a dictionary");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) parsed;
            dict = m;
        } catch (IllegalArgumentException e) {
            throw new InvalidDataFileException(source, "malformed .npy header " + abbreviate(text) + ": "
                    + e.getMessage());
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String)) {
            throw new InvalidDataFileException(source, "the .npy header has no 'descr' type string"
                    + (descr instanceof List ? " (structured dtypes are not supported)" : "") + ": " + abbreviate(text));
        }
        if (!(fortran instanceof Boolean)) {
            throw new InvalidDataFileException(source, "the .npy header has no boolean 'fortran_order': "
                    + abbreviate(text));
        }
        if (!(shape instanceof List)) {
            throw new InvalidDataFileException(source, "the .npy header has no 'shape' tuple: " + abbreviate(text));
        }
        List<?> dims = (List<?>) shape;
        int[] s = new int[dims.size()];
        for (int i = 0; i < s.length; i++) {
            Object d = dims.get(i);
            if (!(d instanceof Long) || (Long) d < 0 || (Long) d > Integer.MAX_VALUE) {
                throw new InvalidDataFileException(source, "the .npy header has an invalid dimension " + d
                        + " in shape " + dims + " (dimensions must be integers from 0 to " + Integer.MAX_VALUE + ")");
            }
            s[i] = (int) (long) (Long) d;
        }
        return new Header(major, minor, (String) descr, (Boolean) fortran, s, offset);
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 200 ? "'" + t.substring(0, 200) + "...'" : "'" + t + "'";
    }

    private record Dtype(BinaryElements.Kind kind, ByteOrder order) {
    }

    private static Dtype parseDescr(String descr, String source) throws InvalidDataFileException {
        String d = descr.strip();
        ByteOrder order = ByteOrder.nativeOrder();
        if (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
            char c = d.charAt(0);
            order = c == '<' ? ByteOrder.LITTLE_ENDIAN : c == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder();
            d = d.substring(1);
        }
        BinaryElements.Kind kind;
        switch (d) {
            case "b1": case "?": kind = BinaryElements.Kind.BOOL; break;
            case "i1": case "b": kind = BinaryElements.Kind.INT8; break;
            case "u1": case "B": kind = BinaryElements.Kind.UINT8; break;
            case "i2": kind = BinaryElements.Kind.INT16; break;
            case "i4": kind = BinaryElements.Kind.INT32; break;
            case "i8": kind = BinaryElements.Kind.INT64; break;
            case "f4": kind = BinaryElements.Kind.FLOAT32; break;
            case "f8": kind = BinaryElements.Kind.FLOAT64; break;
            default:
                throw new InvalidDataFileException(source, "unsupported dtype '" + descr + "'; supported are "
                        + "float32 (f4), float64 (f8), int8 (i1), int16 (i2), int32 (i4), int64 (i8), uint8 (u1)"
                        + " and bool (b1); convert the array with numpy's astype() first");
        }
        return new Dtype(kind, order);
    }

    // ------------------------------------------------------------------------------------ writing

    /** Writes a tensor to an {@code .npy} file in C order, atomically. */
    public static void write(Path file, Tensor tensor) throws IOException {
        write(file, tensor, false);
    }

    /**
     * Writes a tensor to an {@code .npy} file, atomically (temporary file in the same folder, then
     * an atomic move).
     *
     * @param file          the target; its folder is created when missing
     * @param tensor        the data (any dtype)
     * @param fortranOrder  store column-major ({@code fortran_order: True}) instead of row-major
     */
    public static void write(Path file, Tensor tensor, boolean fortranOrder) throws IOException {
        AtomicFiles.write(file, out -> write(out, tensor, fortranOrder));
    }

    /** Writes a tensor in {@code .npy} format to a stream, which is not closed. */
    public static void write(OutputStream out, Tensor tensor, boolean fortranOrder) throws IOException {
        out.write(header(tensor, fortranOrder));
        writeData(out, tensor, fortranOrder);
    }

    /** A tensor's complete {@code .npy} file content, in C order. */
    public static byte[] toBytes(Tensor tensor) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            write(bos, tensor, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    static String descrOf(DType dtype) {
        switch (dtype) {
            case BOOL: return "|b1";
            case INT32: return "<i4";
            case INT64: return "<i8";
            case FLOAT32: return "<f4";
            default: return "<f8";
        }
    }

    private static byte[] header(Tensor tensor, boolean fortranOrder) {
        String dict = "{'descr': '" + descrOf(tensor.dtype()) + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': " + shapeString(tensor.shape()) + ", }";
        int major = 1;
        int lenBytes = 2;
        int total = 8 + lenBytes + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        if (padded - 10 > 0xFFFF) {
            major = 2;
            lenBytes = 4;
            total = 8 + lenBytes + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
        }
        int headerLen = padded - 8 - lenBytes;
        ByteBuffer bb = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) major).put((byte) 0);
        if (lenBytes == 2) {
            bb.putShort((short) headerLen);
        } else {
            bb.putInt(headerLen);
        }
        bb.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (bb.position() < padded - 1) {
            bb.put((byte) ' ');
        }
        bb.put((byte) '\n');
        return bb.array();
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static void writeData(OutputStream out, Tensor tensor, boolean fortranOrder) throws IOException {
        DType dtype = tensor.dtype();
        Object data = rawData(tensor);
        if (fortranOrder) {
            data = BinaryElements.cToFortran(data, dtype, tensor.shape());
        }
        int n = tensor.size();
        int chunk = 1 << 14;
        ByteBuffer bb = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            bb.clear();
            switch (dtype) {
                case BOOL: {
                    boolean[] a = (boolean[]) data;
                    for (int i = 0; i < m; i++) {
                        bb.put((byte) (a[start + i] ? 1 : 0));
                    }
                    break;
                }
                case INT32:
                    bb.asIntBuffer().put((int[]) data, start, m);
                    bb.position(m * 4);
                    break;
                case INT64:
                    bb.asLongBuffer().put((long[]) data, start, m);
                    bb.position(m * 8);
                    break;
                case FLOAT32:
                    bb.asFloatBuffer().put((float[]) data, start, m);
                    bb.position(m * 4);
                    break;
                default:
                    bb.asDoubleBuffer().put((double[]) data, start, m);
                    bb.position(m * 8);
            }
            out.write(bb.array(), 0, bb.position());
        }
    }

    private static Object rawData(Tensor t) {
        switch (t.dtype()) {
            case BOOL: return t.booleanData();
            case INT32: return t.intData();
            case INT64: return t.longData();
            case FLOAT32: return t.floatData();
            default: return t.doubleData();
        }
    }

    // ------------------------------------------------------------------------------ header parser

    /**
     * Parses the Python literal subset NumPy writes in headers: dicts, tuples/lists of ints, quoted
     * strings, True/False/None and integers.
     */
    private static final class HeaderParser {
        private final String s;
        private int pos;
        private int depth;

        HeaderParser(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            skipSpace();
            if (pos != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dictionary at position " + pos);
            }
            return v;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end of header");
            }
            return s.charAt(pos);
        }

        private Object value() {
            if (++depth > 32) {
                throw new IllegalArgumentException("header nested too deeply");
            }
            try {
                char c = peek();
                if (c == '{') {
                    return dict();
                }
                if (c == '(' || c == '[') {
                    return sequence(c == '(' ? ')' : ']');
                }
                if (c == '\'' || c == '"') {
                    return string(c);
                }
                if (c == '-' || Character.isDigit(c)) {
                    return integer();
                }
                if (s.startsWith("True", pos)) {
                    pos += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("False", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("None", pos)) {
                    pos += 4;
                    return null;
                }
                throw new IllegalArgumentException("unexpected character '" + c + "' at position " + pos);
            } finally {
                depth--;
            }
        }

        private Map<String, Object> dict() {
            pos++; // {
            Map<String, Object> m = new LinkedHashMap<>();
            while (peek() != '}') {
                Object key = value();
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("dictionary key " + key + " is not a string");
                }
                if (peek() != ':') {
                    throw new IllegalArgumentException("expected ':' at position " + pos);
                }
                pos++;
                m.put((String) key, value());
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at position " + pos);
                }
            }
            pos++;
            return m;
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> list = new ArrayList<>();
            while (peek() != close) {
                list.add(value());
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c != close) {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at position " + pos);
                }
            }
            pos++;
            return list;
        }

        private String string(char quote) {
            int start = ++pos;
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\\') {
                    pos++;
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unterminated string starting at position " + (start - 1));
            }
            return s.substring(start, pos++);
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix
            }
            if (digits.equals("-") || digits.length() > 19) {
                throw new IllegalArgumentException("invalid integer '" + digits + "' at position " + start);
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid integer '" + digits + "' at position " + start);
            }
        }
    }
}
