package dev.airfoil.layers.preprocessing;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The augmentation layers beyond flips and contrast: the geometric {@link RandomTranslation},
 * {@link RandomZoom} and {@link RandomRotation} and their shared
 * {@link ImageTransform}: Keras 3.15.1's {@code ops.image.affine_transform} with given rotations and
 * shears in every fill mode and interpolation, both data formats, batches and one image
 * ({@code affine_transforms} in {@code golden/preprocessing.json}, within 1e-5; the layers themselves
 * with one-value factor ranges are among {@code PreprocessingLayersTest}'s Keras cases); the statistics
 * and reproducibility of the random draws, also of {@link RandomCrop} (one window per batch; its
 * inference) and {@link RandomBrightness}; gradients through the transform; the summary; the errors.
 */
class GeometricAugmentationTest {
    private static final String GOLDEN = "/golden/preprocessing.json";
    private static double worstError;

    static Stream<JsonNode> affineCases() {
        return StreamSupport.stream(Golden.read(GOLDEN).get("affine_transforms").spliterator(), false);
    }

    private static float[][] transforms(JsonNode t) {
        double[] d = Golden.doubles(t.get("data"));
        int n = d.length / 8;
        float[][] out = new float[n][8];
        for (int i = 0; i < d.length; i++) {
            out[i / 8][i % 8] = (float) d[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("affineCases")
    void affineTransformMatchesKeras(JsonNode c) {
        String name = c.get("name").asText();
        Tensor x = Golden.tensor(c.get("input"), DType.FLOAT32);
        boolean first = c.get("data_format").asText().equals("channels_first");
        boolean single = x.rank() == 3;
        Tensor images = single ? x.unsqueeze(0) : x;
        images = first ? dev.airfoil.layers.convolutional.DataFormats.toChannelsLast(images) : images;
        Tensor y = ImageTransform.affine(images, transforms(c.get("transform")), c.get("interpolation").asText(),
                c.get("fill_mode").asText(), c.get("fill_value").asDouble());
        y = first ? dev.airfoil.layers.convolutional.DataFormats.toChannelsFirst(y) : y;
        y = single ? y.squeeze(0) : y;
        double err = Golden.assertClose(Golden.tensor(c.get("output")), y, 1e-5, 1e-5, name);
        synchronized (GeometricAugmentationTest.class) {
            worstError = Math.max(worstError, err);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("GeometricAugmentationTest: largest difference from Keras's affine_transform " + worstError);
    }

    @Test
    void fillModesFollowJaxIndexRules() {
        // size 4: reflect d c b a | a b c d | d c b a, wrap a b c d | a b c d, nearest a a | a b c d | d d
        int[] reflect = new int[12];
        int[] wrap = new int[12];
        int[] nearest = new int[12];
        for (int i = -4; i < 8; i++) {
            reflect[i + 4] = ImageTransform.fix(i, 4, "reflect");
            wrap[i + 4] = ImageTransform.fix(i, 4, "wrap");
            nearest[i + 4] = ImageTransform.fix(i, 4, "nearest");
        }
        assertArrayEquals(new int[] {3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0}, reflect);
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, wrap);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3}, nearest);
        assertEquals(3, ImageTransform.roundHalfAway(2.5f));
        assertEquals(-3, ImageTransform.roundHalfAway(-2.5f));
        assertEquals(0, ImageTransform.fix(-7, 1, "reflect"));
    }

    @Test
    void translationDrawsStayInRangeAndReproduce() {
        Tensor images = Tensor.randomUniform(3, 0, 1, 64, 5, 8, 1);
        RandomTranslation layer = new RandomTranslation(List.of(-0.4, 0.2), List.of(0.5), "constant", "nearest", 17L,
                0.0, null, null);
        float[][] t = layer.drawTransforms(layer.random(), 2000, 5, 8);
        double minDy = 1e9;
        double maxDy = -1e9;
        double sumDx = 0;
        for (float[] row : t) {
            double dy = -row[5];
            double dx = -row[2];
            assertTrue(dy >= -0.4 * 5 - 1e-6 && dy <= 0.2 * 5 + 1e-6, "dy " + dy);
            assertTrue(dx >= -0.5 * 8 - 1e-6 && dx <= 0.5 * 8 + 1e-6, "dx " + dx);
            minDy = Math.min(minDy, dy);
            maxDy = Math.max(maxDy, dy);
            sumDx += dx;
        }
        assertTrue(minDy < -1.9 && maxDy > 0.9, "the draws cover the range: " + minDy + " .. " + maxDy);
        assertEquals(0.0, sumDx / t.length, 0.2, "the width shifts are centred");
        Tensor a = new RandomTranslation(List.of(-0.4, 0.2), List.of(0.5), "constant", "nearest", 17L, 0.0, null, null)
                .apply(images, true);
        Tensor b = new RandomTranslation(List.of(-0.4, 0.2), List.of(0.5), "constant", "nearest", 17L, 0.0, null, null)
                .apply(images, true);
        Tensor other = new RandomTranslation(List.of(-0.4, 0.2), List.of(0.5), "constant", "nearest", 18L, 0.0, null,
                null).apply(images, true);
        assertTrue(a.allClose(b, 0, 0), "the same seed gives the same shifts");
        assertFalse(a.allClose(other, 0, 0), "another seed gives other shifts");
        assertFalse(a.allClose(images, 1e-3, 0), "training moves the images");
        // whole-pixel shifts with nearest sampling only move pixels: every output is an input pixel or the fill
        float[] in = images.toFloatArray();
        for (float v : a.toFloatArray()) {
            boolean found = v == 0f;
            for (int i = 0; i < in.length && !found; i++) {
                found = in[i] == v;
            }
            assertTrue(found, "value " + v + " is neither an input pixel nor the fill value");
        }
    }

    @Test
    void zoomDrawsStayInRangeAndKeepTheAspectRatioWithoutAWidthFactor() {
        RandomZoom layer = new RandomZoom(List.of(-0.5, 0.25), null, "reflect", "bilinear", 4L, 0.0, null, null);
        float[][] t = layer.drawTransforms(layer.random(), 1000, 7, 9);
        double min = 9;
        double max = -9;
        for (float[] row : t) {
            assertEquals(row[0], row[4], "one zoom for both axes");
            assertTrue(row[4] >= 0.5f && row[4] <= 1.25f, "zoom " + row[4]);
            assertEquals(3f * (1f - row[4]), row[5], 1e-6, "about the centre row");
            assertEquals(4f * (1f - row[0]), row[2], 1e-6, "about the centre column");
            min = Math.min(min, row[4]);
            max = Math.max(max, row[4]);
        }
        assertTrue(min < 0.52 && max > 1.23, min + " .. " + max);
        RandomZoom both = new RandomZoom(List.of(0.3), List.of(-0.2, -0.1), "reflect", "bilinear", 4L, 0.0, null, null);
        float[][] u = both.drawTransforms(both.random(), 500, 7, 9);
        for (float[] row : u) {
            assertTrue(row[0] >= 0.8f && row[0] <= 0.9f, "width zoom " + row[0]);
            assertTrue(row[4] >= 0.7f && row[4] <= 1.3f, "height zoom " + row[4]);
        }
        // the generator state is saved and resumed: the same state gives the same draws
        long state = both.random().state();
        float[][] v = both.drawTransforms(both.random(), 3, 7, 9);
        both.random().setState(state);
        assertArrayEquals(v[2], both.drawTransforms(both.random(), 3, 7, 9)[2]);
    }

    @Test
    void rotationAnglesStayInRangeAndAQuarterTurnMovesPixelsExactly() {
        RandomRotation layer = new RandomRotation(List.of(0.25, -0.125), "reflect", "bilinear", 8L, 0.0, null, null);
        assertEquals(List.of(-0.125, 0.25), layer.getConfig().get("factor"));
        float[][] t = layer.drawTransforms(layer.random(), 2000, 5, 7);
        double min = 1e9;
        double max = -1e9;
        for (float[] row : t) {
            double degrees = Math.toDegrees(Math.atan2(row[3], row[0]));
            assertTrue(degrees >= -45.0001 && degrees <= 90.0001, "angle " + degrees);
            assertEquals(1.0, row[0] * row[0] + row[3] * row[3], 1e-6, "a rotation, no scaling");
            min = Math.min(min, degrees);
            max = Math.max(max, degrees);
        }
        assertTrue(min < -44 && max > 89, min + " .. " + max);
        // a number f is the range [-|f|, |f|]
        assertEquals(List.of(-0.3, 0.3), new RandomRotation(-0.3).getConfig().get("factor"));
        // a quarter turn of a square image with nearest sampling is a permutation of its pixels: rot90
        Tensor square = Tensor.randomUniform(6, 0, 1, 1, 4, 4, 1);
        float[] quarter = RandomRotation.rotation((float) (90 * (Math.PI / 180)), 1.5f, 1.5f);
        Tensor turned = ImageTransform.affine(square, new float[][] {quarter}, "nearest", "constant", -1);
        float[] in = square.toFloatArray();
        float[] out = turned.toFloatArray();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                // output (x, y) samples input (a0 x + a1 y + a2, b0 x + b1 y + b2) = (3 - y, x)
                assertEquals(in[x * 4 + (3 - y)], out[y * 4 + x], "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void randomCropTakesOneUniformWindowPerBatchInTraining() {
        // pixel value = its index, so a crop's first value tells where the window starts
        int h = 6;
        int w = 7;
        double[] values = new double[2 * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Tensor images = Tensor.of(values, 2, h, w, 1);
        RandomCrop layer = new RandomCrop(4, 5, 21L, null, null);
        int[][] counts = new int[3][3];
        for (int k = 0; k < 900; k++) {
            float[] y = layer.apply(images, true).toFloatArray();
            int top = (int) y[0] / w;
            int left = (int) y[0] % w;
            counts[top][left]++;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals((top + i) * w + left + j, y[i * 5 + j], 0, "a contiguous window");
                    assertEquals(h * w + (top + i) * w + left + j, y[20 + i * 5 + j], 0, "the same window for image 2");
                }
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertTrue(c > 60 && c < 140, "each of the 9 positions about 100 times: " + java.util.Arrays.deepToString(counts));
            }
        }
        Tensor a = new RandomCrop(4, 5, 3L, "channels_first", null).apply(images.permute(0, 3, 1, 2), true);
        Tensor b = new RandomCrop(4, 5, 3L, "channels_first", null).apply(images.permute(0, 3, 1, 2), true);
        assertTrue(a.allClose(b, 0, 0), "the same seed gives the same windows");
        assertArrayEquals(new int[] {2, 1, 4, 5}, a.shape());
    }

    @Test
    void randomCropInInferenceCropsToTheAspectRatioAndResizes() {
        Tensor images = Tensor.randomUniform(8, -1, 1, 2, 6, 7, 2);
        RandomCrop crop = new RandomCrop(4, 5, 1L, null, null);
        Tensor expected = new Resizing(4, 5, "bilinear", true, false, 0.0, false, null, null).apply(images);
        assertTrue(crop.apply(images).allClose(expected, 0, 0));
        assertArrayEquals(new int[] {2, 4, 5, 2}, crop.apply(images).shape());
        Tensor same = new RandomCrop(6, 7, 1L, null, null).apply(images);
        assertTrue(same.allClose(images, 0, 0), "an image of the target size is unchanged");
        // without a seed, the layer picks one and writes it, as Keras does
        assertTrue(new RandomCrop(4, 5).getConfig().get("seed") instanceof Long);
        assertEquals("Layer 'rc' (RandomCrop): height must be a positive integer, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RandomCrop(0, 5, null, null, "rc")).getMessage());
    }

    @Test
    void randomBrightnessAddsOneOffsetPerImageInItsRange() {
        Tensor images = Tensor.randomUniform(4, 100, 150, 400, 2, 3, 1);
        RandomBrightness layer = new RandomBrightness(List.of(0.2, -0.1), List.of(255, 0), 12L, null, null);
        assertEquals(List.of(-0.1, 0.2), layer.getConfig().get("factor"));
        assertEquals(List.of(0, 255), layer.getConfig().get("value_range"), "value_range is sorted");
        Tensor y = layer.apply(images, true);
        float[] in = images.toFloatArray();
        float[] out = y.toFloatArray();
        double min = 1e9;
        double max = -1e9;
        double sum = 0;
        for (int i = 0; i < 400; i++) {
            double d = out[i * 6] - in[i * 6];
            for (int k = 1; k < 6; k++) {
                assertEquals(d, out[i * 6 + k] - in[i * 6 + k], 1e-4, "one offset per image");
            }
            assertTrue(d >= -0.1 * 255 - 1e-3 && d <= 0.2 * 255 + 1e-3, "offset " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        assertTrue(min < -24 && max > 49, min + " .. " + max);
        assertEquals(0.05 * 255, sum / 400, 2.0, "the mean offset is the middle of the range");
        Tensor again = new RandomBrightness(List.of(0.2, -0.1), List.of(255, 0), 12L, null, null).apply(images, true);
        assertTrue(again.allClose(y, 0, 0), "the same seed gives the same offsets");
        Tensor bright = new RandomBrightness(List.of(0.9, 0.9), List.of(0, 255), 1L, null, null).apply(images, true);
        assertEquals(255f, bright.toFloatArray()[0], "clipped to the value range");
        assertEquals(List.of(-0.5, 0.5), new RandomBrightness(-0.5).getConfig().get("factor"));
        assertEquals("Layer 'rb' (RandomBrightness): factor must be a number or a list of two numbers in the range"
                        + " [-1, 1], e.g. 0.2 or [-0.1, 0.3]; got [1.5]",
                assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(List.of(1.5), List.of(0, 255),
                        null, null, "rb")).getMessage());
        assertEquals("Layer 'rb' (RandomBrightness): value_range must be two numbers such as [0, 255]; got [255]",
                assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(List.of(0.5), List.of(255),
                        null, null, "rb")).getMessage());
    }

    @Test
    void inferenceIsTheIdentityAndTrainingIsDifferentiable() {
        Tensor images = Tensor.randomUniform(5, -1, 1, 2, 4, 5, 2).cast(DType.FLOAT64);
        Layer zoom = Layers.fromConfig("RandomZoom", new RandomZoom(List.of(0.4), null, "constant", "bilinear", 9L,
                0.3, null, null).getConfig());
        assertTrue(zoom.apply(images).allClose(images, 0, 0));
        // a fixed transform is linear in the image: its finite-difference gradient matches the analytic one
        float[][] t = {{0.9f, 0.2f, 0.7f, -0.3f, 1.1f, -0.4f, 0f, 0f}, {1.2f, 0f, -1.3f, 0f, 0.8f, 0.6f, 0f, 0f}};
        for (String fill : ImageTransform.FILL_MODES) {
            GradCheck.Result r = GradCheck.check(x -> ImageTransform.affine(x[0], t, "bilinear", fill, 0.3), images);
            assertTrue(r.passed(), fill + ": " + r);
        }
    }

    @Test
    void summaryMatchesKeras() {
        dev.airfoil.layers.Names.clearSession();
        Sequential model = new Sequential();
        model.add(Input.shape(8, 6, 3));
        model.add(new RandomTranslation(List.of(0.1), List.of(0.2), "reflect", "bilinear", 1L, 0.0, null, null));
        model.add(new RandomZoom(List.of(0.2), null, "reflect", "bilinear", 2L, 0.0, null, null));
        model.add(new RandomRotation(List.of(0.1), "reflect", "bilinear", 3L, 0.0, null, null));
        model.add(new RandomCrop(5, 4, 4L, null, null));
        model.add(new RandomBrightness(List.of(0.2), List.of(0, 255), 5L, null, null));
        model.add(new Flatten());
        assertEquals(Golden.read(GOLDEN).get("summary_geometric").asText().strip(), model.summary(null, false).strip());
    }

    @Test
    void badArgumentsAndInputsAreClearErrors() {
        assertEquals("Layer 'rt' (RandomTranslation): height_factor must be a number or a list of two numbers in the"
                        + " range [-1.0, 1.0], e.g. 0.2 or [-0.1, 0.3]; got [1.5]",
                assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(List.of(1.5), List.of(0.1),
                        "reflect", "bilinear", null, 0, null, "rt")).getMessage());
        assertEquals("Layer 'rz' (RandomZoom): height_factor must be a number or a list of two numbers in the range"
                        + " (-1.0, 1.0], e.g. 0.2 or [-0.1, 0.3]; got [-1.0, 0.5]",
                assertThrows(IllegalArgumentException.class, () -> new RandomZoom(List.of(-1.0, 0.5), null, "reflect",
                        "bilinear", null, 0, null, "rz")).getMessage());
        assertEquals("Layer 'rz' (RandomZoom): fill_mode must be one of [reflect, wrap, constant, nearest], got 'mirror'",
                assertThrows(IllegalArgumentException.class, () -> new RandomZoom(List.of(0.1), null, "mirror",
                        "bilinear", null, 0, null, "rz")).getMessage());
        assertEquals("Layer 'rt' (RandomTranslation): interpolation must be one of [nearest, bilinear], got 'bicubic'",
                assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(List.of(0.1), List.of(0.1),
                        "reflect", "bicubic", null, 0, null, "rt")).getMessage());
        assertEquals("Layer 'rr' (RandomRotation): factor must be a number or a list of two numbers in the range"
                        + " [-1, 1], e.g. 0.1 or [-0.05, 0.2]; got [1.2, 1.5]",
                assertThrows(IllegalArgumentException.class, () -> new RandomRotation(List.of(1.2, 1.5), "reflect",
                        "bilinear", null, 0, null, "rr")).getMessage());
        String shape = assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(List.of(0.1),
                List.of(0.1), "reflect", "bilinear", null, 0, null, "rt").apply(Tensor.zeros(DType.FLOAT32, 4, 5), true))
                .getMessage();
        assertTrue(shape.startsWith("Layer 'rt' (RandomTranslation) expects a batch of images"), shape);
    }
}
