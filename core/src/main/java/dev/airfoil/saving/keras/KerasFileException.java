package dev.airfoil.saving.keras;

import java.io.IOException;

/**
 * A Keras model file (a {@code .keras} zip, a legacy {@code .h5} file or a config JSON) that
 * cannot be loaded: malformed, truncated, hostile, or inconsistent with the model it describes.
 *
 * <p>The message always names where the problem is — the zip entry, HDF5 dataset or attribute,
 * or config field — and what was expected, for example
 * {@code "model.weights.h5: layers/dense/vars/0: file has shape [4, 3], layer 'dense' variable 'kernel' expects [4, 5]"}.
 * Subclasses distinguish exceeded limits ({@link KerasLimitException}) and layer types Airfoil
 * does not implement ({@link UnsupportedKerasLayerException}).
 */
public class KerasFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String location;

    /**
     * A rejection at a location.
     *
     * @param location the entry, dataset, attribute or config field (may be empty)
     * @param problem  what is wrong and, where possible, what was expected
     */
    public KerasFileException(String location, String problem) {
        super(location == null || location.isEmpty() ? problem : location + ": " + problem);
        this.location = location == null ? "" : location;
    }

    /** The same, keeping the low-level cause (never shown to the user as a stack trace by Airfoil). */
    public KerasFileException(String location, String problem, Throwable cause) {
        this(location, problem);
        initCause(cause);
    }

    /** The entry, dataset, attribute or config field the problem was found in. */
    public String location() {
        return location;
    }
}
