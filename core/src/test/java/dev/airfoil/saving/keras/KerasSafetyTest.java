package dev.airfoil.saving.keras;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and inconsistent Keras files are refused with clear {@link KerasFileException}s. */
class KerasSafetyTest {
    private static Map<String, byte[]> entries(Path keras) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(keras.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream zo = new ZipOutputStream(bo)) {
            for (var e : entries.entrySet()) {
                zo.putNextEntry(new ZipEntry(e.getKey()));
                zo.write(e.getValue());
                zo.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    private static Path mlp() {
        return KerasTestFiles.resource("golden/keras3/mlp.keras");
    }

    private static KerasFileException refuse(Path dir, byte[] content, String ext) throws Exception {
        Path f = dir.resolve("bad" + ext);
        Files.write(f, content);
        return assertThrows(KerasFileException.class, () -> Models.load(f));
    }

    @Test
    void unknownLayerTypesAreUnsupportedNeverRun() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3], \"name\": \"in\"}},"
                + "{\"class_name\": \"PyFunc\", \"config\": {\"name\": \"evil\", \"function\": "
                + "{\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\"}}}}]}}";
        UnsupportedKerasLayerException e = assertThrows(UnsupportedKerasLayerException.class,
                () -> KerasModelImporter.fromConfigJson(json));
        assertEquals("PyFunc", e.layerType());
        assertTrue(e.getMessage().contains("layer type PyFunc is not supported (layer 'evil')"), e.getMessage());
        assertTrue(e.getMessage().contains("Layers.register"), e.getMessage());
    }

    /** A Lambda whose function is a Python lambda (Keras stores its bytecode) is refused, its code never read. */
    @Test
    void pythonLambdaCodeIsRefusedNeverRun() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3], \"name\": \"in\"}},"
                + "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"evil\", \"function\": "
                + "{\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\"}}}}]}}";
        KerasFileException e = assertThrows(KerasFileException.class, () -> KerasModelImporter.fromConfigJson(json));
        assertTrue(e.getMessage().contains("Layer 'evil' (Lambda): its function is a Python lambda, whose code Airfoil"
                + " never parses nor runs"), e.getMessage());
        assertTrue(e.getMessage().contains("Lambda.register(\"name\", fn)"), e.getMessage());
    }

    @Test
    void bareConfigJsonLoadsArchitecture(@TempDir Path dir) throws Exception {
        String cfg = new String(entries(mlp()).get("config.json"), StandardCharsets.UTF_8);
        Path f = dir.resolve("mlp.json");
        Files.writeString(f, cfg);
        Model m = Models.load(f);
        assertEquals(316, m.countParams());
        assertEquals(3, m.layers().size());
    }

    @Test
    void zipEntryNamesAreChecked(@TempDir Path dir) throws Exception {
        for (String bad : new String[] {"../config.json", "/etc/passwd", "a\\b", "assets/../../x", "extra.bin"}) {
            Map<String, byte[]> e = entries(mlp());
            e.put(bad, new byte[] {1});
            KerasFileException ex = refuse(dir, zip(e), ".keras");
            assertTrue(ex.getMessage().contains(bad), ex.getMessage());
        }
    }

    @Test
    void duplicateZipEntriesAreRefused(@TempDir Path dir) throws Exception {
        Map<String, byte[]> e = entries(mlp());
        e.put("config.jsoX", e.get("config.json"));
        byte[] z = zip(e);
        String s = new String(z, StandardCharsets.ISO_8859_1).replace("config.jsoX", "config.json");
        KerasFileException ex = refuse(dir, s.getBytes(StandardCharsets.ISO_8859_1), ".keras");
        assertTrue(ex.getMessage().contains("twice"), ex.getMessage());
    }

    @Test
    void zipBombsStopAtTheRatioLimit(@TempDir Path dir) throws Exception {
        Map<String, byte[]> e = entries(mlp());
        e.put("model.weights.h5", new byte[20 << 20]); // 20 MiB of zeros deflate about 1000:1
        Path f = dir.resolve("bomb.keras");
        Files.write(f, zip(e));
        KerasLimitException ex = assertThrows(KerasLimitException.class,
                () -> KerasModelImporter.load(f, KerasLimits.DEFAULTS.withMaxCompressionRatio(100)));
        assertTrue(ex.getMessage().contains("compression-ratio limit of 100"), ex.getMessage());
        KerasLimitException small = assertThrows(KerasLimitException.class,
                () -> KerasModelImporter.load(f, KerasLimits.DEFAULTS.withMaxFileBytes(1 << 20)));
        assertTrue(small.getMessage().contains("model.weights.h5"), small.getMessage());
    }

    @Test
    void declaredShapesMustMatchTheLayers(@TempDir Path dir) throws Exception {
        Map<String, byte[]> e = entries(mlp());
        String cfg = new String(e.get("config.json"), StandardCharsets.UTF_8).replace("\"units\": 16", "\"units\": 15");
        e.put("config.json", cfg.getBytes(StandardCharsets.UTF_8));
        KerasFileException ex = refuse(dir, zip(e), ".keras");
        assertTrue(ex.getMessage().contains("model.weights.h5: /layers/dense/vars/0"), ex.getMessage());
        assertTrue(ex.getMessage().contains("file has shape [8, 16], layer 'dense' variable 'kernel' expects [8, 15]"),
                ex.getMessage());
    }

    @Test
    void weightsTheModelDoesNotUseAreRefused(@TempDir Path dir) throws Exception {
        Sequential small = new Sequential("s");
        small.add(Input.shape(8));
        small.add(new Dense(16, "relu", "dense"));
        Path exported = dir.resolve("small.keras");
        KerasModelExporter.export(small, exported);
        Map<String, byte[]> e = entries(mlp());
        e.put("config.json", entries(exported).get("config.json"));
        KerasFileException ex = refuse(dir, zip(e), ".keras");
        assertTrue(ex.getMessage().contains("no layer of the model uses"), ex.getMessage());
    }

    @Test
    void missingWeightsAreRefused(@TempDir Path dir) throws Exception {
        Map<String, byte[]> e = entries(mlp());
        e.remove("model.weights.h5");
        KerasFileException ex = refuse(dir, zip(e), ".keras");
        assertTrue(ex.getMessage().contains("no model.weights.h5"), ex.getMessage());
    }

    @Test
    void weightsOnlyH5FilesAreExplained(@TempDir Path dir) throws Exception {
        Hdf5Writer w = new Hdf5Writer();
        w.root().group("dense").attribute("weight_names", "dense/kernel:0");
        KerasFileException ex = refuse(dir, w.toBytes(), ".h5");
        assertTrue(ex.getMessage().contains("weights-only"), ex.getMessage());
    }

    @Test
    void notAKerasFile(@TempDir Path dir) throws Exception {
        KerasFileException ex = refuse(dir, "hello".getBytes(StandardCharsets.UTF_8), ".keras");
        assertTrue(ex.getMessage().contains("not a Keras file"), ex.getMessage());
        ex = refuse(dir, "{\"class_name\": \"Dense\", \"config\": {}}".getBytes(StandardCharsets.UTF_8), ".json");
        assertTrue(ex.getMessage().contains("wrap a single layer in a Sequential"), ex.getMessage());
        ex = refuse(dir, "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8), ".json");
        assertTrue(ex.getMessage().contains("not valid JSON"), ex.getMessage());
        ex = refuse(dir, ("{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8), ".json");
        assertTrue(ex.getMessage().contains("not valid JSON"), ex.getMessage());
    }

    @Test
    void hdf5LinksAreNeverFollowed() {
        Path f = KerasTestFiles.resource("golden/keras3-hostile/external_link.keras");
        KerasFileException e = assertThrows(KerasFileException.class, () -> Models.load(f));
        assertTrue(e.getMessage().contains("links are not followed"), e.getMessage());
        assertTrue(e.getMessage().contains("layers/dense/vars"), e.getMessage());
    }

    @Test
    void layerNamesAreChecked() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"../../x\", \"units\": 2}}]}}";
        KerasFileException e = assertThrows(KerasFileException.class, () -> KerasModelImporter.fromConfigJson(json));
        assertTrue(e.getMessage().contains("invalid layer name"), e.getMessage());
    }

    @Test
    void snakeCaseFollowsKeras() {
        assertEquals("p_re_lu", KerasWeights.snake("PReLU"));
        assertEquals("conv1d", KerasWeights.snake("Conv1D"));
        assertEquals("batch_normalization", KerasWeights.snake("BatchNormalization"));
        assertEquals("input_layer", KerasWeights.snake("InputLayer"));
        assertEquals("simple_rnn", KerasWeights.snake("SimpleRNN"));
        assertEquals("re_lu", KerasWeights.snake("ReLU"));
    }

    @Test
    void lookup3MatchesHdf5() {
        // reference values of Bob Jenkins' hashlittle (lookup3.c self-test): "" -> 0xdeadbeef, "Four score..." etc.
        assertEquals(0xdeadbeef, Hdf5Writer.lookup3(new byte[0], 0, 0));
        byte[] s = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Hdf5Writer.lookup3(s, 0, s.length));
    }
}
