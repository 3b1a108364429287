package dev.airfoil.callbacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams epoch results to a CSV file ({@code keras.callbacks.CSVLogger}), in Keras's format:
 * a header {@code epoch,<keys sorted by name>}, then one row per epoch, written and flushed at the
 * end of every epoch. Values are written as Python's {@code repr} writes them
 * ({@code 0.30120000243186951} becomes {@code 0.3012000024318695}, NaN {@code nan}), a missing key
 * as {@code NA}, lines end in {@code \r\n} (Python's csv "excel" dialect), and fields holding the
 * separator, a quote or a line break are quoted. The columns are fixed at the first epoch end; when
 * it has no {@code val_} key, Keras 3 adds a {@code val_<key>} column for every key, so validation
 * results of later epochs (with {@code validationFreq}) still have a column ({@code NA} until then,
 * and always without validation data).
 *
 * <p>With {@code append}, an existing non-empty file is continued without a second header; without
 * it, the file is overwritten.
 *
 * <pre>{@code
 * new CSVLogger("training.log");
 * new CSVLogger("training.log", ";", true);
 * }</pre>
 */
public class CSVLogger extends Callback {
    private final Path filename;
    private final String separator;
    private final boolean append;
    private Writer writer;
    private List<String> keys;
    private boolean appendHeader = true;
    private boolean headerWritten;

    /** Overwrites {@code filename} with comma-separated rows. */
    public CSVLogger(String filename) {
        this(Path.of(filename), ",", false);
    }

    /** A logger with Keras's arguments. */
    public CSVLogger(String filename, String separator, boolean append) {
        this(Path.of(filename), separator, append);
    }

    /** A logger with Keras's arguments. */
    public CSVLogger(Path filename, String separator, boolean append) {
        if (separator == null || separator.length() != 1) {
            throw new IllegalArgumentException("CSVLogger: separator must be a single character; received '"
                    + separator + "'");
        }
        this.filename = filename;
        this.separator = separator;
        this.append = append;
    }

    /** The file written. */
    public Path filename() {
        return filename;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeQuietly();
        try {
            if (append) {
                appendHeader = true;
                if (Files.exists(filename)) {
                    try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                        String first = r.readLine();
                        appendHeader = first == null;
                    }
                }
                writer = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                appendHeader = true;
                writer = Files.newBufferedWriter(filename, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + filename + " for writing: " + e.getMessage(), e);
        }
        keys = null;
        headerWritten = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (writer == null) {
            onTrainBegin(Map.of());
        }
        Map<String, Double> l = logs == null ? Map.of() : logs;
        if (keys == null) {
            keys = new ArrayList<>(l.keySet());
            keys.sort(null);
            if (!keys.isEmpty() && keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                List<String> validation = new ArrayList<>();
                for (String k : keys) {
                    validation.add("val_" + k);
                }
                keys.addAll(validation);
            }
        }
        try {
            if (!headerWritten) {
                headerWritten = true;
                if (appendHeader) {
                    List<String> header = new ArrayList<>();
                    header.add("epoch");
                    for (String k : keys) {
                        header.add(quote(k));
                    }
                    writer.write(String.join(separator, header) + "\r\n");
                }
            }
            StringBuilder row = new StringBuilder(Integer.toString(epoch));
            for (String k : keys) {
                Double v = l.get(k);
                row.append(separator).append(v == null ? (l.containsKey(k) ? "" : "NA") : quote(PyFormat.repr(v)));
            }
            writer.write(row.append("\r\n").toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write to " + filename + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        closeQuietly();
    }

    private String quote(String field) {
        if (field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // already flushed after every row
            }
            writer = null;
        }
    }
}
