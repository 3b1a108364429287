package dev.airfoil.cli;

/**
 * An error the user can fix (a missing file, data that do not fit the model, an unknown name): the
 * CLI prints its message after {@code error:} on one line and exits with status 1, without a stack
 * trace unless {@code --debug} is given.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that says what is wrong and how to fix it.
     *
     * @param message the one-line message
     */
    public CliException(String message) {
        super(message);
    }

    /**
     * An error with a message and the underlying cause (shown with {@code --debug}).
     *
     * @param message the one-line message
     * @param cause   the underlying error
     */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
