package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NPZ archives from numpy.savez / savez_compressed, our writer, addresses and hostile archives. */
class NpzTest {
    @TempDir
    Path tmp;

    private static void checkArrays(Map<String, Tensor> m) {
        assertEquals(List.of("x", "y", "mask"), List.copyOf(m.keySet()));
        Tensor x = m.get("x");
        assertEquals(DType.FLOAT32, x.dtype());
        assertArrayEquals(new int[]{2, 3}, x.shape());
        for (int i = 0; i < 6; i++) {
            assertEquals(NpyTest.expected("float32", i), x.getFlat(i), 0.0);
        }
        assertArrayEquals(new long[]{-50, -43}, m.get("y").toLongArray());
        assertArrayEquals(new boolean[]{true, false, false, true, false, false}, m.get("mask").toBooleanArray());
    }

    @Test
    void readsNumpySavezAndSavezCompressed() throws IOException {
        checkArrays(Npz.read(NpyTest.fixture("arrays.npz")));
        checkArrays(Npz.read(NpyTest.fixture("arrays_compressed.npz")));
        assertEquals(List.of("x", "y", "mask"), Npz.names(NpyTest.fixture("arrays_compressed.npz")));
    }

    @Test
    void readsOneArrayByName() throws IOException {
        assertArrayEquals(new long[]{-50, -43}, Npz.read(NpyTest.fixture("arrays.npz"), "y").toLongArray());
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> Npz.read(NpyTest.fixture("arrays.npz"), "z"));
        assertTrue(e.getMessage().contains("no array named 'z'; the archive holds [x, y, mask]"), e.getMessage());
    }

    @Test
    void roundTripsStoredAndCompressed() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>(Npz.read(NpyTest.fixture("arrays.npz")));
        m.put("d", Tensor.of(new double[]{1.5, -2.5}, 2, 1));
        m.put("i", Tensor.ofInts(new int[]{1, 2, 3}, 3));
        for (boolean compressed : new boolean[]{false, true}) {
            Path p = tmp.resolve(compressed ? "c.npz" : "s.npz");
            Npz.write(p, m, compressed);
            Map<String, Tensor> back = Npz.read(p);
            assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
            for (String k : m.keySet()) {
                assertEquals(m.get(k).dtype(), back.get(k).dtype(), k);
                assertArrayEquals(m.get(k).shape(), back.get(k).shape(), k);
                assertArrayEquals(m.get(k).toDoubleArray(), back.get(k).toDoubleArray(), 0.0, k);
            }
        }
        // deterministic output: same content, same bytes
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        Npz.write(a, m, true);
        Npz.write(b, m, true);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void loadsByAddress() throws IOException {
        Path arrays = NpyTest.fixture("arrays.npz");
        assertArrayEquals(new long[]{-50, -43}, Npz.load(arrays + ":y").toLongArray());
        assertArrayEquals(new double[]{-4.75, -4.25, -3.75}, Npz.load(NpyTest.fixture("single.npz").toString())
                .toDoubleArray(), 0.0);
        assertEquals(3.5, Npz.load(NpyTest.fixture("scalar_float64.npy").toString()).item(), 0.0);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.load(arrays.toString()));
        assertTrue(e.getMessage().contains("holds 3 arrays [x, y, mask]; name one as"), e.getMessage());
    }

    @Test
    void parsesAddresses() {
        Npz.Address a = Npz.parseAddress("C:\\data\\mnist.npz:x_train");
        assertEquals(Path.of("C:\\data\\mnist.npz"), a.file());
        assertEquals("x_train", a.arrayName());
        Npz.Address b = Npz.parseAddress("dir/a.NPZ:b:c");
        assertEquals("b:c", b.arrayName());
        assertNull(Npz.parseAddress("x.npy").arrayName());
        assertNull(Npz.parseAddress("x.npz").arrayName());
        assertThrows(IllegalArgumentException.class, () -> Npz.parseAddress("x.npz:"));
    }

    @Test
    void rejectsNonZipFiles() throws IOException {
        Path p = tmp.resolve("bad.npz");
        Files.write(p, "this is not a zip file".getBytes(StandardCharsets.US_ASCII));
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.read(p));
        assertTrue(e.getMessage().startsWith(p + ": not a valid .npz (zip) archive"), e.getMessage());
    }

    @Test
    void rejectsLyingEntryWithoutHugeAllocation() throws IOException {
        // declares 2e9 bytes of float64 but holds 64: must fail on the data actually present
        Path p = tmp.resolve("liar.npz");
        byte[] entry = NpyTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (25000, 10000)}",
                new byte[64]);
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.putNextEntry(new ZipEntry("x.npy"));
            zos.write(entry);
            zos.closeEntry();
        }
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.read(p));
        assertTrue(e.getMessage().startsWith(p + ":x: data ends after 64 of 2000000000 expected bytes"),
                e.getMessage());
    }

    @Test
    void rejectsEmptyNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Npz.write(tmp.resolve("e.npz"), Map.of("", Tensor.scalar(1))));
    }
}
