package dev.airfoil.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work is done, that an output file of a command ({@code --save},
 * {@code --output}, {@code -o}, {@code --csv-log}, {@code OUT}) can be written, so that a typo or a
 * read-only folder fails in a second with the option named instead of after hours of training.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Checks that {@code file} is not a folder and that its folder, or the nearest existing folder
     * above a missing one (the writers create missing folders), accepts new files.
     *
     * @param file   the output file
     * @param option the option or parameter that named it, for the message ({@code --save})
     * @throws CliException when the file cannot be written there
     */
    static void checkWritable(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new CliException(option + " " + file + " is a directory; give a file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new CliException(option + " " + file + ": '" + folder + "' is a file, not a folder; choose another"
                    + " path");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".airfoil-write-check.", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : "it does not accept new files";
            throw new CliException(option + " " + file + ": cannot write to the folder '" + folder + "' (" + why
                    + "); choose a writable location", e);
        }
    }
}
