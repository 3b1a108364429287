package dev.airfoil.saving.keras;

/**
 * A Keras file that exceeds a safety limit of {@link KerasLimits} (file or entry size, zip entry
 * count, compression ratio, tensor size, nesting depth). It is raised before anything of the
 * declared size is allocated; the message names the entry, the field and the limit.
 */
public class KerasLimitException extends KerasFileException {
    private static final long serialVersionUID = 1L;

    /** A limit exceeded at a location. */
    public KerasLimitException(String location, String problem) {
        super(location, problem);
    }
}
