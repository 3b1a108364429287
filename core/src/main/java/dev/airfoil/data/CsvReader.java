package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads numeric CSV tables into a feature tensor and an optional label tensor.
 *
 * <p>An immutable, reusable reader configured with {@code with...} methods. Defaults: a header line,
 * comma delimiter, no label column, labels typed {@link LabelType#AUTO}. Cells are trimmed; fields
 * may be double-quoted (a doubled quote inside stands for one quote; quoted fields cannot span
 * lines); blank lines are skipped; files ending in {@code .gz} (or starting with the gzip magic) are
 * decompressed. Numbers use {@code .} as the decimal point; {@code nan}, {@code inf} and
 * {@code -inf} are accepted in any case.
 *
 * <p>Every problem raises a {@link CsvFormatException} naming the file, the line, the column and,
 * when known, the column's header name.
 *
 * <p>Example:
 * <pre>{@code
 * CsvData data = CsvReader.create().withLabelColumn("species").read(Path.of("iris.csv"));
 * Tensor x = data.features();   // float32 (150, 4)
 * Tensor y = data.labels();     // int64 (150,), classes data.classNames()
 * }</pre>
 */
public final class CsvReader {
    /** How the label column is typed. */
    public enum LabelType {
        /**
         * int64 when every label is an integer literal, float32 when every label is a number, otherwise
         * categorical.
         */
        AUTO,
        /** int64 class indices; every label must be an integer. */
        INT64,
        /** float32 regression targets; every label must be a number. */
        FLOAT32,
        /** Text class names mapped to int64 indices in sorted name order (like scikit-learn's LabelEncoder). */
        CATEGORICAL
    }

    private final boolean header;
    private final char delimiter;
    private final boolean whitespace;
    private final String labelName;
    private final Integer labelIndex;
    private final LabelType labelType;
    private final int skipLines;

    private CsvReader(boolean header, char delimiter, boolean whitespace, String labelName, Integer labelIndex,
                      LabelType labelType, int skipLines) {
        this.header = header;
        this.delimiter = delimiter;
        this.whitespace = whitespace;
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.labelType = labelType;
        this.skipLines = skipLines;
    }

    /** A reader with the defaults: header line, comma delimiter, no label column, automatic label type. */
    public static CsvReader create() {
        return new CsvReader(true, ',', false, null, null, LabelType.AUTO, 0);
    }

    /** Whether the first (non-skipped) line holds column names. */
    public CsvReader withHeader(boolean hasHeader) {
        return new CsvReader(hasHeader, delimiter, whitespace, labelName, labelIndex, labelType, skipLines);
    }

    /** The field delimiter, such as {@code ';'} or {@code '\t'}. */
    public CsvReader withDelimiter(char delim) {
        if (delim == '"' || delim == '\n' || delim == '\r') {
            throw new IllegalArgumentException("CsvReader: delimiter cannot be a quote or a line break, got '"
                    + delim + "'");
        }
        return new CsvReader(header, delim, false, labelName, labelIndex, labelType, skipLines);
    }

    /** Splits fields on runs of spaces and tabs (space-separated tables such as scikit-learn's diabetes). */
    public CsvReader withWhitespaceDelimiter() {
        return new CsvReader(header, ' ', true, labelName, labelIndex, labelType, skipLines);
    }

    /** Takes the label from the column with this header name (requires a header). */
    public CsvReader withLabelColumn(String name) {
        return new CsvReader(header, delimiter, whitespace, name, null, labelType, skipLines);
    }

    /** Takes the label from the column at this 0-based index; negative counts from the end (-1 is the last). */
    public CsvReader withLabelColumn(int index) {
        return new CsvReader(header, delimiter, whitespace, null, index, labelType, skipLines);
    }

    /** Reads no label column: every column is a feature. */
    public CsvReader withoutLabelColumn() {
        return new CsvReader(header, delimiter, whitespace, null, null, labelType, skipLines);
    }

    /** How labels are typed (default {@link LabelType#AUTO}). */
    public CsvReader withLabelType(LabelType type) {
        return new CsvReader(header, delimiter, whitespace, labelName, labelIndex, type, skipLines);
    }

    /** Skips this many lines at the start of the file, before the header (if any). */
    public CsvReader withSkipLines(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("CsvReader: skipLines must be >= 0, got " + lines);
        }
        return new CsvReader(header, delimiter, whitespace, labelName, labelIndex, labelType, lines);
    }

    /** Reads a CSV file (gzip-compressed when it ends in {@code .gz} or starts with the gzip magic). */
    public CsvData read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads CSV from a byte stream (gzip detected by its magic bytes; text decoded as
     * {@link #textReader} says); the stream is not closed.
     *
     * @param sourceName the name used in error messages
     */
    public CsvData read(InputStream in, String sourceName) throws IOException {
        return read(textReader(in, sourceName), sourceName);
    }

    /**
     * The text of a CSV byte stream: gunzipped when it starts with the gzip magic, then decoded by
     * its byte order mark — UTF-8 (mark dropped), UTF-16 little- or big-endian (as Excel's "Unicode
     * text" and PowerShell write) — and as UTF-8 when it has none. UTF-32, and UTF-16 without a mark
     * (recognised by a zero byte among the first two), are refused with a message naming the
     * encoding and how to re-save the file as UTF-8.
     *
     * @param sourceName the name used in error messages
     * @throws CsvFormatException for an encoding it does not read
     */
    public static Reader textReader(InputStream in, String sourceName) throws IOException {
        InputStream data = maybeGunzip(in);
        if (!data.markSupported()) {
            data = new BufferedInputStream(data, 1 << 16);
        }
        data.mark(4);
        byte[] head = data.readNBytes(4);
        data.reset();
        int n = head.length;
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        int b2 = n > 2 ? head[2] & 0xff : -1;
        int b3 = n > 3 ? head[3] & 0xff : -1;
        String refuse = null;
        if ((b0 == 0xff && b1 == 0xfe && b2 == 0 && b3 == 0) || (b0 == 0 && b1 == 0 && b2 == 0xfe && b3 == 0xff)) {
            refuse = "the file is UTF-32 text (it starts with a UTF-32 byte order mark)";
        } else if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
            data.skipNBytes(3);
            return new InputStreamReader(data, StandardCharsets.UTF_8);
        } else if (b0 == 0xff && b1 == 0xfe) {
            data.skipNBytes(2);
            return new InputStreamReader(data, StandardCharsets.UTF_16LE);
        } else if (b0 == 0xfe && b1 == 0xff) {
            data.skipNBytes(2);
            return new InputStreamReader(data, StandardCharsets.UTF_16BE);
        } else if (b0 == 0 || b1 == 0) {
            refuse = "the file starts with a zero byte, so it looks like UTF-16 or UTF-32 text without a byte order mark";
        }
        if (refuse != null) {
            throw new CsvFormatException(sourceName, 0, 0, refuse + ", which the CSV reader does not decode; save it "
                    + "as UTF-8 (for example: iconv -f UTF-16 -t UTF-8 in.csv > out.csv, or \"CSV UTF-8\" in a "
                    + "spreadsheet's Save As)");
        }
        return new InputStreamReader(data, StandardCharsets.UTF_8);
    }

    /** Reads CSV text; the reader is not closed. */
    public CsvData read(Reader text, String sourceName) throws IOException {
        BufferedReader r = text instanceof BufferedReader ? (BufferedReader) text : new BufferedReader(text, 1 << 16);
        long lineNo = 0;
        for (int i = 0; i < skipLines; i++) {
            if (r.readLine() == null) {
                break;
            }
            lineNo++;
        }
        List<String> names = null;
        int columns = -1;
        int label = -1;
        FloatBuilder feats = new FloatBuilder();
        List<String> labels = new ArrayList<>();
        List<Long> labelLines = new ArrayList<>();
        String line;
        boolean headerPending = header;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, sourceName, lineNo);
            if (headerPending) {
                names = cells;
                columns = cells.size();
                label = resolveLabel(names, columns, sourceName, lineNo);
                headerPending = false;
                continue;
            }
            if (columns < 0) {
                columns = cells.size();
                label = resolveLabel(null, columns, sourceName, lineNo);
            }
            if (cells.size() != columns) {
                throw new CsvFormatException(sourceName, lineNo, 0, "line " + lineNo + " has " + cells.size()
                        + " columns, expected " + columns + (names != null ? " as in the header" : " as in the first row"));
            }
            for (int c = 0; c < columns; c++) {
                if (c == label) {
                    labels.add(cells.get(c));
                    labelLines.add(lineNo);
                } else {
                    feats.add((float) parseNumber(cells.get(c), sourceName, lineNo, c, names));
                }
            }
        }
        if (columns < 0) {
            throw new CsvFormatException(sourceName, 0, 0, "the file holds no data rows");
        }
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                names.add("column_" + (c + 1));
            }
        }
        int featureCount = columns - (label >= 0 ? 1 : 0);
        int rows = featureCount > 0 ? feats.size / featureCount : labels.size();
        if (featureCount == 0) {
            throw new CsvFormatException(sourceName, 0, 0, "the file has no feature columns besides the label");
        }
        Tensor x = Tensor.wrap(feats.toArray(), rows, featureCount);
        List<String> featureNames = new ArrayList<>(names);
        String labelColumnName = null;
        Tensor y = null;
        List<String> classNames = List.of();
        if (label >= 0) {
            labelColumnName = featureNames.remove(label);
            LabelResult lr = labels(labels, labelLines, sourceName, label, names);
            y = lr.tensor;
            classNames = lr.classNames;
        }
        return new CsvData(x, y, featureNames, labelColumnName, classNames);
    }

    private int resolveLabel(List<String> names, int columns, String source, long lineNo) throws CsvFormatException {
        if (labelName != null) {
            if (names == null) {
                throw new CsvFormatException(source, 0, 0, "label column '" + labelName
                        + "' is given by name but the reader has no header line; use withLabelColumn(index)"
                        + " or withHeader(true)");
            }
            int i = names.indexOf(labelName);
            if (i < 0) {
                throw new CsvFormatException(source, lineNo, 0, "no column named '" + labelName
                        + "' in the header; columns are " + names);
            }
            return i;
        }
        if (labelIndex != null) {
            int i = labelIndex < 0 ? labelIndex + columns : labelIndex;
            if (i < 0 || i >= columns) {
                throw new CsvFormatException(source, lineNo, 0, "label column index " + labelIndex
                        + " is out of range for " + columns + " columns");
            }
            return i;
        }
        return -1;
    }

    private static final class LabelResult {
        final Tensor tensor;
        final List<String> classNames;

        LabelResult(Tensor tensor, List<String> classNames) {
            this.tensor = tensor;
            this.classNames = classNames;
        }
    }

    private LabelResult labels(List<String> cells, List<Long> lines, String source, int col, List<String> names)
            throws CsvFormatException {
        int n = cells.size();
        LabelType type = labelType;
        if (type == LabelType.AUTO) {
            // a missing label would otherwise turn numeric labels into text classes, or become a class ""
            for (int i = 0; i < n; i++) {
                if (cells.get(i).isEmpty()) {
                    throw cellError(source, lines.get(i), col, names, "", "a label; fill it in or drop the row");
                }
            }
            boolean allInt = true;
            boolean allNum = true;
            for (String s : cells) {
                if (!isInteger(s)) {
                    allInt = false;
                    if (!isNumber(s)) {
                        allNum = false;
                        break;
                    }
                }
            }
            type = allInt ? LabelType.INT64 : allNum ? LabelType.FLOAT32 : LabelType.CATEGORICAL;
        }
        switch (type) {
            case INT64: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    String s = cells.get(i);
                    if (!isInteger(s)) {
                        throw cellError(source, lines.get(i), col, names, s, "an integer label"
                                + " (use withLabelType(FLOAT32) for real-valued targets or CATEGORICAL for names)");
                    }
                    try {
                        v[i] = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
                    } catch (NumberFormatException e) {
                        throw cellError(source, lines.get(i), col, names, s, "an integer within the int64 range");
                    }
                }
                return new LabelResult(Tensor.ofLongs(v, n), List.of());
            }
            case FLOAT32: {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) parseNumber(cells.get(i), source, lines.get(i), col, names);
                }
                return new LabelResult(Tensor.wrap(v, n), List.of());
            }
            default: {
                List<String> classes = new ArrayList<>(new TreeSet<>(cells));
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = java.util.Collections.binarySearch(classes, cells.get(i));
                }
                return new LabelResult(Tensor.ofLongs(v, n), classes);
            }
        }
    }

    private static boolean isInteger(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (s.length() == start || s.length() - start > 19) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        return !Double.isNaN(tryParse(s)) || isNanLiteral(s);
    }

    private static boolean isNanLiteral(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return t.equals("nan") || t.equals("+nan") || t.equals("-nan");
    }

    /** Parses a number, or NaN when the text is not one (NaN literals are checked separately). */
    private static double tryParse(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        String t = s.toLowerCase(Locale.ROOT);
        switch (t) {
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double parseNumber(String s, String source, long line, int col, List<String> names)
            throws CsvFormatException {
        double v = tryParse(s);
        if (Double.isNaN(v) && !isNanLiteral(s)) {
            throw cellError(source, line, col, names, s, "a number");
        }
        return v;
    }

    private static CsvFormatException cellError(String source, long line, int col, List<String> names, String cell,
                                                String expected) {
        String colText = "column " + (col + 1) + (names != null && col < names.size() ? " ('" + names.get(col) + "')" : "");
        String what = cell.isEmpty() ? "empty cell (missing value); expected " + expected
                : "cannot parse '" + (cell.length() > 40 ? cell.substring(0, 40) + "..." : cell) + "' as " + expected;
        return new CsvFormatException(source, line, col + 1, "line " + line + ", " + colText + ": " + what);
    }

    private List<String> split(String line, String source, long lineNo) throws CsvFormatException {
        List<String> cells = new ArrayList<>();
        if (whitespace) {
            for (String s : line.trim().split("[ \t]+")) {
                cells.add(s);
            }
            return cells;
        }
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            cur.setLength(0);
            while (i < n && line.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cur.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        cur.append(c);
                    }
                }
                if (!closed) {
                    throw new CsvFormatException(source, lineNo, cells.size() + 1, "line " + lineNo + ", column "
                            + (cells.size() + 1) + ": unterminated quoted field (quoted fields cannot span lines)");
                }
                while (i < n && line.charAt(i) != delimiter) {
                    if (!Character.isWhitespace(line.charAt(i))) {
                        throw new CsvFormatException(source, lineNo, cells.size() + 1, "line " + lineNo
                                + ", column " + (cells.size() + 1) + ": unexpected text after a closing quote");
                    }
                    i++;
                }
                cells.add(cur.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                cells.add(line.substring(start, i).trim());
            }
            if (i >= n) {
                break;
            }
            i++; // delimiter
        }
        return cells;
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        if (m1 == 0x1f && m2 == 0x8b) {
            return new GZIPInputStream(b, 1 << 16);
        }
        return b;
    }

    /** A growable float array. */
    private static final class FloatBuilder {
        float[] a = new float[1024];
        int size;

        void add(float v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return a.length == size ? a : Arrays.copyOf(a, size);
        }
    }

    static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        return maybeGunzip(in);
    }
}
