package dev.airfoil.data;

import java.io.IOException;

/**
 * A data file (NPY, NPZ, CSV, IDX) that cannot be read because its content is malformed,
 * truncated, inconsistent with its own header, or of an unsupported kind.
 *
 * <p>The message always names the file (or resource) and the problem, for example
 * {@code "x.npy: header declares shape (1000000, 784) of float32 = 3136000000 bytes of data but
 * only 1024 bytes follow the header (file truncated?)"}. Loaders check declared sizes against the
 * bytes actually available before allocating, so hostile input fails with this exception instead
 * of {@link OutOfMemoryError} or {@link NegativeArraySizeException}.
 */
public class InvalidDataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source  the file name or resource the problem is in
     * @param problem what is wrong, and where possible how to fix it
     */
    public InvalidDataFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /**
     * Creates the exception with an underlying cause (such as a {@link java.util.zip.ZipException}).
     *
     * @param source  the file name or resource the problem is in
     * @param problem what is wrong
     * @param cause   the lower-level exception
     */
    public InvalidDataFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file name or resource the problem is in. */
    public String source() {
        return source;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
