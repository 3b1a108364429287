package dev.airfoil.saving;

import java.io.IOException;

/**
 * A model, weights or optimizer file that Airfoil refuses to load: damaged, truncated, hostile or
 * simply not what the model expects. The message names the file entry (such as
 * {@code model.weights.safetensors}), the field (such as {@code dense/kernel.data_offsets}) and the
 * limit or expectation that was violated; {@link #entry()}, {@link #field()} give them separately.
 *
 * <p>Every problem found while reading a model file is reported as this exception (or
 * {@link java.nio.file.NoSuchFileException} and other plain I/O errors of the file system) — never
 * as an {@link OutOfMemoryError}, a {@link NegativeArraySizeException} or a parser's internal
 * exception.
 *
 * <pre>{@code
 * try {
 *     Model m = Models.load(Path.of("model.airfoil"));
 * } catch (InvalidModelFileException e) {
 *     System.err.println("not a usable model file: " + e.getMessage());
 * }
 * }</pre>
 */
public class InvalidModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String entry;
    private final String field;

    /**
     * A rejection.
     *
     * @param entry   the file or archive entry ({@code config.json}), or null
     * @param field   the field inside it ({@code header length}), or null
     * @param message what was wrong and what was expected
     */
    public InvalidModelFileException(String entry, String field, String message) {
        this(entry, field, message, null);
    }

    /**
     * A rejection caused by a lower-level error.
     *
     * @param entry   the file or archive entry, or null
     * @param field   the field inside it, or null
     * @param message what was wrong and what was expected
     * @param cause   the underlying error, or null
     */
    public InvalidModelFileException(String entry, String field, String message, Throwable cause) {
        super(format(entry, field, message), cause);
        this.entry = entry;
        this.field = field;
    }

    private static String format(String entry, String field, String message) {
        StringBuilder sb = new StringBuilder("Invalid model file");
        if (entry != null) {
            sb.append(": entry '").append(entry).append('\'');
        }
        if (field != null) {
            sb.append(entry != null ? ", " : ": ").append("field '").append(field).append('\'');
        }
        return sb.append(": ").append(message).toString();
    }

    /** The file or archive entry at fault, or null. */
    public String entry() {
        return entry;
    }

    /** The field inside the entry, or null. */
    public String field() {
        return field;
    }
}
