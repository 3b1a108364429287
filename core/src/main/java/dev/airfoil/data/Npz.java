package dev.airfoil.data;

import dev.airfoil.utils.AtomicFiles;
import dev.airfoil.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: a zip file holding one {@code .npy} file per named
 * array, as written by {@code numpy.savez} and {@code numpy.savez_compressed}.
 *
 * <p>Array names are the entry names without the {@code .npy} suffix; entries that are not
 * {@code .npy} files are ignored. Entry data are read with memory that grows with the bytes
 * actually present, so an archive whose headers lie cannot force a large allocation.
 *
 * <p>An <em>address</em> names one array in a file, as the command line uses it:
 * {@code data.npz:x_train} (one array of an archive), {@code data.npz} (an archive with exactly one
 * array) or {@code data.npy}; see {@link #load(String)}.
 *
 * <p>Example:
 * <pre>{@code
 * Map<String, Tensor> arrays = Npz.read(Path.of("mnist.npz"));
 * Tensor xTrain = arrays.get("x_train");
 * Npz.write(Path.of("out.npz"), Map.of("pred", predictions), true);
 * }</pre>
 */
public final class Npz {
    private static final long FIXED_ENTRY_TIME = 315532800000L + 86_400_000L; // 1980-01-02, reproducible files

    private Npz() {
    }

    /** Reads every array of an {@code .npz} file, in archive order; narrow integers load as int32. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads every array of an {@code .npz} file.
     *
     * @param file                   the archive
     * @param narrowIntegersAsFloat  load int8, int16 and uint8 arrays as float32 instead of int32
     * @return an insertion-ordered map from array name (entry name without {@code .npy}) to tensor
     * @throws InvalidDataFileException when the archive or one of its arrays is malformed
     */
    public static Map<String, Tensor> read(Path file, boolean narrowIntegersAsFloat) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : npyEntries(zip, file)) {
                String name = arrayName(e);
                if (out.containsKey(name)) {
                    throw new InvalidDataFileException(file.toString(), "the archive holds two arrays named '"
                            + name + "'");
                }
                out.put(name, readEntry(zip, e, file, narrowIntegersAsFloat));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads one named array of an {@code .npz} file.
     *
     * @throws InvalidDataFileException when there is no such array (the message lists the names present)
     */
    public static Tensor read(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            List<ZipEntry> entries = npyEntries(zip, file);
            for (ZipEntry e : entries) {
                if (arrayName(e).equals(name)) {
                    return readEntry(zip, e, file, false);
                }
            }
            throw new InvalidDataFileException(file.toString(), "no array named '" + name + "'; the archive holds "
                    + namesOf(entries));
        }
    }

    /** The names of the arrays in an {@code .npz} file, in archive order, without loading them. */
    public static List<String> names(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return namesOf(npyEntries(zip, file));
        }
    }

    /**
     * Loads one array by address: {@code "file.npz:name"} (one array of an archive),
     * {@code "file.npz"} (an archive holding exactly one array) or {@code "file.npy"}.
     * The split is at the last colon that follows {@code .npz}, so Windows paths such as
     * {@code C:\data\a.npz:x} work.
     *
     * @throws InvalidDataFileException when the archive holds several arrays and no name is given,
     *                                  or the named array is missing
     */
    public static Tensor load(String address) throws IOException {
        Address a = parseAddress(address);
        if (a.arrayName() != null) {
            return read(a.file(), a.arrayName());
        }
        String lower = a.file().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".npz")) {
            Map<String, Tensor> all = read(a.file());
            if (all.size() != 1) {
                throw new InvalidDataFileException(a.file().toString(), "the archive holds " + all.size()
                        + " arrays " + all.keySet() + "; name one as '" + a.file() + ":NAME'");
            }
            return all.values().iterator().next();
        }
        return Npy.read(a.file());
    }

    /**
     * A parsed array address.
     *
     * @param file       the {@code .npz} or {@code .npy} file
     * @param arrayName  the array inside an {@code .npz} file, or null when not given
     */
    public record Address(Path file, String arrayName) {
    }

    /** Splits {@code "file.npz:name"} into file and array name (null when absent). */
    public static Address parseAddress(String address) {
        int i = address.toLowerCase(java.util.Locale.ROOT).lastIndexOf(".npz:");
        if (i >= 0) {
            String name = address.substring(i + 5);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Array address '" + address
                        + "' ends with ':' but names no array; use 'file.npz:NAME' or just 'file.npz'");
            }
            return new Address(Path.of(address.substring(0, i + 4)), name);
        }
        return new Address(Path.of(address), null);
    }

    // ------------------------------------------------------------------------------------ writing

    /** Writes named arrays to an uncompressed {@code .npz} file ({@code numpy.savez}), atomically. */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        write(file, arrays, false);
    }

    /**
     * Writes named arrays to an {@code .npz} file, atomically (temporary file in the same folder,
     * then an atomic move). Entries appear in the map's iteration order.
     *
     * @param file        the target; its folder is created when missing
     * @param arrays      array name to tensor; names must be non-empty
     * @param compressed  deflate the entries ({@code numpy.savez_compressed}) instead of storing them
     */
    public static void write(Path file, Map<String, Tensor> arrays, boolean compressed) throws IOException {
        for (String name : arrays.keySet()) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("Npz.write: array names must be non-empty, got " + arrays.keySet());
            }
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zos = new ZipOutputStream(out);
            for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setTime(FIXED_ENTRY_TIME);
                if (compressed) {
                    e.setMethod(ZipEntry.DEFLATED);
                    zos.putNextEntry(e);
                    Npy.write(zos, a.getValue(), false);
                } else {
                    byte[] bytes = Npy.toBytes(a.getValue());
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(bytes.length);
                    e.setCompressedSize(bytes.length);
                    e.setCrc(crc.getValue());
                    zos.putNextEntry(e);
                    zos.write(bytes);
                }
                zos.closeEntry();
            }
            zos.finish();
        });
    }

    // ------------------------------------------------------------------------------------ helpers

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npz file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidDataFileException(file.toString(), "not a valid .npz (zip) archive: " + e.getMessage(), e);
        }
    }

    private static List<ZipEntry> npyEntries(ZipFile zip, Path file) throws InvalidDataFileException {
        List<ZipEntry> list = new ArrayList<>();
        try {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(".npy")) {
                    list.add(e);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDataFileException(file.toString(), "corrupt zip directory: " + e.getMessage(), e);
        }
        return list;
    }

    private static String arrayName(ZipEntry e) {
        String n = e.getName();
        return n.substring(0, n.length() - 4);
    }

    private static List<String> namesOf(List<ZipEntry> entries) {
        List<String> names = new ArrayList<>();
        for (ZipEntry e : entries) {
            names.add(arrayName(e));
        }
        return names;
    }

    private static Tensor readEntry(ZipFile zip, ZipEntry e, Path file, boolean narrowIntegersAsFloat)
            throws IOException {
        String source = file + ":" + arrayName(e);
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
            return Npy.read(in, source, -1, narrowIntegersAsFloat);
        } catch (ZipException ex) {
            throw new InvalidDataFileException(source, "corrupt zip entry: " + ex.getMessage(), ex);
        } catch (java.io.EOFException ex) {
            throw new InvalidDataFileException(source, "zip entry ends early; the archive is truncated", ex);
        }
    }
}
