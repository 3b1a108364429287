package dev.airfoil.utils;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement, used by every writer in Airfoil (model files, checkpoints, NPY/NPZ,
 * plots): the content goes to a temporary file in the target's own folder, is flushed and synced
 * to disk ({@link FileChannel#force(boolean)}), then moved over the target in one step
 * ({@link StandardCopyOption#ATOMIC_MOVE}, falling back to a plain replacing move where the file
 * system cannot move atomically), and finally the folder itself is synced where the platform
 * allows it. A crash or an exception at any point leaves either the previous file or the new one,
 * never a mix; a failed write deletes its temporary file.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.airfoil"), out -> archive.writeTo(out));
 * AtomicFiles.writeBytes(Path.of("notes.txt"), "hello".getBytes(StandardCharsets.UTF_8));
 * }</pre>
 */
public final class AtomicFiles {
    /** Suffix of the temporary files (hidden, next to the target). */
    public static final String TEMP_SUFFIX = ".tmp";

    /** Writes the content of a file to a stream; closing the stream is allowed and harmless. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file
         * @throws IOException when writing fails; the target is then left unchanged
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} atomically with what {@code writer} writes. The target's
     * folder is created when missing.
     *
     * @param target the file to write
     * @param writer the content
     * @throws IOException when the content cannot be written or moved; the target is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write '" + target + "': it is a directory; give a file name");
        }
        Path dir = abs.getParent();
        Path tmp = createTemporary(target, abs, dir);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush(); // the channel is closed below, after force()
                    }
                });
                out.flush();
                ch.force(true);
            }
            copyPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original error matters more
                }
            }
        }
    }

    /**
     * Like {@link #write} but reports failures as {@link UncheckedIOException} naming the file, for
     * callers whose API has no checked exceptions (plots).
     *
     * @param target the file to write
     * @param writer the content
     */
    public static void writeUnchecked(Path target, Writer writer) {
        try {
            write(target, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write '" + target + "': " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code target} atomically with {@code bytes}.
     *
     * @param target the file to write
     * @param bytes  its new content
     * @throws IOException when the file cannot be written; it is then unchanged
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Creates the target's folder when missing and the temporary file in it. A failure here is
     * reported against the target (the file the caller asked for) and its folder, not against the
     * hidden temporary name: a folder path through a regular file, a folder that cannot be created,
     * or one that does not accept new files.
     */
    private static Path createTemporary(Path target, Path abs, Path dir) throws IOException {
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return Files.createTempFile(dir, "." + abs.getFileName() + ".", TEMP_SUFFIX);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write '" + target + "': '" + e.getFile()
                    + "' is a file, not a folder; choose a path inside an existing folder", e);
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "the folder does not accept new files"
                    : String.valueOf(e.getMessage());
            throw new IOException("cannot write '" + target + "': cannot create a file in the folder '" + dir + "' ("
                    + why + "); choose a writable location", e);
        }
    }

    /**
     * Gives the temporary file (created owner-only by {@link Files#createTempFile}) the target's
     * permissions, or {@code rw-r--r--} for a new file, on POSIX file systems.
     */
    private static void copyPermissions(Path target, Path tmp) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    /** Syncs a folder so the rename itself is durable (POSIX); silently skipped where unsupported. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows and some file systems cannot open or sync a folder; the rename is still atomic
        }
    }
}
