package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NPY reading against NumPy-written fixtures (tools/make_npy_fixtures.py), round trips and hostile input. */
class NpyTest {
    static final int[] SHAPE = {2, 3, 4};

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/data/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture formula for C-order flat element i (see tools/make_npy_fixtures.py). */
    static double expected(String kind, int i) {
        switch (kind) {
            case "float32": case "float64": return (i - 10) * 0.5 + 0.25;
            case "uint8": return i * 10;
            case "bool": return i % 3 == 0 ? 1 : 0;
            default: return i * 7 - 50;
        }
    }

    static DType loadedAs(String kind) {
        switch (kind) {
            case "float32": return DType.FLOAT32;
            case "float64": return DType.FLOAT64;
            case "int64": return DType.INT64;
            case "bool": return DType.BOOL;
            default: return DType.INT32;
        }
    }

    static Stream<Arguments> fixtures() {
        List<Arguments> list = new ArrayList<>();
        for (String kind : List.of("float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")) {
            boolean single = kind.equals("int8") || kind.equals("uint8") || kind.equals("bool");
            for (String endian : single ? List.of("na") : List.of("le", "be")) {
                for (String order : List.of("c", "f")) {
                    list.add(Arguments.of(kind, endian + "_" + order));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}_{1}")
    @MethodSource("fixtures")
    void readsNumpyFixture(String kind, String variant) throws IOException {
        Tensor t = Npy.read(fixture(kind + "_" + variant + ".npy"));
        assertEquals(loadedAs(kind), t.dtype());
        assertArrayEquals(SHAPE, t.shape());
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected(kind, i), v[i], 0.0, kind + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0}_{1}")
    @MethodSource("fixtures")
    void roundTripsBothOrders(String kind, String variant) throws IOException {
        Tensor t = Npy.read(fixture(kind + "_" + variant + ".npy"));
        for (boolean fortran : new boolean[]{false, true}) {
            Path p = tmp.resolve(kind + "_" + variant + (fortran ? "_F" : "_C") + ".npy");
            Npy.write(p, t, fortran);
            assertEquals(fortran, Npy.readHeader(p).fortranOrder());
            Tensor back = Npy.read(p);
            assertEquals(t.dtype(), back.dtype());
            assertArrayEquals(t.shape(), back.shape());
            assertArrayEquals(t.toDoubleArray(), back.toDoubleArray(), 0.0);
        }
    }

    @Test
    void narrowIntegersLoadAsFloatOnRequest() throws IOException {
        for (String kind : List.of("int8", "int16", "uint8")) {
            String name = kind + (kind.equals("int16") ? "_be_f.npy" : "_na_c.npy");
            Tensor t = Npy.read(fixture(name), true);
            assertEquals(DType.FLOAT32, t.dtype());
            assertEquals(expected(kind, 23), t.getFlat(23), 0.0);
        }
        assertEquals(DType.FLOAT64, Npy.read(fixture("float64_le_c.npy"), true).dtype());
    }

    @Test
    void writesByteIdenticalFilesToNumpy() throws IOException {
        for (String kind : List.of("float32", "float64", "int32", "int64", "bool")) {
            String name = kind + (kind.equals("bool") ? "_na_c.npy" : "_le_c.npy");
            byte[] numpy = Files.readAllBytes(fixture(name));
            assertArrayEquals(numpy, Npy.toBytes(Npy.read(fixture(name))), name);
        }
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        assertEquals(2, Npy.readHeader(fixture("float32_v2.npy")).majorVersion());
        assertEquals(3, Npy.readHeader(fixture("float32_v3.npy")).majorVersion());
        for (String f : List.of("float32_v2.npy", "float32_v3.npy")) {
            Tensor t = Npy.read(fixture(f));
            assertArrayEquals(SHAPE, t.shape());
            assertEquals(expected("float32", 5), t.getFlat(5), 0.0);
        }
    }

    @Test
    void readsScalarsEmptyArraysAndVectors() throws IOException {
        Tensor s = Npy.read(fixture("scalar_float64.npy"));
        assertEquals(0, s.rank());
        assertEquals(3.5, s.item(), 0.0);
        Tensor e = Npy.read(fixture("empty_float32.npy"));
        assertArrayEquals(new int[]{0, 3}, e.shape());
        Tensor v = Npy.read(fixture("vector_int64.npy"));
        assertArrayEquals(new long[]{-50, -43, -36, -29, -22}, v.toLongArray());
        for (Tensor t : List.of(s, e, v)) {
            Path p = tmp.resolve("rt.npy");
            Npy.write(p, t);
            assertArrayEquals(t.shape(), Npy.read(p).shape());
            assertArrayEquals(t.toDoubleArray(), Npy.read(p).toDoubleArray(), 0.0);
        }
    }

    @Test
    void rejectsUnsupportedDtypesClearly() {
        InvalidDataFileException a = assertThrows(InvalidDataFileException.class,
                () -> Npy.read(fixture("unsupported_float16.npy")));
        assertTrue(a.getMessage().contains("unsupported dtype '<f2'"), a.getMessage());
        assertTrue(a.getMessage().contains("unsupported_float16.npy"), a.getMessage());
        InvalidDataFileException b = assertThrows(InvalidDataFileException.class,
                () -> Npy.read(fixture("unsupported_structured.npy")));
        assertTrue(b.getMessage().contains("structured"), b.getMessage());
    }

    @Test
    void writeIsAtomicAndReplacesExistingFile() throws IOException {
        Path p = tmp.resolve("sub/dir/a.npy");
        Npy.write(p, Tensor.of(new float[]{1, 2}, 2));
        Npy.write(p, Tensor.of(new float[]{3, 4, 5}, 3));
        assertArrayEquals(new float[]{3, 4, 5}, Npy.read(p).toFloatArray());
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(List.of(p), files.toList(), "no temporary files left behind");
        }
    }

    // ------------------------------------------------------------------------------ hostile input

    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer bb = ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (lenBytes == 2) {
            bb.putShort((short) h.length);
        } else {
            bb.putInt(h.length);
        }
        bb.put(h).put(data);
        return bb.array();
    }

    private InvalidDataFileException rejected(byte[] content) throws IOException {
        Path p = tmp.resolve("bad.npy");
        Files.write(p, content);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        // the stream path (unknown length, as for zip entries) must reject it too
        assertThrows(InvalidDataFileException.class, () -> Npy.read(new ByteArrayInputStream(content), "stream"));
        return e;
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    @Test
    void rejectsBadMagic() throws IOException {
        assertMessage(rejected("PK\3\4 not numpy at all".getBytes(StandardCharsets.US_ASCII)), "magic string");
        assertMessage(rejected(new byte[]{(byte) 0x93, 'N'}), "magic string");
        assertMessage(rejected(new byte[0]), "magic string");
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        assertMessage(rejected(npy(4, "{}", new byte[0])), "unsupported .npy format version 4.0");
    }

    @Test
    void rejectsHeaderLongerThanFile() throws IOException {
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]);
        byte[] cut = java.util.Arrays.copyOf(b, 30);
        assertMessage(rejected(cut), "header length");
        // version 2 with a 4 GB header length
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(-1).putInt(0);
        assertMessage(rejected(bb.array()), "header length 4294967295");
    }

    @Test
    void rejectsMalformedHeaders() throws IOException {
        assertMessage(rejected(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,) ", new byte[8])),
                "malformed .npy header");
        assertMessage(rejected(npy(1, "{'descr': '<f4', 'fortran_order': False}", new byte[8])), "'shape'");
        assertMessage(rejected(npy(1, "{'descr': '<f4', 'shape': (2,)}", new byte[8])), "fortran_order");
        assertMessage(rejected(npy(1, "[1, 2]", new byte[8])), "not a dictionary");
        assertMessage(rejected(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3)}", new byte[8])),
                "invalid dimension -3");
        assertMessage(rejected(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)}",
                new byte[8])), "invalid dimension");
        assertMessage(rejected(npy(1, "{'descr': 'O', 'fortran_order': False, 'shape': (2,)}", new byte[16])),
                "unsupported dtype 'O'");
        assertMessage(rejected(npy(1, "(".repeat(100), new byte[0])), "nested too deeply");
    }

    @Test
    void rejectsHugeShapesBeforeAllocating() throws IOException {
        // 2^31 elements: more than a Java array holds
        assertMessage(rejected(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 32768)}",
                new byte[64])), "too many for one Java array");
        // 1.6 GB declared, 64 bytes present: must fail before allocating (file and stream path)
        assertMessage(rejected(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (20000, 10000)}",
                new byte[64])), "truncated");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        InvalidDataFileException e = rejected(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2)}",
                new byte[40]));
        assertMessage(e, "48 bytes of data, but only 40 bytes follow the header");
        InvalidDataFileException s = assertThrows(InvalidDataFileException.class, () -> Npy.read(
                new ByteArrayInputStream(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2)}",
                        new byte[40])), "entry"));
        assertMessage(s, "data ends after 40 of 48 expected bytes");
    }

    @Test
    void headerParserAcceptsPythonVariants() throws IOException {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(7).putInt(-9).array();
        Path p = tmp.resolve("v.npy");
        Files.write(p, npy(1, "{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \">i4\"}\n", data));
        assertArrayEquals(new int[]{7, -9}, Npy.read(p).toIntArray());
        assertFalse(Npy.readHeader(p).fortranOrder());
    }
}
