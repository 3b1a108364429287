package dev.airfoil.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns an exception into the one line the CLI prints after {@code error:}. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The line of a usage error, without picocli's "Error: " prefix and with exclusive groups explained. */
    static String usage(Throwable ex) {
        String m = oneLine(ex);
        if (m.startsWith("Error: ")) {
            m = m.substring(7);
        }
        java.util.regex.Matcher g = java.util.regex.Pattern.compile("expected only one match but got (\\(.*?\\))=")
                .matcher(m);
        if (g.find()) {
            return "give only one of " + options(g.group(1)).replace(" | ", " or ");
        }
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("^(.*) are mutually exclusive").matcher(m);
        if (x.find()) {
            return "give only one of " + options(x.group(1)).replace(" and ", " or ");
        }
        return m;
    }

    /** Option synopses without their parameter labels and brackets: {@code [--x=FILE --y=FILE]} becomes {@code --x --y}. */
    private static String options(String synopsis) {
        return synopsis.replaceAll("=\\S+", "").replaceAll("[\\[\\]()]", "").trim();
    }

    static String oneLine(Throwable ex) {
        if (ex instanceof OutOfMemoryError) {
            return "out of memory; give Java more heap, e.g. AIRFOIL_JAVA_OPTS=-Xmx8g ./airfoil ..., or use a smaller"
                    + " --batch-size";
        }
        if (ex instanceof StackOverflowError) {
            return "stack overflow; the model may be too deep for the default stack, try AIRFOIL_JAVA_OPTS=-Xss64m";
        }
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        if (t instanceof NoSuchFileException) {
            msg = "file not found: " + msg + " (check the path)";
        } else if (t instanceof AccessDeniedException) {
            msg = "permission denied: " + msg;
        } else if (t instanceof FileAlreadyExistsException) {
            msg = "file already exists: " + msg;
        } else if (t instanceof NotDirectoryException) {
            msg = "not a directory: " + msg;
        }
        return msg.replace("\r", " ").replace('\n', ' ').trim();
    }
}
