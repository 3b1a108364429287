package dev.airfoil.saving;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and damaged files: every rejection is an {@link InvalidModelFileException} whose message
 * names the entry, the field and the limit or expectation.
 */
class ModelFileSafetyTest {
    @TempDir
    Path dir;

    static Map<String, byte[]> validEntries() {
        Model m = ModelArchiveTest.sequential();
        m.compile(new Adam(0.01), "mse");
        m.fit(ModelArchiveTest.X, ModelArchiveTest.Y, FitOptions.builder().epochs(1).batchSize(16).verbose(0).seed(1).build());
        return ModelArchive.entries(m, true);
    }

    private InvalidModelFileException rejectArchive(byte[] zip) throws IOException {
        Path f = Files.write(dir.resolve("x" + System.nanoTime() + ".airfoil"), zip);
        return assertThrows(InvalidModelFileException.class, () -> Models.load(f));
    }

    private InvalidModelFileException rejectEntries(Map<String, byte[]> entries) throws IOException {
        return rejectArchive(ZipCrafting.archive(entries));
    }

    private static void assertMessage(InvalidModelFileException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ safetensors

    private static byte[] safetensors(String header, int dataBytes) {
        byte[] h = utf8(header);
        ByteBuffer bb = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(h.length).put(h);
        return bb.array();
    }

    private static InvalidModelFileException rejectSafetensors(byte[] bytes) {
        return assertThrows(InvalidModelFileException.class,
                () -> SafeTensors.read(bytes, "w.safetensors", ModelFileLimits.DEFAULT));
    }

    @Test
    void safetensorsRoundTripAllDtypes() throws IOException {
        Map<String, Tensor> ts = new LinkedHashMap<>();
        ts.put("f", Tensor.of(new float[] {1.5f, -2f, Float.NaN}, 3));
        ts.put("d", Tensor.of(new double[] {1e300, -0.0}, 2, 1));
        ts.put("i", Tensor.ofInts(new int[] {7, -8}, 2));
        ts.put("l", Tensor.ofLongs(new long[] {Long.MAX_VALUE}));
        ts.put("b", Tensor.ofBooleans(new boolean[] {true, false, true}, 3));
        ts.put("empty", Tensor.zeros(0, 4));
        SafeTensors.write(dir.resolve("t.safetensors"), ts, Map.of("k", "v"));
        SafeTensors.Contents c = SafeTensors.read(dir.resolve("t.safetensors"), ModelFileLimits.DEFAULT);
        assertEquals(Map.of("k", "v"), c.metadata());
        assertEquals(6, c.entries().size());
        assertTrue(Float.isNaN(c.tensor("f").floatData()[2]));
        assertEquals(-0.0, c.tensor("d").doubleData()[1]);
        assertEquals(Long.MAX_VALUE, c.tensor("l").longData()[0]);
        assertEquals(true, c.tensor("b").booleanData()[2]);
        assertEquals(0, c.tensor("empty").size());
        byte[] raw = Files.readAllBytes(dir.resolve("t.safetensors"));
        long n = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        assertEquals('{', raw[8]);
    }

    @Test
    void safetensorsHeaderChecks() {
        assertMessage(rejectSafetensors(new byte[5]), "header length", "8-byte");
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(-2L);
        assertMessage(rejectSafetensors(huge), "header length", "18446744073709551614", "limit");
        byte[] big = new byte[16];
        ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        assertMessage(rejectSafetensors(big), "header length", "only 8 bytes follow");
        assertMessage(rejectSafetensors(safetensors("[1]", 0)), "header", "'{'");
        assertMessage(rejectSafetensors(safetensors("{\"a\": 1, \"a\": 2}", 0)), "not valid JSON", "Duplicate");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2)),
                "a.dtype", "F16");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)),
                "a.shape", "axis 0");
        assertMessage(rejectSafetensors(safetensors(
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", 8)),
                "a.shape", "overflows");
        assertMessage(rejectSafetensors(safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}", 4)),
                "a.shape", "more than a Java array");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)),
                "a.data_offsets", "spans 4 bytes", "needs 8");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4)),
                "a.data_offsets", "outside the data");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)), "overlap");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)),
                "a.data_offsets", "gap");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12)),
                "data", "trailing bytes");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4)),
                "a.data_offsets", "before begin");
        assertMessage(rejectSafetensors(safetensors("{\"__metadata__\":{\"k\":1}}", 0)), "__metadata__.k", "string");
        assertMessage(rejectSafetensors(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],"
                + "\"x\":1}}", 4)), "a.x", "unknown field");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertMessage(rejectSafetensors(safetensors("{\"a\":" + deep + "}", 0)), "not valid JSON");
        assertThrows(InvalidModelFileException.class, () -> SafeTensors.read(safetensors("{}", 0), "w",
                ModelFileLimits.DEFAULT.withMaxHeaderBytes(1)));
    }

    // ------------------------------------------------------------------ zip container

    @Test
    void hostileEntryNamesAreRejected() throws IOException {
        Map<String, byte[]> good = validEntries();
        for (String bad : new String[] {"../config.json", "/etc/passwd", "a\\b", "C:evil", "dir/", "x..y"}) {
            Map<String, byte[]> e = new LinkedHashMap<>(good);
            e.put(bad, new byte[] {1});
            assertMessage(rejectArchive(ZipCrafting.zip(e, false)), "not allowed");
        }
        Map<String, byte[]> extra = new LinkedHashMap<>(good);
        extra.put("payload.class", new byte[] {1});
        assertMessage(rejectArchive(ZipCrafting.zip(extra, false)), "payload.class", "unexpected entry");
    }

    @Test
    void duplicateEntriesAreRejected() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(validEntries());
        e.put("xonfig.json", utf8("{\"class_name\": \"Sequential\", \"config\": {}}"));
        byte[] zip = ZipCrafting.renameEntries(ZipCrafting.zip(e, false), "xonfig.json", "config.json");
        assertMessage(rejectArchive(zip), "config.json", "appears twice");
    }

    @Test
    void tooManyEntriesAndZipBombsAreRejectedBeforeInflating() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("e" + i, new byte[0]);
        }
        assertMessage(rejectArchive(ZipCrafting.zip(many, false)), "entry count", "more than 64");

        Map<String, byte[]> bomb = new LinkedHashMap<>(validEntries());
        bomb.put(ModelArchive.CONFIG, new byte[50 << 20]); // 50 MiB of zeros deflate about 1000:1
        assertMessage(rejectArchive(ZipCrafting.zip(bomb, false)), "config.json", "compression ratio", "zip bomb");

        // a directory that lies about the size: reading stops at the declared size
        Map<String, byte[]> liar = new LinkedHashMap<>(validEntries());
        liar.put(ModelArchive.CONFIG, new byte[1 << 20]);
        byte[] lying = ZipCrafting.patchCentralSizes(ZipCrafting.zip(liar, false), 1000);
        assertMessage(rejectArchive(lying), "size");
    }

    @Test
    void damagedContainersAreRejected() throws IOException {
        byte[] zip = ZipCrafting.archive(validEntries());
        assertMessage(rejectArchive(new byte[0]), "zip");
        assertMessage(rejectArchive(java.util.Arrays.copyOf(zip, zip.length / 2)), "zip");
        byte[] flipped = zip.clone();
        flipped[zip.length / 3] ^= 0x10; // inside the stored weights: the CRC catches it
        assertThrows(InvalidModelFileException.class, () -> Models.load(Files.write(dir.resolve("f.airfoil"), flipped)));
    }

    // ------------------------------------------------------------------ content

    @Test
    void metadataIsChecked() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(validEntries());
        e.put(ModelArchive.METADATA, utf8("{\"format\": \"airfoil\", \"format_version\": \"2.0\"}"));
        assertMessage(rejectEntries(e), "metadata.json", "format_version", "v2.0", "reads up to v1");
        e.put(ModelArchive.METADATA, utf8("{\"format\": \"keras\", \"format_version\": \"1.0\"}"));
        assertMessage(rejectEntries(e), "metadata.json", "format", "'keras'");
        e.remove(ModelArchive.METADATA);
        assertMessage(rejectEntries(e), "metadata.json", "missing");
    }

    @Test
    void configNamesResolveOnlyThroughTheRegistry() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(validEntries());
        String config = new String(e.get(ModelArchive.CONFIG), StandardCharsets.UTF_8);
        e.put(ModelArchive.CONFIG, utf8(config.replace("\"Dense\"", "\"java.lang.Runtime\"")));
        assertMessage(rejectEntries(e), "config.json", "Unknown layer 'java.lang.Runtime'", "registered in code");
        e.put(ModelArchive.CONFIG, utf8(config.replace("\"class_name\" : \"Adam\"", "\"class_name\" : \"Evil\"")));
        assertMessage(rejectEntries(e), "config.json", "compile_config", "Unknown optimizer 'Evil'");
    }

    @Test
    void hugeLayersInAConfigDoNotExhaustMemory() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(validEntries());
        String config = new String(e.get(ModelArchive.CONFIG), StandardCharsets.UTF_8);
        e.put(ModelArchive.CONFIG, utf8(config.replaceFirst("\"units\" : 8", "\"units\" : 2000000000")));
        assertMessage(rejectEntries(e), "config.json");
        e.put(ModelArchive.CONFIG, utf8(config.replaceFirst("\"units\" : 8", "\"units\" : 500000000")));
        assertMessage(rejectEntries(e), "config.json");
    }

    @Test
    void weightsMustMatchWhatTheLayersExpect() throws IOException {
        Map<String, byte[]> base = validEntries();
        Map<String, byte[]> e = new LinkedHashMap<>(base);
        String config = new String(e.get(ModelArchive.CONFIG), StandardCharsets.UTF_8);
        e.put(ModelArchive.CONFIG, utf8(config.replaceFirst("\"units\" : 8", "\"units\" : 9")));
        assertMessage(rejectEntries(e), "model.weights.safetensors", ".shape", "expects [4, 9]");

        Map<String, byte[]> missing = new LinkedHashMap<>(base);
        SafeTensors.Contents w = SafeTensors.read(missing.get(ModelArchive.WEIGHTS), "w", ModelFileLimits.DEFAULT);
        Map<String, Tensor> fewer = new LinkedHashMap<>(w.tensors());
        String dropped = fewer.keySet().iterator().next();
        fewer.remove(dropped);
        fewer.put("stranger/kernel", Tensor.zeros(2, 2));
        missing.put(ModelArchive.WEIGHTS, SafeTensors.toBytes(fewer, null));
        assertMessage(rejectEntries(missing), "tensor names", "missing from the file: [" + dropped + "]",
                "not in the model: [stranger/kernel]");

        Map<String, byte[]> dtype = new LinkedHashMap<>(base);
        Map<String, Tensor> doubles = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> t : w.tensors().entrySet()) {
            doubles.put(t.getKey(), t.getValue().cast(dev.airfoil.tensor.DType.FLOAT64));
        }
        dtype.put(ModelArchive.WEIGHTS, SafeTensors.toBytes(doubles, null));
        assertMessage(rejectEntries(dtype), ".dtype", "file has float64", "expects float32");
    }

    @Test
    void optimizerAndTrainingStateAreChecked() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(validEntries());
        e.put(ModelArchive.OPTIMIZER, SafeTensors.toBytes(Map.of("x", Tensor.zeros(3)), Map.of("optimizer", "Adam")));
        assertMessage(rejectEntries(e), "optimizer.safetensors", "tensor names");
        e = new LinkedHashMap<>(validEntries());
        e.put(ModelArchive.TRAINING, utf8("{\"epoch\": -1, \"step\": 0, \"seed\": 1}"));
        assertMessage(rejectEntries(e), "training.json", "epoch");
        e.put(ModelArchive.TRAINING, utf8("{\"epoch\": 1, \"step\": 0, \"seed\": \"x\"}"));
        assertMessage(rejectEntries(e), "training.json", "seed", "integer");
    }
}
