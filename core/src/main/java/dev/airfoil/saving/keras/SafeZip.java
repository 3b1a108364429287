package dev.airfoil.saving.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the entries of an untrusted zip archive into memory under {@link KerasLimits}: entry
 * count, entry names ({@code ..}, absolute paths, backslashes, NUL and control characters,
 * duplicates, names outside an allow-list), per-entry and total uncompressed size and compression
 * ratio — counted while inflating, never trusted from the headers. Nothing is extracted to disk.
 *
 * <p>Example:
 * <pre>{@code
 * Map<String, byte[]> e = SafeZip.read(path, Set.of("config.json", "metadata.json", "model.weights.h5"),
 *         Set.of("config.json"), KerasLimits.DEFAULTS);
 * }</pre>
 */
public final class SafeZip {
    private SafeZip() {
    }

    /**
     * Reads a zip's entries.
     *
     * @param file     the archive
     * @param allowed  the entry names the format may contain (directory entries ending in
     *                 {@code /} are skipped; any other name is rejected)
     * @param required the names that must be present
     * @param limits   size limits
     * @return entry name to content, in archive order
     * @throws KerasFileException  for a malformed archive, a bad, duplicate, unexpected or missing name
     * @throws KerasLimitException for too many entries, too many bytes or too high a ratio
     */
    public static Map<String, byte[]> read(Path file, Set<String> allowed, Set<String> required, KerasLimits limits)
            throws IOException {
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long fileSize = Files.size(file);
        if (fileSize > limits.maxFileBytes()) {
            throw new KerasLimitException(where, "the file has " + fileSize + " bytes, above the limit of "
                    + limits.maxFileBytes());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxZipEntries()) {
                throw new KerasLimitException(where, "the zip holds " + zip.size() + " entries, above the limit of "
                        + limits.maxZipEntries());
            }
            List<ZipEntry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            int count = 0;
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (++count > limits.maxZipEntries()) {
                    throw new KerasLimitException(where, "the zip holds more than " + limits.maxZipEntries() + " entries");
                }
                String name = e.getName();
                checkName(where, name);
                if (!seen.add(name)) {
                    throw new KerasFileException(where + "!" + name, "the entry name appears twice in the zip");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (!allowed.contains(name)) {
                    throw new KerasFileException(where + "!" + name, "unexpected zip entry; this format holds only "
                            + new java.util.TreeSet<>(allowed));
                }
                entries.add(e);
            }
            for (String r : required) {
                if (!seen.contains(r)) {
                    throw new KerasFileException(where, "the zip has no '" + r + "' entry (entries: " + seen + ")");
                }
            }
            long total = 0;
            for (ZipEntry e : entries) {
                byte[] data = readEntry(zip, e, where, fileSize, limits, limits.maxTotalBytes() - total);
                total += data.length;
                out.put(e.getName(), data);
            }
        } catch (ZipException e) {
            throw new KerasFileException(where, "not a valid zip archive (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the JDK's zip code reports some malformed headers (bad names, bad extra fields) this way
            throw new KerasFileException(where, "malformed zip archive (" + e.getMessage() + ")", e);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Rejects names that are absolute, climb out ({@code ..}), use backslashes or control characters. */
    static void checkName(String where, String name) throws KerasFileException {
        String loc = where + "!" + name;
        if (name.isEmpty() || name.length() > 512) {
            throw new KerasFileException(loc, "a zip entry name must have 1 to 512 characters");
        }
        if (name.startsWith("/") || name.contains("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw new KerasFileException(loc, "absolute paths and backslashes are not allowed in zip entry names");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                throw new KerasFileException(loc, "control characters are not allowed in zip entry names");
            }
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                throw new KerasFileException(loc, "'.' and '..' are not allowed in zip entry names");
            }
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, String where, long fileSize, KerasLimits limits,
                                    long totalLeft) throws IOException {
        String loc = where + "!" + e.getName();
        long cap = Math.min(limits.maxEntryBytes(), totalLeft);
        long declared = e.getSize();
        if (declared > cap) {
            throw new KerasLimitException(loc, "the entry declares " + declared + " uncompressed bytes, above the limit of "
                    + cap);
        }
        long compressed = e.getCompressedSize() < 0 ? fileSize : Math.min(Math.max(e.getCompressedSize(), 1), fileSize);
        long ratioCap = Math.max(compressed, 1) * (long) limits.maxCompressionRatio() + 4096;
        long hardCap = Math.min(cap, e.getMethod() == ZipEntry.STORED ? fileSize : ratioCap);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(
                (int) Math.min(Math.max(declared, 0), Math.min(hardCap, 1 << 20)));
        byte[] chunk = new byte[8192];
        long n = 0;
        try (InputStream in = zip.getInputStream(e)) {
            int r;
            while ((r = in.read(chunk)) > 0) {
                n += r;
                if (n > hardCap) {
                    if (n > cap) {
                        throw new KerasLimitException(loc, "the entry inflates to more than " + cap
                                + " bytes, above the size limit");
                    }
                    throw new KerasLimitException(loc, "the entry inflates to more than " + hardCap + " bytes from "
                            + compressed + " compressed bytes, above the compression-ratio limit of "
                            + limits.maxCompressionRatio());
                }
                buf.write(chunk, 0, r);
            }
        } catch (ZipException ex) {
            throw new KerasFileException(loc, "corrupt compressed data (" + ex.getMessage() + ")", ex);
        } catch (java.io.EOFException ex) {
            throw new KerasFileException(loc, "the entry is truncated", ex);
        }
        if (declared >= 0 && n != declared) {
            throw new KerasFileException(loc, "the entry declares " + declared + " bytes but holds " + n);
        }
        return buf.toByteArray();
    }
}
