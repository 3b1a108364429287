package dev.airfoil.cli;

import dev.airfoil.data.CsvData;
import dev.airfoil.data.CsvReader;
import dev.airfoil.data.Idx;
import dev.airfoil.data.Npy;
import dev.airfoil.data.Npz;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.AtomicFiles;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading and writing arrays by file name: NumPy {@code .npy}, {@code .npz} ({@code file.npz:name}
 * for one array), CSV ({@code .csv}, {@code .tsv}, optionally {@code .gz}; the header is detected)
 * and MNIST's IDX format ({@code -ubyte}, {@code .idx}).
 */
final class TensorFiles {
    private TensorFiles() {
    }

    /** Whether a file name looks like a data file this class reads. */
    static boolean isDataFile(String name) {
        String l = stripGz(name.toLowerCase(Locale.ROOT));
        return l.endsWith(".npy") || l.endsWith(".npz") || l.contains(".npz:") || isCsv(l) || isIdx(l);
    }

    static boolean isCsv(String name) {
        String l = stripGz(name.toLowerCase(Locale.ROOT));
        return l.endsWith(".csv") || l.endsWith(".tsv") || l.endsWith(".txt");
    }

    private static boolean isIdx(String l) {
        return l.endsWith("-ubyte") || l.endsWith(".idx") || l.matches(".*\\.idx\\d-ubyte$");
    }

    private static String stripGz(String l) {
        return l.endsWith(".gz") ? l.substring(0, l.length() - 3) : l;
    }

    /**
     * Reads one array.
     *
     * @param spec the file (with {@code :name} for one array of an {@code .npz})
     * @param what the option it came from, for messages ({@code --x})
     */
    static Tensor read(String spec, String what) throws IOException {
        Npz.Address a = Npz.parseAddress(spec);
        Path file = a.file();
        if (!Files.exists(file)) {
            throw new CliException(what + ": file not found: " + file + " (check the path)");
        }
        requireRegularFile(file, what);
        String l = stripGz(file.getFileName().toString().toLowerCase(Locale.ROOT));
        if (a.arrayName() != null || l.endsWith(".npz")) {
            return Npz.load(spec);
        }
        if (l.endsWith(".npy")) {
            return Npy.read(file);
        }
        if (isCsv(l)) {
            CsvData d = readCsv(csvReader(file).withoutLabelColumn(), file);
            Tensor x = d.features();
            return x;
        }
        if (isIdx(l)) {
            return Idx.read(file);
        }
        throw new CliException(what + ": cannot read '" + file.getFileName() + "'; give a .npy, .npz (file.npz:NAME),"
                + " .csv or IDX file");
    }

    /**
     * A hint when a CSV file's first line has none of the expected delimiter but another common one
     * (a European {@code ;} CSV, a tab-separated file named {@code .csv}), or null.
     */
    private static String delimiterHint(Path file) throws IOException {
        char delim = delimiter(file);
        List<String> first = firstLine(file, delim);
        if (first.size() != 1) {
            return null;
        }
        String line = first.get(0);
        for (char other : new char[] {';', '\t', ','}) {
            if (other != delim && line.indexOf(other) >= 0) {
                return "the first line is separated by " + (other == '\t' ? "tabs" : "'" + other + "'")
                        + " but this file is read as " + (delim == '\t' ? "tab" : "comma") + "-separated (by its"
                        + " extension: .csv comma, .tsv tab); convert the separators or rename the file";
            }
        }
        return null;
    }

    /** Refuses a folder where a data file is expected (reading it would fail with a bare "Is a directory"). */
    static void requireRegularFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new CliException(what + ": " + file + " is a directory; give a data file (.npy, .npz, .csv or IDX)");
        }
    }

    /** Reads a 1-column CSV as labels (int64 when every value is an integer, float32 otherwise), or any other array. */
    static Tensor readLabels(String spec, String what) throws IOException {
        Path file = Npz.parseAddress(spec).file();
        if (isCsv(file.getFileName().toString()) && Files.exists(file)) {
            requireRegularFile(file, what);
            CsvData d = readCsv(csvReader(file).withLabelColumn(-1), file);
            if (!d.featureNames().isEmpty()) {
                return read(spec, what);
            }
            return d.labels();
        }
        return read(spec, what);
    }

    /**
     * Reads a CSV file and insists on at least one data row: the reader returns zero rows for a file
     * with only a header, which would otherwise fail later as "the data is empty" without naming
     * the file.
     *
     * @param reader the configured reader
     * @param file   the file
     * @return the data, with at least one row
     */
    static CsvData readCsv(CsvReader reader, Path file) throws IOException {
        CsvData d;
        try {
            d = reader.read(file);
        } catch (dev.airfoil.data.CsvFormatException e) {
            String hint = delimiterHint(file);
            if (hint == null) {
                throw e;
            }
            throw new CliException(ErrorMessages.oneLine(e) + "; " + hint, e);
        }
        if (d.features().dim(0) == 0) {
            throw new CliException(file + ": the file has a header but no data rows; add one row per sample below"
                    + " the header");
        }
        return d;
    }

    /** The delimiter of a CSV file by its name: tab for {@code .tsv}, comma otherwise. */
    static char delimiter(Path file) {
        String l = stripGz(file.getFileName().toString().toLowerCase(Locale.ROOT));
        return l.endsWith(".tsv") ? '\t' : ',';
    }

    /** A CSV reader for the file: header detected from the first line, tab-separated for {@code .tsv}. */
    static CsvReader csvReader(Path file) throws IOException {
        char delim = delimiter(file);
        return CsvReader.create().withDelimiter(delim).withHeader(hasHeader(file, delim));
    }

    /** True when some cell of the first non-blank line is not a number. */
    static boolean hasHeader(Path file, char delim) throws IOException {
        for (String c : firstLine(file, delim)) {
            if (!isNumber(c)) {
                return true;
            }
        }
        return false;
    }

    /** The trimmed, unquoted cells of the first non-blank line (empty for an empty file). */
    static List<String> firstLine(Path file, char delim) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream raw = Files.newInputStream(file)) {
            // decoded as the reader will decode it (gzip, byte order mark), so a BOM is not part of the first cell
            BufferedReader r = new BufferedReader(CsvReader.textReader(raw, file.toString()));
            String line;
            while ((line = r.readLine()) != null && line.isBlank()) {
                // skip
            }
            List<String> cells = new java.util.ArrayList<>();
            if (line == null) {
                return cells;
            }
            for (String cell : line.split(java.util.regex.Pattern.quote(String.valueOf(delim)), -1)) {
                String c = cell.trim();
                if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                    c = c.substring(1, c.length() - 1).trim();
                }
                cells.add(c);
            }
            return cells;
        }
    }

    private static boolean isNumber(String c) {
        String l = c.toLowerCase(Locale.ROOT);
        if (l.equals("nan") || l.equals("inf") || l.equals("-inf") || l.equals("+inf")) {
            return true;
        }
        try {
            Double.parseDouble(c);
            return !c.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Writes arrays: one to {@code .npy}; any number to {@code .npz} by name; to {@code .csv} one 1-D
     * or 2-D array (or several 1-D / 2-D arrays of the same length side by side, with a header).
     */
    static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        String l = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (l.endsWith(".npz")) {
            Npz.write(file, arrays);
        } else if (l.endsWith(".npy")) {
            if (arrays.size() != 1) {
                throw new CliException("'" + file.getFileName() + "': a .npy file holds one array but there are "
                        + arrays.size() + " " + arrays.keySet() + "; write to a .npz file instead");
            }
            Npy.write(file, arrays.values().iterator().next());
        } else if (l.endsWith(".csv")) {
            writeCsv(file, arrays, null);
        } else {
            throw new CliException("cannot write '" + file.getFileName() + "'; give a .npy, .npz or .csv file name");
        }
    }

    /**
     * Writes 1-D or 2-D arrays of the same length side by side as CSV with a header; when
     * {@code classNames} is given, a 1-D integer array is written as those names. The file is replaced
     * atomically: a failure midway leaves any previous file as it was.
     */
    static void writeCsv(Path file, Map<String, Tensor> arrays, List<String> classNames) throws IOException {
        int n = -1;
        StringBuilder header = new StringBuilder();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 0 || t.rank() > 2) {
                throw new CliException("'" + e.getKey() + "' has shape " + shape(t.shape())
                        + "; CSV holds 1-D or 2-D arrays only, write to .npy or .npz instead");
            }
            if (n >= 0 && t.dim(0) != n) {
                throw new CliException("arrays of different lengths cannot share a CSV file; write to .npz instead");
            }
            n = t.dim(0);
            int cols = t.rank() == 1 ? 1 : t.dim(1);
            for (int j = 0; j < cols; j++) {
                if (header.length() > 0) {
                    header.append(',');
                }
                header.append(cols == 1 ? e.getKey() : e.getKey() + "_" + j);
            }
        }
        final int rows = n;
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(header.toString());
            w.write('\n');
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                row.setLength(0);
                for (Tensor t : arrays.values()) {
                    int cols = t.rank() == 1 ? 1 : t.dim(1);
                    for (int j = 0; j < cols; j++) {
                        if (row.length() > 0) {
                            row.append(',');
                        }
                        double v = t.rank() == 1 ? t.get(new int[] {i}) : t.get(i, j);
                        if (t.dtype().isInteger() || t.dtype() == DType.BOOL) {
                            long k = (long) v;
                            if (classNames != null && t.rank() == 1 && k >= 0 && k < classNames.size()) {
                                row.append(classNames.get((int) k));
                            } else {
                                row.append(k);
                            }
                        } else if (t.dtype() == DType.FLOAT32) {
                            row.append(Float.toString((float) v));
                        } else {
                            row.append(v);
                        }
                    }
                }
                w.write(row.toString());
                w.write('\n');
            }
            w.flush();
        });
    }

    /** NumPy-style shape text, such as {@code (100, 4)} or {@code (3,)}. */
    static String shape(int[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(s[i] < 0 ? "None" : String.valueOf(s[i]));
        }
        if (s.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }
}
