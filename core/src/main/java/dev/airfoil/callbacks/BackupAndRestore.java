package dev.airfoil.callbacks;

import dev.airfoil.saving.ModelArchive;
import dev.airfoil.training.FitState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Makes a training run survive being killed ({@code keras.callbacks.BackupAndRestore}): it backs
 * the run up to {@code backupDir} and, when the same {@code fit} is started again after a crash,
 * restores the backup and continues from the last completed epoch (or batch, with an integer
 * {@code saveFreq}) — the progress output and a {@link CSVLogger} continue from there too — and
 * the run ends with weights identical to an uninterrupted one (same library, JDK and thread
 * count; layers drawing random numbers during training, such as Dropout, are not yet restored).
 *
 * <p>The backup is one {@code .airfoil} file, {@code backupDir/latest.airfoil}, holding the weights,
 * the optimizer's variables (step counter, learning rate, slots) and the training state (next
 * epoch and step, shuffle seed); it is written atomically, so a kill at any moment leaves either
 * the previous backup or the new one. An epoch's backup is written once all callbacks have seen
 * the end of that epoch (at the start of the next one), so a {@link CSVLogger} has already logged
 * it; on restore, rows of epochs that will be run again (and a half-written last line) are cut from
 * the logs of the run's {@link CSVLogger}s, so each epoch appears once. When training ends the
 * backup is deleted, unless {@code deleteCheckpoint} is false.
 *
 * <p>As in Keras: the model must be built and compiled the same way on every start; the backup
 * folder must not be shared with another run or callback; changing the fit arguments between
 * starts invalidates the backup (delete the folder).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.builder().epochs(100)
 *         .callbacks(new BackupAndRestore("/tmp/backup"), new CSVLogger("log.csv", ",", true)).build());
 * }</pre>
 */
public class BackupAndRestore extends Callback {
    /** The backup file's name inside the backup folder. */
    public static final String BACKUP_FILE = "latest" + ModelArchive.EXTENSION;

    private final Path backupDir;
    private final Integer saveFreq;
    private final boolean deleteCheckpoint;
    private int batchesSinceSave;
    private boolean epochPending;

    /** Backs up at every epoch and deletes the backup when training ends. */
    public BackupAndRestore(String backupDir) {
        this(Path.of(backupDir), "epoch", true);
    }

    /** Backs up at every epoch and deletes the backup when training ends. */
    public BackupAndRestore(Path backupDir) {
        this(backupDir, "epoch", true);
    }

    /**
     * Keras's arguments.
     *
     * @param backupDir        the folder of the backup (created when missing); used by this run only
     * @param saveFreq         {@code "epoch"}, or a positive number of batches between backups
     * @param deleteCheckpoint whether to delete the backup when training ends
     */
    public BackupAndRestore(Path backupDir, Object saveFreq, boolean deleteCheckpoint) {
        if (backupDir == null || backupDir.toString().isEmpty()) {
            throw new IllegalArgumentException("BackupAndRestore: backup_dir is required, received " + backupDir);
        }
        this.backupDir = backupDir;
        if ("epoch".equals(saveFreq)) {
            this.saveFreq = null;
        } else if (saveFreq instanceof Integer && (Integer) saveFreq > 0) {
            this.saveFreq = (Integer) saveFreq;
        } else {
            throw new IllegalArgumentException("BackupAndRestore: save_freq must be \"epoch\" or a positive integer "
                    + "number of batches, received " + saveFreq);
        }
        this.deleteCheckpoint = deleteCheckpoint;
    }

    /** The backup folder. */
    public Path backupDir() {
        return backupDir;
    }

    /** The backup file. */
    public Path backupFile() {
        return backupDir.resolve(BACKUP_FILE);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        batchesSinceSave = 0;
        epochPending = false;
        Path file = backupFile();
        deleteStaleTemporaries();
        if (!Files.exists(file)) {
            return;
        }
        FitState state;
        try {
            state = ModelArchive.restoreInto(model(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot restore the backup " + file + ": " + e.getMessage()
                    + ". If the model or fit arguments changed, delete " + backupDir + " to start afresh.", e);
        }
        FitState run = model().fitState();
        if (state != null && run != null) {
            run.resumeAt(state.epoch(), state.step());
            run.setSeed(state.seed());
            for (Callback c : run.callbacks()) {
                if (c instanceof CSVLogger csv) {
                    trimLog(csv.filename(), state.epoch());
                }
            }
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochPending) {
            // the previous epoch is over for every callback (CSV row written): back it up now
            epochPending = false;
            save();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq != null && ++batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq == null) {
            epochPending = true;
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (deleteCheckpoint) {
            try {
                Files.deleteIfExists(backupFile());
                deleteStaleTemporaries();
                try (DirectoryStream<Path> d = Files.newDirectoryStream(backupDir)) {
                    if (!d.iterator().hasNext()) {
                        Files.deleteIfExists(backupDir);
                    }
                }
            } catch (IOException e) {
                // the run is complete; a leftover backup is harmless but would restore a finished run
                throw new UncheckedIOException("BackupAndRestore: cannot delete the backup " + backupFile() + ": "
                        + e.getMessage(), e);
            }
        } else if (epochPending) {
            epochPending = false;
            save();
        }
    }

    private void save() {
        try {
            model().save(backupFile());
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot write the backup " + backupFile() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes temporary files a killed write left next to the backup. */
    private void deleteStaleTemporaries() {
        if (!Files.isDirectory(backupDir)) {
            return;
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(backupDir, "." + BACKUP_FILE + ".*.tmp")) {
            for (Path p : d) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // harmless leftovers
        }
    }

    /**
     * Cuts a CSV log after the header and the rows of epochs before {@code epoch}, dropping rows of
     * epochs that will be run again and a half-written last line. Truncates in place, so a logger
     * that already opened the file for appending keeps writing to it.
     */
    static void trimLog(Path csv, int epoch) {
        if (!Files.isRegularFile(csv)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return;
            }
            byte[] bytes = Files.readAllBytes(csv);
            long keep = 0;
            int lineStart = 0;
            boolean first = true;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
                int sep = 0;
                while (sep < line.length() && Character.isDigit(line.charAt(sep))) {
                    sep++;
                }
                boolean isRow = sep > 0;
                if (first && !isRow) {
                    keep = i + 1; // the header
                } else if (isRow && sep < 10 && Integer.parseInt(line.substring(0, sep)) < epoch) {
                    keep = i + 1;
                } else {
                    break;
                }
                first = false;
                lineStart = i + 1;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot trim the CSV log " + csv + ": " + e.getMessage(), e);
        }
    }
}
