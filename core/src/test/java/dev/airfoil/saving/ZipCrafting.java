package dev.airfoil.saving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives for the safety and fuzz tests, including ones no honest writer makes. */
final class ZipCrafting {
    private ZipCrafting() {
    }

    /** A zip of the given entries (deflated unless {@code stored}). */
    static byte[] zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zos = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCompressedSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                zos.putNextEntry(ze);
                zos.write(e.getValue());
                zos.closeEntry();
            }
        }
        return bos.toByteArray();
    }

    /** An archive written the way {@link ModelArchive} writes it. */
    static byte[] archive(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelArchive.writeZip(bos, entries);
        return bos.toByteArray();
    }

    /** Replaces every occurrence of an entry name (local and central headers) by another of the same length. */
    static byte[] renameEntries(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        if (f.length != t.length) {
            throw new IllegalArgumentException("same length only");
        }
        byte[] out = zip.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            boolean match = true;
            for (int j = 0; j < f.length && match; j++) {
                match = out[i + j] == f[j];
            }
            if (match) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        return out;
    }

    /** Sets the uncompressed size in every central directory record (a lying directory). */
    static byte[] patchCentralSizes(byte[] zip, int size) {
        byte[] out = zip.clone();
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= out.length; i++) {
            if (bb.getInt(i) == 0x02014b50) {
                bb.putInt(i + 24, size);
            }
        }
        return out;
    }
}
