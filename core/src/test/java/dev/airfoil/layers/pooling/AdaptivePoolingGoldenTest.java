package dev.airfoil.layers.pooling;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive pooling layers against real Keras 3.15.1 (golden/adaptive_pooling.json from
 * tools/golden/keras_adaptive_pooling.py): random output sizes, input sizes that do not divide or are
 * smaller than the output, both data formats; outputs and input gradients in float32 (within 1e-5)
 * and float64 (within 1e-12), and inputs full of ties, where the max gradient must reach the very
 * positions Keras (JAX) picks.
 */
class AdaptivePoolingGoldenTest {

    static Stream<JsonNode> cases() {
        return Golden.cases("/golden/adaptive_pooling.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32MatchesKeras(JsonNode c) {
        assertMatches(c, DType.FLOAT32, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64MatchesKeras(JsonNode c) {
        assertMatches(c, DType.FLOAT64, 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        Layer layer = Layers.fromConfig(c.get("class").asText(), Golden.map(c.get("config")));
        Golden.assertConfigEquals(Golden.map(c.get("config")), layer.getConfig(), c.get("name").asText());
    }

    private static void assertMatches(JsonNode c, DType dtype, double tol) {
        String name = c.get("name").asText();
        String suffix = dtype == DType.FLOAT32 ? "32" : "64";
        Layer layer = Golden.layer(c, dtype);
        Tensor x = Golden.tensor(c.get("input"), dtype).requiresGrad(true);
        Tensor y = layer.apply(x);
        assertClose(Golden.tensor(c.get("output" + suffix)), y, tol, name + " output");
        y.mul(Golden.tensor(c.get("w"), dtype)).sum().backward();
        assertClose(Golden.tensor(c.get("grad" + suffix)), x.grad(), tol, name + " input gradient");
    }

    private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol, what + " [" + i + "]");
        }
    }

    @Test
    void symbolicShapesAndNamesFollowKeras() {
        dev.airfoil.layers.Names.clearSession();
        AdaptiveMaxPooling2D pool = new AdaptiveMaxPooling2D(new int[] {4, 3}, "channels_first", null);
        assertEquals("adaptive_max_pooling2d", pool.name());
        assertArrayEquals(new int[] {-1, 5, 4, 3}, pool.computeOutputShape(new int[] {-1, 5, -1, -1}));
        assertEquals("adaptive_average_pooling1d", new AdaptiveAveragePooling1D(2).name());
        assertArrayEquals(new int[] {-1, 2, 2, 2, 7}, new AdaptiveAveragePooling3D(2)
                .computeOutputShape(new int[] {-1, 9, 8, 1, 7}));
    }

    @Test
    void badArgumentsAndInputsAreClearErrors() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveAveragePooling2D(new int[] {2, 2, 2}, null, null));
        assertEquals("AdaptiveAveragePooling2D: output_size must be an integer or 2 integers, got [2, 2, 2];"
                + " e.g. output_size=(8, 8)", size.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveMaxPooling1D(0));
        assertEquals("AdaptiveMaxPooling1D: output_size must be positive, got [0]", zero.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveMaxPooling3D(new int[] {2}, "NHWC", null));
        assertTrue(format.getMessage().startsWith("AdaptiveMaxPooling3D: data_format must be 'channels_last' or"),
                format.getMessage());
        AdaptiveMaxPooling2D pool = new AdaptiveMaxPooling2D(new int[] {2}, null, "ap");
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> pool.apply(Tensor.ones(2, 3, 4)));
        assertEquals("Layer 'ap' (AdaptiveMaxPooling2D) expects an input of rank 4, got shape (2, 3, 4)",
                rank.getMessage());
        AdaptiveMaxPooling2D fresh = new AdaptiveMaxPooling2D(new int[] {2}, null, "ap");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> fresh.apply(Tensor.ones(2, 0, 4, 1)));
        assertEquals("Layer 'ap' (AdaptiveMaxPooling2D): input (2, 0, 4, 1) has an empty spatial axis; adaptive"
                + " pooling needs at least one position per axis", empty.getMessage());
    }

    @Test
    void binsAreKerasAndPyTorchsFloorCeilRule() {
        // 10 positions to 4 bins: [0, 3), [2, 5), [5, 8), [7, 10); 3 positions to 5: repeats
        int[][] want = {{0, 3}, {2, 5}, {5, 8}, {7, 10}};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i][0], AdaptiveWindows.start(i, 10, 4));
            assertEquals(want[i][1], AdaptiveWindows.end(i, 10, 4));
        }
        int[] starts = new int[5];
        int[] ends = new int[5];
        for (int i = 0; i < 5; i++) {
            starts[i] = AdaptiveWindows.start(i, 3, 5);
            ends[i] = AdaptiveWindows.end(i, 3, 5);
        }
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, starts);
        assertArrayEquals(new int[] {1, 2, 2, 3, 3}, ends);
    }
}
