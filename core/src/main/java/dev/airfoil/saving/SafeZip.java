package dev.airfoil.saving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the entries of a zip archive into memory without trusting it: the entry count, names
 * (no {@code ..}, absolute paths, backslashes, control characters or duplicates; only allowed
 * names), declared and actual sizes, the total and the compression ratio are all checked before
 * or while inflating. Nothing is ever extracted to disk.
 */
final class SafeZip {
    /** Entries below this size are exempt from the ratio check (small JSON compresses well). */
    static final long RATIO_FLOOR = 64 * 1024;

    private SafeZip() {
    }

    /**
     * Reads every entry of an archive.
     *
     * @param file    the archive
     * @param allowed the only entry names accepted
     * @param limits  the limits
     * @return entry name to content, in archive order
     */
    static Map<String, byte[]> read(Path file, Set<String> allowed, ModelFileLimits limits) throws IOException {
        String archive = String.valueOf(file.getFileName());
        long fileSize = Files.size(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidModelFileException(archive, "zip directory", "not a readable zip archive ("
                    + e.getMessage() + "); the file may be truncated or not an .airfoil file");
        } catch (IOException e) {
            if (!Files.isReadable(file)) {
                throw e;
            }
            throw new InvalidModelFileException(archive, "zip directory", "not a readable zip archive ("
                    + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new InvalidModelFileException(archive, "zip directory", "not a readable zip archive ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try (zip) {
            return readEntries(zip, archive, fileSize, allowed, limits);
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException, EOFException, IllegalArgumentException for malformed names, ...
            throw new InvalidModelFileException(archive, "zip data", "damaged archive (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")");
        }
    }

    private static Map<String, byte[]> readEntries(ZipFile zip, String archive, long fileSize, Set<String> allowed,
                                                   ModelFileLimits limits) throws IOException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long declaredTotal = 0;
        if (zip.size() > limits.maxEntries()) {
            throw new InvalidModelFileException(archive, "entry count", "lists " + zip.size() + " entries, more than "
                    + limits.maxEntries() + " (limit)");
        }
        int count = 0;
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (++count > limits.maxEntries()) {
                throw new InvalidModelFileException(archive, "entry count", "more than " + limits.maxEntries()
                        + " entries (limit)");
            }
            String name = e.getName();
            checkName(archive, name);
            if (!seen.add(name)) {
                throw new InvalidModelFileException(name, "name", "appears twice in the archive");
            }
            if (!allowed.contains(name)) {
                throw new InvalidModelFileException(name, "name", "unexpected entry; an .airfoil file holds only "
                        + allowed);
            }
            long size = e.getSize();
            long csize = e.getCompressedSize();
            if (size < 0 || csize < 0) {
                throw new InvalidModelFileException(name, "size", "the zip directory does not declare its size");
            }
            if (size > limits.maxEntryBytes()) {
                throw new InvalidModelFileException(name, "size", "declares " + size + " bytes, more than the limit of "
                        + limits.maxEntryBytes() + " bytes per entry");
            }
            if (csize > fileSize) {
                throw new InvalidModelFileException(name, "compressed size", "declares " + csize
                        + " bytes, more than the whole file (" + fileSize + " bytes)");
            }
            if (e.getMethod() == ZipEntry.STORED && size != csize) {
                throw new InvalidModelFileException(name, "size", "a stored entry declares " + size
                        + " bytes but " + csize + " compressed bytes");
            }
            if (size > RATIO_FLOOR && size > limits.maxCompressionRatio() * csize) {
                throw new InvalidModelFileException(name, "compression ratio", "inflates " + csize + " bytes to "
                        + size + " (ratio " + Math.round((double) size / Math.max(1, csize))
                        + "), more than the limit of " + limits.maxCompressionRatio() + " (zip bomb?)");
            }
            declaredTotal += size;
            if (declaredTotal > limits.maxTotalBytes()) {
                throw new InvalidModelFileException(name, "size", "the entries together declare more than "
                        + limits.maxTotalBytes() + " bytes (limit)");
            }
            entries.put(name, e);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ZipEntry e : entries.values()) {
            out.put(e.getName(), readEntry(zip, e));
        }
        return out;
    }

    /** Reads exactly the declared size, failing if the data is shorter or longer. */
    private static byte[] readEntry(ZipFile zip, ZipEntry e) throws IOException {
        int size = (int) e.getSize();
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (rt.maxMemory() != Long.MAX_VALUE && size > available) {
            throw new InvalidModelFileException(e.getName(), "size", "declares " + size + " bytes, more than the "
                    + available + " bytes left in the Java heap (maximum " + rt.maxMemory() + "); raise it with -Xmx");
        }
        byte[] buf = new byte[size];
        try (InputStream in = zip.getInputStream(e)) {
            int off = 0;
            while (off < size) {
                int r = in.read(buf, off, size - off);
                if (r < 0) {
                    throw new InvalidModelFileException(e.getName(), "size", "holds " + off + " bytes but declares "
                            + size + " (truncated or damaged entry)");
                }
                off += r;
            }
            if (in.read() >= 0) {
                throw new InvalidModelFileException(e.getName(), "size", "holds more bytes than the " + size
                        + " it declares");
            }
        } catch (ZipException | java.io.EOFException ex) {
            throw new InvalidModelFileException(e.getName(), "data", "damaged entry (" + ex.getMessage() + ")");
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(buf, 0, size);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new InvalidModelFileException(e.getName(), "crc", "the data does not match its CRC-32 (damaged entry)");
        }
        return buf;
    }

    /** Rejects names that could escape a folder or confuse readers. */
    static void checkName(String archive, String name) throws InvalidModelFileException {
        if (name.isEmpty() || name.length() > 255) {
            throw new InvalidModelFileException(archive, "entry name", "names must have 1 to 255 characters");
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.contains(":")
                || name.endsWith("/")) {
            throw new InvalidModelFileException(name, "name", "absolute, parent-relative, drive or folder entry names "
                    + "are not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                throw new InvalidModelFileException(archive, "entry name", "control characters are not allowed");
            }
        }
    }
}
