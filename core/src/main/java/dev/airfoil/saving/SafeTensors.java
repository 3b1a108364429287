package dev.airfoil.saving;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors layout (Hugging Face's format, used for Airfoil's weights and
 * optimizer state): an 8-byte little-endian unsigned header length {@code N}, then {@code N} bytes
 * of UTF-8 JSON
 * <pre>
 * {"__metadata__": {"key": "value", ...},
 *  "dense/kernel": {"dtype": "F32", "shape": [4, 3], "data_offsets": [0, 48]}, ...}
 * </pre>
 * (padded with spaces to a multiple of 8 bytes), then the raw little-endian, row-major data; the
 * offsets are relative to the start of the data and the tensors cover it exactly, without gaps or
 * overlaps. Supported dtypes: {@code F32}, {@code F64}, {@code I32}, {@code I64}, {@code BOOL}.
 *
 * <p>Reading trusts nothing: the header size is capped, its JSON must be an object without
 * duplicate keys, every tensor's dtype × shape must equal its byte span (overflow-checked), every
 * span must lie inside the data and the spans must tile it. A tensor is allocated only when asked
 * for, and never larger than the bytes present. Any violation is an
 * {@link InvalidModelFileException} naming the entry, the tensor and the field.
 *
 * <pre>{@code
 * Map<String, Tensor> ts = new LinkedHashMap<>();
 * ts.put("w", Tensor.of(new float[] {1, 2, 3}, 3));
 * SafeTensors.write(Path.of("w.safetensors"), ts, Map.of("format", "pt"));
 * SafeTensors.Contents c = SafeTensors.read(Path.of("w.safetensors"), ModelFileLimits.DEFAULT);
 * Tensor w = c.tensor("w");
 * }</pre>
 */
public final class SafeTensors {
    /** The header key holding string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private SafeTensors() {
    }

    // ------------------------------------------------------------------ writing

    /** The safetensors dtype code of an Airfoil dtype ({@code F32}, ...). */
    public static String code(DType dtype) {
        switch (dtype) {
            case FLOAT32: return "F32";
            case FLOAT64: return "F64";
            case INT32: return "I32";
            case INT64: return "I64";
            case BOOL: return "BOOL";
            default: throw new IllegalArgumentException("no safetensors code for " + dtype);
        }
    }

    private static DType dtypeOf(String code) {
        switch (code) {
            case "F32": return DType.FLOAT32;
            case "F64": return DType.FLOAT64;
            case "I32": return DType.INT32;
            case "I64": return DType.INT64;
            case "BOOL": return DType.BOOL;
            default: return null;
        }
    }

    /**
     * The serialised form of tensors (in the given order) and metadata.
     *
     * @param tensors  name to tensor; names must be non-empty and not {@value #METADATA_KEY}
     * @param metadata string metadata, or null
     * @return the file's bytes
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        long size = 8L + header.length;
        for (Tensor t : tensors.values()) {
            size += (long) t.size() * t.dtype().byteSize();
        }
        if (size > ModelFileLimits.ARRAY_LIMIT) {
            throw new IllegalArgumentException("SafeTensors: " + size + " bytes do not fit in one array; "
                    + "use writeTo(OutputStream, ...)");
        }
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream((int) size);
        try {
            writeTo(bos, tensors, metadata);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /**
     * Writes tensors to a file atomically ({@link AtomicFiles}).
     *
     * @param file     the target
     * @param tensors  name to tensor, written in this order
     * @param metadata string metadata, or null
     * @throws IOException if the file cannot be written; it is then unchanged
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, tensors, metadata));
    }

    /**
     * Writes tensors to a stream (not closed).
     *
     * @param out      the stream
     * @param tensors  name to tensor, written in this order
     * @param metadata string metadata, or null
     * @throws IOException if the stream fails
     */
    public static void writeTo(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        byte[] buf = new byte[1 << 16];
        for (Tensor t : tensors.values()) {
            writeData(out, t, buf);
        }
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> h = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            h.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors: invalid tensor name '" + name + "'");
            }
            Tensor t = e.getValue();
            long bytes = (long) t.size() * t.dtype().byteSize();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("dtype", code(t.dtype()));
            List<Integer> shape = new ArrayList<>();
            for (int s : t.shape()) {
                shape.add(s);
            }
            d.put("shape", shape);
            d.put("data_offsets", List.of(offset, offset + bytes));
            h.put(name, d);
            offset += bytes;
        }
        byte[] json = SafeJson.write(h);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static void writeData(OutputStream out, Tensor t, byte[] buf) throws IOException {
        int n = t.size();
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        int per = t.dtype().byteSize();
        int chunk = buf.length / per;
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            bb.clear();
            switch (t.dtype()) {
                case FLOAT32: bb.asFloatBuffer().put(t.floatData(), start, m); break;
                case FLOAT64: bb.asDoubleBuffer().put(t.doubleData(), start, m); break;
                case INT32: bb.asIntBuffer().put(t.intData(), start, m); break;
                case INT64: bb.asLongBuffer().put(t.longData(), start, m); break;
                case BOOL:
                    boolean[] b = t.booleanData();
                    for (int i = 0; i < m; i++) {
                        buf[i] = (byte) (b[start + i] ? 1 : 0);
                    }
                    break;
                default: throw new IllegalStateException(t.dtype().name());
            }
            out.write(buf, 0, m * per);
        }
    }

    // ------------------------------------------------------------------ reading

    /** One tensor's header record. */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        /** The number of elements. */
        public int size() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return (int) n;
        }
    }

    /**
     * Reads and checks a safetensors file; the file must not be larger than
     * {@link ModelFileLimits#maxEntryBytes()}.
     *
     * @param file   the file
     * @param limits the limits
     * @return the checked contents
     * @throws InvalidModelFileException if the file breaks the format or a limit
     * @throws IOException               if it cannot be read
     */
    public static Contents read(Path file, ModelFileLimits limits) throws IOException {
        String name = String.valueOf(file.getFileName());
        long size = Files.size(file);
        if (size > limits.maxEntryBytes()) {
            throw new InvalidModelFileException(name, null, "is " + size + " bytes, more than the limit of "
                    + limits.maxEntryBytes() + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        return read(bytes, name, limits);
    }

    /**
     * Checks the bytes of a safetensors file or archive entry.
     *
     * @param bytes  the whole file
     * @param entry  its name, for messages
     * @param limits the limits
     * @return the checked contents
     * @throws InvalidModelFileException if the bytes break the format or a limit
     */
    public static Contents read(byte[] bytes, String entry, ModelFileLimits limits) throws InvalidModelFileException {
        if (bytes.length < 8) {
            throw new InvalidModelFileException(entry, "header length", "the file is " + bytes.length
                    + " bytes; a safetensors file starts with an 8-byte little-endian header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > limits.maxHeaderBytes()) {
            throw new InvalidModelFileException(entry, "header length", "declares a " + Long.toUnsignedString(n)
                    + "-byte header, more than the limit of " + limits.maxHeaderBytes() + " bytes");
        }
        if (n > bytes.length - 8L) {
            throw new InvalidModelFileException(entry, "header length", "declares a " + n + "-byte header but only "
                    + (bytes.length - 8) + " bytes follow (truncated file?)");
        }
        int hlen = (int) n;
        int first = 8;
        while (first < 8 + hlen && bytes[first] == ' ') {
            first++;
        }
        if (hlen == 0 || first == 8 + hlen || bytes[first] != '{') {
            throw new InvalidModelFileException(entry, "header", "must be a JSON object starting with '{'");
        }
        byte[] headerBytes = java.util.Arrays.copyOfRange(bytes, 8, 8 + hlen);
        Map<String, Object> header = SafeJson.parseObject(headerBytes, entry + " header", limits.maxHeaderBytes());
        long dataStart = 8L + hlen;
        long dataLen = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            String key = e.getKey();
            if (key.equals(METADATA_KEY)) {
                metadata = metadata(entry, e.getValue());
                continue;
            }
            if (entries.size() >= limits.maxTensors()) {
                throw new InvalidModelFileException(entry, "header", "lists more than " + limits.maxTensors()
                        + " tensors (limit)");
            }
            entries.add(entry(entry, key, e.getValue(), dataLen, limits));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin() != expected) {
                throw new InvalidModelFileException(entry, e.name() + ".data_offsets", "starts at " + e.begin()
                        + (e.begin() < expected ? " inside the previous tensor's bytes (overlap)" : " leaving a gap after byte " + expected)
                        + "; tensors must cover the data exactly, one after another");
            }
            expected = e.end();
        }
        if (expected != dataLen) {
            throw new InvalidModelFileException(entry, "data", "the tensors cover " + expected + " bytes but the data is "
                    + dataLen + " bytes" + (expected > dataLen ? " (truncated file?)" : " (trailing bytes)"));
        }
        return new Contents(entry, bytes, dataStart, sorted, metadata);
    }

    private static Map<String, String> metadata(String entry, Object v) throws InvalidModelFileException {
        if (!(v instanceof Map)) {
            throw new InvalidModelFileException(entry, METADATA_KEY, "must be an object of strings");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new InvalidModelFileException(entry, METADATA_KEY + "." + e.getKey(), "must be a string");
            }
            m.put(String.valueOf(e.getKey()), (String) e.getValue());
        }
        return m;
    }

    private static Entry entry(String entry, String name, Object v, long dataLen, ModelFileLimits limits)
            throws InvalidModelFileException {
        if (name.isEmpty() || name.length() > 4096) {
            throw new InvalidModelFileException(entry, "header", "tensor names must have 1 to 4096 characters");
        }
        if (!(v instanceof Map)) {
            throw new InvalidModelFileException(entry, name, "must be an object with dtype, shape and data_offsets");
        }
        Map<?, ?> m = (Map<?, ?>) v;
        for (Object k : m.keySet()) {
            if (!"dtype".equals(k) && !"shape".equals(k) && !"data_offsets".equals(k)) {
                throw new InvalidModelFileException(entry, name + "." + k, "unknown field; expected dtype, shape, data_offsets");
            }
        }
        Object dt = m.get("dtype");
        DType dtype = dt instanceof String ? dtypeOf((String) dt) : null;
        if (dtype == null) {
            throw new InvalidModelFileException(entry, name + ".dtype", "is " + describe(dt)
                    + "; supported: F32, F64, I32, I64, BOOL");
        }
        Object sh = m.get("shape");
        if (!(sh instanceof List)) {
            throw new InvalidModelFileException(entry, name + ".shape", "must be a list of non-negative integers, got "
                    + describe(sh));
        }
        List<?> sl = (List<?>) sh;
        if (sl.size() > limits.maxRank()) {
            throw new InvalidModelFileException(entry, name + ".shape", "has " + sl.size() + " axes, more than the limit of "
                    + limits.maxRank());
        }
        int[] shape = new int[sl.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = integer(sl.get(i), -1);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new InvalidModelFileException(entry, name + ".shape", "axis " + i + " is " + describe(sl.get(i))
                        + "; sizes must be integers in [0, " + Integer.MAX_VALUE + "]");
            }
            shape[i] = (int) d;
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new InvalidModelFileException(entry, name + ".shape", "the element count overflows 64 bits");
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidModelFileException(entry, name + ".shape", "holds " + count
                    + " elements, more than a Java array can (" + (Integer.MAX_VALUE - 8) + ")");
        }
        long span = count * dtype.byteSize();
        Object offs = m.get("data_offsets");
        if (!(offs instanceof List) || ((List<?>) offs).size() != 2) {
            throw new InvalidModelFileException(entry, name + ".data_offsets", "must be a list [begin, end], got "
                    + describe(offs));
        }
        long begin = integer(((List<?>) offs).get(0), -1);
        long end = integer(((List<?>) offs).get(1), -1);
        if (begin < 0 || end < 0) {
            throw new InvalidModelFileException(entry, name + ".data_offsets", "must hold two non-negative integers, got "
                    + describe(offs));
        }
        if (end < begin) {
            throw new InvalidModelFileException(entry, name + ".data_offsets", "end " + end + " is before begin " + begin);
        }
        if (end > dataLen) {
            throw new InvalidModelFileException(entry, name + ".data_offsets", "end " + end
                    + " lies outside the data, which is " + dataLen + " bytes (truncated file?)");
        }
        if (end - begin != span) {
            throw new InvalidModelFileException(entry, name + ".data_offsets", "spans " + (end - begin)
                    + " bytes but dtype " + dt + " x shape " + java.util.Arrays.toString(shape) + " needs " + span);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long integer(Object o, long bad) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        return bad;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "missing";
        }
        String s = o instanceof String ? "'" + o + "'" : String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** The checked contents of a safetensors file: tensor records in data order, metadata, lazy tensors. */
    public static final class Contents {
        private final String entry;
        private final byte[] bytes;
        private final long dataStart;
        private final List<Entry> entries;
        private final Map<String, Entry> byName = new LinkedHashMap<>();
        private final Map<String, String> metadata;

        Contents(String entry, byte[] bytes, long dataStart, List<Entry> entries, Map<String, String> metadata) {
            this.entry = entry;
            this.bytes = bytes;
            this.dataStart = dataStart;
            this.entries = Collections.unmodifiableList(entries);
            for (Entry e : entries) {
                byName.put(e.name(), e);
            }
            this.metadata = Collections.unmodifiableMap(metadata);
        }

        /** The entry or file name used in messages. */
        public String entryName() {
            return entry;
        }

        /** The tensor records in the order of their data. */
        public List<Entry> entries() {
            return entries;
        }

        /** The record of a tensor, or null. */
        public Entry get(String name) {
            return byName.get(name);
        }

        /** The {@code __metadata__} strings. */
        public Map<String, String> metadata() {
            return metadata;
        }

        /**
         * A tensor's values (a new tensor).
         *
         * @throws IllegalArgumentException if there is no tensor of that name
         */
        public Tensor tensor(String name) {
            Entry e = byName.get(name);
            if (e == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' in " + entry + "; tensors: " + byName.keySet());
            }
            return tensor(e);
        }

        /** The values of a record of this file. */
        public Tensor tensor(Entry e) {
            int n = e.size();
            ByteBuffer bb = ByteBuffer.wrap(bytes, (int) (dataStart + e.begin()), (int) (e.end() - e.begin()))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            switch (e.dtype()) {
                case FLOAT32: {
                    float[] a = new float[n];
                    bb.asFloatBuffer().get(a);
                    return Tensor.wrap(a, e.shape());
                }
                case FLOAT64: {
                    double[] a = new double[n];
                    bb.asDoubleBuffer().get(a);
                    return Tensor.wrap(a, e.shape());
                }
                case INT32: {
                    int[] a = new int[n];
                    bb.asIntBuffer().get(a);
                    return Tensor.ofInts(a, e.shape());
                }
                case INT64: {
                    long[] a = new long[n];
                    bb.asLongBuffer().get(a);
                    return Tensor.ofLongs(a, e.shape());
                }
                case BOOL: {
                    boolean[] a = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = bb.get(i) != 0;
                    }
                    return Tensor.ofBooleans(a, e.shape());
                }
                default:
                    throw new IllegalStateException(e.dtype().name());
            }
        }

        /** Every tensor by name, in data order. */
        public Map<String, Tensor> tensors() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (Entry e : entries) {
                m.put(e.name(), tensor(e));
            }
            return m;
        }

        /** The header as UTF-8 text (for diagnostics). */
        public String headerText() {
            return new String(bytes, 8, (int) dataStart - 8, StandardCharsets.UTF_8).trim();
        }
    }
}
