package dev.airfoil.cli;

/** Turns an exception into the one line the CLI prints after {@code error:}. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            msg = "file not found: " + msg;
        }
        return msg.replace('\n', ' ').trim();
    }
}
