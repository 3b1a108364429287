package dev.airfoil.saving.keras;

import dev.airfoil.saving.InvalidModelFileException;

/**
 * A Keras model file (a {@code .keras} zip, a legacy {@code .h5} file or a config JSON) that
 * cannot be loaded: malformed, truncated, hostile, or inconsistent with the model it describes.
 *
 * <p>The message always names where the problem is — the zip entry, HDF5 dataset or attribute,
 * or config field — and what was expected, for example
 * {@code "Invalid model file: entry 'm.keras!model.weights.h5: /layers/dense/vars/0': file has shape [4, 3], layer 'dense' variable 'kernel' expects [4, 5]"}.
 * It is an {@link InvalidModelFileException} (an {@link java.io.IOException}), like every rejection of
 * {@code Models.load}. Subclasses distinguish exceeded limits ({@link KerasLimitException}) and layer types Airfoil
 * does not implement ({@link UnsupportedKerasLayerException}).
 */
public class KerasFileException extends InvalidModelFileException {
    private static final long serialVersionUID = 1L;
    private final String location;

    /**
     * A rejection at a location.
     *
     * @param location the entry, dataset, attribute or config field (may be empty)
     * @param problem  what is wrong and, where possible, what was expected
     */
    public KerasFileException(String location, String problem) {
        this(location, problem, null);
    }

    /** The same, keeping the low-level cause (never shown to the user as a stack trace by Airfoil). */
    public KerasFileException(String location, String problem, Throwable cause) {
        super(location == null || location.isEmpty() ? null : location, null, problem, cause);
        this.location = location == null ? "" : location;
    }

    /** The entry, dataset, attribute or config field the problem was found in. */
    public String location() {
        return location;
    }
}
