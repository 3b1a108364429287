package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir
    Path tmp;

    private static final String MNIST = "/dev/airfoil/data/mnist-10k/";

    private static InputStream resource(String name) {
        return IdxTest.class.getResourceAsStream(MNIST + name);
    }

    @Test
    void readsBundledMnistLabels() throws IOException {
        Tensor train;
        Tensor test;
        try (InputStream a = resource("train-labels-idx1-ubyte.gz"); InputStream b = resource("t10k-labels-idx1-ubyte.gz")) {
            train = Idx.readLabels(a, "train-labels");
            test = Idx.readLabels(b, "t10k-labels");
        }
        assertEquals(DType.INT64, train.dtype());
        assertArrayEquals(new int[]{8000}, train.shape());
        assertArrayEquals(new int[]{2000}, test.shape());
        assertArrayEquals(new long[]{1, 0, 0, 5, 4}, Arrays.copyOf(train.toLongArray(), 5));
        assertArrayEquals(new long[]{2, 8, 5, 9, 1}, Arrays.copyOf(test.toLongArray(), 5));
        long[] counts = new long[10];
        for (long v : train.toLongArray()) {
            counts[(int) v]++;
        }
        for (long v : test.toLongArray()) {
            counts[(int) v]++;
        }
        // class counts of all 10,000 digits (shared/datasets/README.md)
        assertArrayEquals(new long[]{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
    }

    @Test
    void readsBundledMnistImages() throws IOException {
        Tensor raw;
        Tensor scaled;
        try (InputStream a = resource("t10k-images-idx3-ubyte.gz"); InputStream b = resource("t10k-images-idx3-ubyte.gz")) {
            raw = Idx.read(a, "t10k-images", false);
            scaled = Idx.readImages(b, "t10k-images", true);
        }
        assertEquals(DType.INT32, raw.dtype());
        assertArrayEquals(new int[]{2000, 28, 28}, raw.shape());
        long sum = 0;
        int first = 0;
        int[] px = raw.toIntArray();
        for (int i = 0; i < px.length; i++) {
            sum += px[i];
            if (i < 784) {
                first += px[i];
            }
        }
        assertEquals(52780271L, sum, "pixel sum (numpy)");
        assertEquals(32781, first, "first image pixel sum (numpy)");
        assertEquals(DType.FLOAT32, scaled.dtype());
        float[] s = scaled.floatData();
        float max = 0;
        for (int i = 0; i < s.length; i++) {
            assertEquals(px[i] / 255f, s[i], 1e-7);
            max = Math.max(max, s[i]);
        }
        assertEquals(1f, max);
    }

    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer bb = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        bb.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            bb.putInt(d);
        }
        return bb.put(data).array();
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write(b);
        }
        return bos.toByteArray();
    }

    @Test
    void readsEveryIdxTypeGzippedOrNot() throws IOException {
        byte[] f32 = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f).array();
        byte[] f64 = ByteBuffer.allocate(16).putDouble(0.25).putDouble(-8).array();
        byte[] i32 = ByteBuffer.allocate(8).putInt(-7).putInt(1 << 20).array();
        byte[] i16 = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 300).array();
        Object[][] cases = {
                {0x08, new byte[]{(byte) 255, 3}, DType.INT32, new double[]{255, 3}},
                {0x09, new byte[]{(byte) 255, 3}, DType.INT32, new double[]{-1, 3}},
                {0x0B, i16, DType.INT32, new double[]{-300, 300}},
                {0x0C, i32, DType.INT32, new double[]{-7, 1 << 20}},
                {0x0D, f32, DType.FLOAT32, new double[]{1.5, -2}},
                {0x0E, f64, DType.FLOAT64, new double[]{0.25, -8}},
        };
        for (Object[] c : cases) {
            byte[] file = idx((Integer) c[0], new int[]{2, 1}, (byte[]) c[1]);
            for (boolean gz : new boolean[]{false, true}) {
                Path p = tmp.resolve("t" + c[0] + gz);
                Files.write(p, gz ? gzip(file) : file);
                Tensor t = Idx.read(p);
                assertEquals(c[2], t.dtype());
                assertArrayEquals(new int[]{2, 1}, t.shape());
                assertArrayEquals((double[]) c[3], t.toDoubleArray(), 0.0);
            }
        }
        Path p = tmp.resolve("u8");
        Files.write(p, idx(0x08, new int[]{2}, new byte[]{(byte) 200, 1}));
        assertEquals(DType.FLOAT32, Idx.read(p, true).dtype());
        assertArrayEquals(new long[]{200, 1}, Idx.readLabels(p).toLongArray());
        assertArrayEquals(new float[]{200 / 255f, 1 / 255f}, Idx.readImages(p, true).toFloatArray());
    }

    private InvalidDataFileException rejected(byte[] content, boolean gz) throws IOException {
        Path p = tmp.resolve(gz ? "bad.gz" : "bad");
        Files.write(p, gz ? gzip(content) : content);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        return e;
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    @Test
    void rejectsHostileFiles() throws IOException {
        for (boolean gz : new boolean[]{false, true}) {
            assertMessage(rejected(new byte[]{1, 2, 8, 1, 0, 0, 0, 0}, gz), "not an IDX file");
            assertMessage(rejected(new byte[]{0, 0, 0x42, 1, 0, 0, 0, 0}, gz), "unknown IDX type byte 0x42");
            assertMessage(rejected(new byte[]{0, 0, 8, 0}, gz), "rank 0");
            assertMessage(rejected(new byte[]{0, 0, 8}, gz), "truncated");
            assertMessage(rejected(new byte[]{0, 0, 8, 3, 0, 0, 0, 1}, gz), "truncated");
            assertMessage(rejected(idx(0x08, new int[]{-1, 28}, new byte[0]), gz), "negative dimension");
            assertMessage(rejected(idx(0x0E, new int[]{1 << 16, 1 << 16}, new byte[0]), gz), "too many for one Java array");
            // 1.6 GB of float64 declared, 16 bytes present: no huge allocation, a clear error
            assertMessage(rejected(idx(0x0E, new int[]{20000, 10000}, new byte[16]), gz), "truncated");
        }
        assertMessage(rejected(idx(0x08, new int[]{10, 28, 28}, new byte[100]), false),
                "declares shape [10, 28, 28] = 7840 bytes of data but only 100 bytes follow");
        Path p = tmp.resolve("labels-float");
        Files.write(p, idx(0x0D, new int[]{1}, new byte[4]));
        assertMessage(assertThrows(InvalidDataFileException.class, () -> Idx.readLabels(p)), "integer IDX label file");
        Path broken = tmp.resolve("broken.gz");
        byte[] gz = gzip(idx(0x08, new int[]{1000}, new byte[1000]));
        Files.write(broken, Arrays.copyOf(gz, gz.length / 2));
        assertThrows(InvalidDataFileException.class, () -> Idx.read(broken));
    }
}
