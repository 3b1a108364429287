package dev.airfoil.layers.preprocessing;

import dev.airfoil.data.TensorDataset;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import dev.airfoil.testing.LayerHarness;
import dev.airfoil.testing.LayerHarness.Expect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preprocessing layers against Keras 3.15.1 ({@code tools/golden/keras_preprocessing.py} writes
 * {@code golden/preprocessing.json}): outputs and adapted statistics within 1e-5 (absolute plus
 * relative), configs key by key, the summary table; plus the shared layer harness (shapes, weight
 * counts, config round trip, finite-difference gradients), the batch merge of {@code adapt}, saving,
 * and the error messages. The Keras files with these layers are checked by {@code KerasModelFilesTest}
 * ({@code keras3-files/preprocessing.keras} and {@code .h5}).
 */
public class PreprocessingLayersTest {
    private static final String GOLDEN = "/golden/preprocessing.json";
    private static final Set<String> COVERED = new HashSet<>();
    private static double worstError;
    private static String worstCase = "none";
    private static double worstAugmentError;
    private static String worstAugmentCase = "none";

    private static Tensor r(long seed, int... shape) {
        return Tensor.randomUniform(seed, -2, 2, shape);
    }

    /** Whole-number tokens in [0, 4) as floats (the harness casts inputs to float64). */
    private static Tensor tokens(int... shape) {
        return Tensor.randomUniform(12, 0, 4, shape).cast(DType.INT32);
    }

    private static Arguments a(String name, Supplier<Layer> f, Tensor in, Expect e) {
        COVERED.add(name);
        return Arguments.of(name, f, List.of(in), e);
    }

    /** The harness cases (name, layer factory, inputs, expectations), shared with the registry-wide call tests. */
    public static Stream<Arguments> layers() {
        Expect none = new Expect(0, 0, true);
        Expect noGradient = new Expect(0, 0, false);
        return Stream.of(
                a("Normalization", Normalization::new, r(1, 4, 3), new Expect(0, 3, true)),
                a("Normalization/given", () -> new Normalization(new int[] {1, 2}, Tensor.of(new double[] {0.5, -1, 2}, 3),
                        Tensor.of(new double[] {1, 4, 0.25}, 3), true, null), r(2, 2, 4, 3), none),
                a("Rescaling", () -> new Rescaling(Tensor.of(new double[] {0.5, 2, -1}, 3), Tensor.scalar(0.25), null),
                        r(3, 2, 3), none),
                a("CenterCrop", () -> new CenterCrop(3, 2), r(4, 2, 5, 4, 2), none),
                a("CenterCrop/upsize", () -> new CenterCrop(4, 5, "channels_first", null), r(5, 1, 2, 3, 3), none),
                a("Resizing", () -> new Resizing(3, 5), r(6, 2, 4, 3, 2), none),
                a("Resizing/antialias_crop", () -> new Resizing(2, 3, "bilinear", true, false, 0, true, null, null),
                        r(7, 1, 5, 4, 2), none),
                a("Resizing/nearest_pad", () -> new Resizing(4, 2, "nearest", false, true, 0.5, false, "channels_first",
                        null), r(8, 1, 2, 3, 3), none),
                a("CategoryEncoding", () -> new CategoryEncoding(4, "count"), tokens(3, 5), noGradient),
                a("CategoryEncoding/one_hot", () -> new CategoryEncoding(4, "one_hot"), tokens(3, 1), noGradient),
                a("Discretization", () -> new Discretization(new double[] {-1, 0.5}), r(9, 3, 4), noGradient),
                a("RandomFlip", () -> new RandomFlip("horizontal_and_vertical", 3L, null, null), r(13, 2, 3, 4, 2), none),
                a("RandomContrast", () -> new RandomContrast(List.of(0.1, 0.3), List.of(-5, 5), 4L, "channels_first", null),
                        r(14, 2, 2, 3, 4), none),
                a("RandomTranslation", () -> new RandomTranslation(List.of(-0.2, 0.3), List.of(0.25), "constant",
                        "nearest", 5L, 0.5, "channels_first", null), r(15, 2, 2, 4, 5), none),
                a("RandomZoom", () -> new RandomZoom(List.of(0.3), null, "wrap", "bilinear", 6L, 0.0, null, null),
                        r(16, 3, 4, 2), none),
                a("RandomRotation", () -> new RandomRotation(List.of(0.4, -0.2), "nearest", "nearest", 7L, 0.0,
                        "channels_first", null), r(17, 2, 3, 4, 4), none),
                a("RandomCrop", () -> new RandomCrop(3, 2, 8L, null, null), r(18, 2, 5, 4, 2), none),
                a("RandomCrop/upsize_channels_first", () -> new RandomCrop(4, 5, 9L, "channels_first", null),
                        r(19, 1, 2, 3, 3), none),
                a("RandomBrightness", () -> new RandomBrightness(List.of(0.3, -0.1), List.of(-5, 5), 10L, null, null),
                        r(20, 2, 3, 4, 2), none),
                a("Discretization/multi_hot", () -> new Discretization(new double[] {-1, 0.5}, null, 0.01, "multi_hot",
                        false, null), r(10, 3, 4, 2), noGradient));
    }

    /** The names covered by {@link #layers()}, for {@code LayerContractTest}'s every-layer check. */
    public static Set<String> coveredNames() {
        layers().count();
        Set<String> s = new HashSet<>();
        COVERED.forEach(c -> s.add(c.split("/")[0]));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }

    static Stream<JsonNode> cases() {
        return Golden.cases(GOLDEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(JsonNode c) {
        String name = c.get("name").asText();
        Layer layer = Golden.layer(c, DType.FLOAT32);
        if (!c.get("adapt").isNull()) {
            List<Tensor> batches = Golden.tensors(c.get("adapt"), DType.FLOAT32);
            Adaptable adaptable = (Adaptable) layer;
            if (c.get("adapt_array").asBoolean()) {
                adaptable.adapt(batches.get(0));
            } else {
                adaptable.adaptBatches(batches);
            }
        }
        boolean training = c.get("call_kwargs").has("training") && c.get("call_kwargs").get("training").asBoolean();
        Tensor y = layer.apply(Golden.tensor(c.get("input"), DType.of(c.get("input_dtype").asText())), training);
        assertEquals(DType.of(c.get("output_dtype").asText()), y.dtype(), name);
        record(name, Golden.assertClose(Golden.tensor(c.get("output")), y, 1e-5, 1e-5, name + " output"));
        JsonNode weights = c.get("weights");
        assertEquals(weights.size(), layer.weights().size(), name + " weights");
        for (int i = 0; i < weights.size(); i++) {
            JsonNode w = weights.get(i);
            assertEquals(w.get("path").asText(), layer.weights().get(i).path(), name + " weight path");
            record(name, Golden.assertClose(Golden.tensor(w), layer.weights().get(i).value(), 1e-5, 1e-5,
                    name + " " + w.get("path").asText()));
        }
        // the config Keras wrote, key by key and in Keras's order
        Golden.assertConfigEquals(Golden.map(c.get("config")), layer.getConfig(), name + ".config");
    }

    private static synchronized void record(String name, double error) {
        if (name.startsWith("random_") && error > worstAugmentError) {
            worstAugmentError = error;
            worstAugmentCase = name;
        }
        if (error > worstError) {
            worstError = error;
            worstCase = name;
        }
    }

    @AfterAll
    static void reportWorstError() {
        System.out.println("PreprocessingLayersTest: largest difference from Keras " + worstError + " (" + worstCase + ")");
        System.out.println("PreprocessingLayersTest: largest difference of the augmentation layers " + worstAugmentError
                + " (" + worstAugmentCase + ")");
    }

    @Test
    void adaptOnADatasetMergesItsBatchesAsKeras() {
        JsonNode c = cases().filter(n -> n.get("name").asText().equals("norm_adapt_batches")).findFirst().orElseThrow();
        List<Tensor> batches = Golden.tensors(c.get("adapt"), DType.FLOAT32);
        Normalization fromDataset = new Normalization();
        // batches of 4, 4 and 2: the three batches Keras was given
        fromDataset.adapt(TensorDataset.of(Tensor.concatenate(batches, 0)).batch(4));
        JsonNode w = c.get("weights");
        Golden.assertClose(Golden.tensor(w.get(0)), fromDataset.mean().value(), 1e-6, 1e-6, "mean");
        Golden.assertClose(Golden.tensor(w.get(1)), fromDataset.variance().value(), 1e-6, 1e-6, "variance");
        // one batch merges to the statistics of the whole array
        Normalization whole = new Normalization();
        whole.adapt(Tensor.concatenate(batches, 0));
        Golden.assertClose(whole.mean().value(), fromDataset.mean().value(), 1e-6, 0, "mean of the whole");
        Golden.assertClose(whole.variance().value(), fromDataset.variance().value(), 1e-6, 0, "variance of the whole");
    }

    @Test
    void zeroVarianceDividesByTheEpsilonFloor() {
        Normalization n = new Normalization(new int[] {-1}, Tensor.scalar(2.0), Tensor.scalar(0.0), false, null);
        Tensor y = n.apply(Tensor.of(new float[] {2f, 2.5f}, 2, 1));
        assertArrayEquals(new float[] {0f, (float) (0.5 / Normalization.EPSILON)}, y.toFloatArray());
    }

    @Test
    void summaryMatchesKeras() {
        dev.airfoil.layers.Names.clearSession();
        Normalization norm = new Normalization();
        norm.adapt(r(9, 8, 4, 4, 3));
        Sequential model = new Sequential();
        model.add(Input.shape(9, 8, 3));
        model.add(new Rescaling(1 / 127.5, -1));
        model.add(new Resizing(6, 6));
        model.add(new CenterCrop(4, 4));
        model.add(norm);
        model.add(new Flatten());
        model.add(new Dense(2));
        assertEquals(Golden.read(GOLDEN).get("summary").asText().strip(), model.summary(null, false).strip());
    }

    @Test
    void summariesOfTheCategoricalAndAugmentationLayersMatchKeras() {
        dev.airfoil.layers.Names.clearSession();
        Sequential categorical = new Sequential();
        categorical.add(Input.shape(4));
        categorical.add(new Discretization(new double[] {0, 1}, null, 0.01, "one_hot", false, null));
        categorical.add(new Flatten());
        categorical.add(new Dense(3));
        assertEquals(Golden.read(GOLDEN).get("summary_categorical").asText().strip(),
                categorical.summary(null, false).strip());
        dev.airfoil.layers.Names.clearSession();
        Sequential augment = new Sequential();
        augment.add(Input.shape(2));
        augment.add(new CategoryEncoding(6, "count"));
        augment.add(new dev.airfoil.layers.reshaping.Reshape(2, 3, 1));
        augment.add(new RandomFlip("horizontal_and_vertical", 1L, null, null));
        augment.add(new RandomContrast(0.1));
        augment.add(new Flatten());
        assertEquals(Golden.read(GOLDEN).get("summary_augment").asText().strip(), augment.summary(null, false).strip());
    }

    @Test
    void anAdaptedNormalizationSavesAndLoadsItsStatistics(@TempDir Path dir) throws Exception {
        Normalization norm = new Normalization(new int[] {-1}, null, null, true, null);
        norm.adapt(r(10, 6, 3).mul(3).add(1));
        Sequential model = new Sequential();
        model.add(Input.shape(3));
        model.add(norm);
        Tensor x = r(11, 2, 3);
        Tensor expected = model.predict(x);
        for (String file : List.of("m.airfoil", "m.keras")) {
            Path path = dir.resolve(file);
            if (file.endsWith(".keras")) {
                Models.exportKeras(model, path);
            } else {
                model.save(path);
            }
            Model again = Models.load(path);
            assertTrue(again.predict(x).allClose(expected, 0, 0), file);
            Normalization loaded = (Normalization) again.layers().get(0);
            assertArrayEquals(norm.mean().value().toFloatArray(), loaded.mean().value().toFloatArray(), file);
            assertEquals(DType.INT32, loaded.weights().get(2).dtype(), file + " count");
        }
    }

    @Test
    void countWeightsAndAdaptOnADatasetOfDiscretization() {
        CategoryEncoding counts = new CategoryEncoding(3, "count");
        Tensor y = counts.encode(Tensor.ofInts(new int[] {0, 1, 1}, 1, 3), Tensor.of(new double[] {0.5, 1, 2}, 1, 3));
        assertArrayEquals(new float[] {0.5f, 3f, 0f}, y.toFloatArray());
        JsonNode c = cases().filter(n -> n.get("name").asText().equals("discretization_adapt_batches")).findFirst()
                .orElseThrow();
        List<Tensor> batches = Golden.tensors(c.get("adapt"), DType.FLOAT32);
        Tensor all = Tensor.concatenate(batches, 0);
        // Keras's three batches give Keras's boundaries
        Discretization byBatches = new Discretization(null, 6, 0.02, "int", false, null);
        byBatches.adaptBatches(batches);
        assertArrayEquals(Golden.doubles(c.get("config").get("bin_boundaries")), byBatches.binBoundaries(), 1e-6);
        // a data set of one batch summarises as the whole tensor does
        Discretization fromDataset = new Discretization(null, 6, 0.02, "int", false, null);
        fromDataset.adapt(TensorDataset.of(all).batch(all.dim(0)));
        Discretization whole = new Discretization(null, 6, 0.02, "int", false, null);
        whole.adapt(all);
        assertArrayEquals(whole.binBoundaries(), fromDataset.binBoundaries(), 0.0);
        assertEquals(5, whole.binBoundaries().length);
    }

    /**
     * In training each image is either itself or its flip, about half of them flipped (2,000 images: the
     * fraction is within 4 standard deviations, 0.045, of 1/2), both axes at once in the default mode; the
     * same seed flips the same images; inference is the identity.
     */
    @Test
    void randomFlipFlipsHalfTheImagesReproducibly() {
        int n = 2000;
        Tensor images = r(15, n, 3, 2, 1);
        Tensor flipped = new RandomFlip("horizontal_and_vertical", 11L, null, null).apply(images, true);
        Tensor again = new RandomFlip("horizontal_and_vertical", 11L, null, null).apply(images, true);
        assertArrayEquals(flipped.toFloatArray(), again.toFloatArray());
        float[] x = images.toFloatArray();
        float[] y = flipped.toFloatArray();
        int turned = 0;
        for (int i = 0; i < n; i++) {
            boolean same = true;
            boolean rotated = true;
            for (int p = 0; p < 6; p++) {
                same &= y[i * 6 + p] == x[i * 6 + p];
                rotated &= y[i * 6 + p] == x[i * 6 + 5 - p]; // (3, 2) turned by 180 degrees reverses the 6 pixels
            }
            assertTrue(same || rotated, "image " + i + " is neither itself nor turned");
            turned += rotated && !same ? 1 : 0;
        }
        assertEquals(0.5, turned / (double) n, 0.045);
        Tensor horizontal = new RandomFlip("horizontal", 11L, null, null).apply(images, true);
        float[] h = horizontal.toFloatArray();
        for (int i = 0; i < n; i++) {
            boolean mirrored = h[i * 6] == x[i * 6 + 1] && h[i * 6 + 2] == x[i * 6 + 3];
            boolean same = h[i * 6] == x[i * 6] && h[i * 6 + 2] == x[i * 6 + 2];
            assertTrue(mirrored || same, "image " + i);
        }
        assertTrue(new RandomFlip().apply(images).allClose(images, 0, 0));
    }

    /**
     * In training every image keeps each channel's mean, and its deviations from it are scaled by one
     * factor in [1 - lower, 1 + upper] (here [0.8, 1.5]), spread over the whole interval (mean near 1.15);
     * outputs are clipped to the value range; inference is the identity.
     */
    @Test
    void randomContrastScalesEachImageByAFactorInItsRange() {
        int n = 1000;
        Tensor images = Tensor.randomUniform(16, 100, 150, n, 4, 4, 2);
        RandomContrast layer = new RandomContrast(List.of(0.5, 0.2), List.of(0, 255), 9L, null, null);
        Tensor y = layer.apply(images, true);
        Tensor meanIn = images.mean(new int[] {1, 2}, true);
        Tensor meanOut = y.mean(new int[] {1, 2}, true);
        Golden.assertClose(meanIn, meanOut, 1e-3, 0, "channel means");
        double[] devIn = images.sub(meanIn).toDoubleArray();
        double[] devOut = y.sub(meanOut).toDoubleArray();
        double sum = 0;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int widest = i * 32;
            for (int p = i * 32; p < i * 32 + 32; p++) {
                widest = Math.abs(devIn[p]) > Math.abs(devIn[widest]) ? p : widest;
            }
            double f = devOut[widest] / devIn[widest];
            for (int p = i * 32; p < i * 32 + 32; p++) {
                assertEquals(f * devIn[p], devOut[p], 1e-3, "one factor per image");
            }
            sum += f;
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertTrue(lo >= 0.8 - 1e-3 && hi <= 1.5 + 1e-3, lo + " .. " + hi);
        assertTrue(lo < 0.85 && hi > 1.45, lo + " .. " + hi);
        assertEquals(1.15, sum / n, 0.02);
        Tensor clipped = new RandomContrast(List.of(0.0, 1.0), List.of(110, 140), 2L, null, null).apply(images, true);
        assertTrue(clipped.min().item() >= 110 && clipped.max().item() <= 140);
        assertTrue(layer.apply(images).allClose(images, 0, 0));
    }

    /** Training a model leaves an adapted Normalization's statistics (and its int32 count) alone and trains the rest. */
    @Test
    void fitTrainsAroundAnAdaptedNormalization() {
        Tensor x = r(17, 64, 3).mul(4).add(2);
        Tensor y = x.sum(new int[] {1}, true);
        Normalization norm = new Normalization();
        norm.adapt(x);
        Sequential model = new Sequential();
        model.add(Input.shape(3));
        model.add(norm);
        model.add(new Dense(1));
        model.compile("sgd", "mean_squared_error");
        List<Tensor> before = norm.getWeights();
        double first = model.evaluate(x, y).get("loss");
        model.fit(x, y, dev.airfoil.training.FitOptions.builder().epochs(5).batchSize(16).verbose(0).seed(1).build());
        assertTrue(model.evaluate(x, y).get("loss") < first, "the Dense layer learns");
        for (int i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).allClose(norm.getWeights().get(i), 0, 0), norm.weights().get(i).path());
        }
        assertEquals(3, model.nonTrainableWeights().size());
        assertEquals(2, model.trainableWeights().size());
    }

    @Test
    void badArgumentsAndInputsAreClearErrors() {
        assertEquals("Layer 'rc' (RandomContrast): factor must be a number or two numbers in the range [0, 1]; got [1.5]",
                assertThrows(IllegalArgumentException.class, () -> new RandomContrast(List.of(1.5), List.of(0, 255), null,
                        null, "rc")).getMessage());
        assertEquals("Layer 'rf' (RandomFlip): mode must be 'horizontal', 'vertical' or 'horizontal_and_vertical', got"
                        + " 'diagonal'",
                assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal", null, null, "rf"))
                        .getMessage());
        assertEquals("Layer 'ce' (CategoryEncoding): every token must be a whole number in [0, 3); got 3.0 at flat"
                        + " position 2 of input shape (1, 3). Raise num_tokens or map the values to indices first"
                        + " (Keras's JAX backend silently encodes such a token as zeros)",
                assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(3, "one_hot", false, "ce")
                        .apply(Tensor.ofInts(new int[] {0, 1, 3}, 1, 3))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(3)
                .apply(Tensor.ofInts(new int[] {-1}, 1, 1))).getMessage().contains("got -1.0"));
        assertEquals("Layer 'di' (Discretization): pass bin_boundaries to the constructor or call adapt(data) before"
                        + " using the layer",
                assertThrows(IllegalStateException.class, () -> new Discretization(null, 3, 0.01, "int", false, "di")
                        .apply(Tensor.ones(2, 2))).getMessage());
        assertEquals("Layer 'dj' (Discretization): cannot adapt a layer made with bin_boundaries; make it with num_bins"
                        + " instead",
                assertThrows(IllegalStateException.class, () -> new Discretization(new double[] {1}, null, 0.01, "int",
                        false, "dj").adapt(Tensor.ones(2, 2))).getMessage());
        assertEquals("Layer 'dk' (Discretization): output_mode must be one of 'int', 'one_hot', 'multi_hot' or 'count',"
                        + " got 'tf_idf'",
                assertThrows(IllegalArgumentException.class, () -> new Discretization(new double[] {1}, null, 0.01,
                        "tf_idf", false, "dk")).getMessage());
        assertEquals("Layer 'n1' (Normalization): when setting values directly, both mean and variance must be set; got"
                        + " mean=() and variance=null",
                assertThrows(IllegalArgumentException.class,
                        () -> new Normalization(new int[] {-1}, Tensor.scalar(1), null, false, "n1")).getMessage());
        Normalization n = new Normalization(new int[] {-1}, null, null, false, "n2");
        n.adapt(Tensor.ones(4, 3));
        assertEquals("Layer 'n2' (Normalization): the layer was built for input shape (4, 3) but adapt received data of"
                        + " shape (4, 5); the kept axes [1] must have the same sizes",
                assertThrows(IllegalArgumentException.class, () -> n.adapt(Tensor.ones(4, 5))).getMessage());
        assertEquals("Layer 'n3' (Normalization): adapt received no batches; pass at least one batch",
                assertThrows(IllegalArgumentException.class,
                        () -> new Normalization(new int[] {-1}, null, null, false, "n3").adaptBatches(new ArrayList<>()))
                        .getMessage());
        assertEquals("Layer 'rs' (Resizing) expects a batch of images (batch, height, width, channels) or one image"
                        + " (height, width, channels), got shape (None, 4)",
                assertThrows(IllegalArgumentException.class, () -> new Resizing(2, 2, "bilinear", false, false, 0, false,
                        null, "rs").apply(Input.shape(4))).getMessage());
        assertEquals("Layer 'bc' (Resizing): interpolation 'bicubic' is not supported by Airfoil; use 'bilinear' or"
                        + " 'nearest'",
                assertThrows(UnsupportedOperationException.class, () -> new Resizing(2, 2, "bicubic", false, false, 0,
                        false, null, "bc")).getMessage());
        assertEquals("Layer 'cc' (CenterCrop): height must be a positive integer, got 0",
                assertThrows(IllegalArgumentException.class, () -> new CenterCrop(0, 2, null, "cc")).getMessage());
    }
}
