package dev.airfoil.layers;

import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.Conv3D;
import dev.airfoil.layers.pooling.AveragePooling1D;
import dev.airfoil.layers.pooling.AveragePooling2D;
import dev.airfoil.layers.pooling.AveragePooling3D;
import dev.airfoil.layers.pooling.GlobalAveragePooling1D;
import dev.airfoil.layers.pooling.GlobalAveragePooling2D;
import dev.airfoil.layers.pooling.GlobalAveragePooling3D;
import dev.airfoil.layers.pooling.GlobalMaxPooling1D;
import dev.airfoil.layers.pooling.GlobalMaxPooling2D;
import dev.airfoil.layers.pooling.GlobalMaxPooling3D;
import dev.airfoil.layers.pooling.MaxPooling1D;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.pooling.MaxPooling3D;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.LayerHarness;
import dev.airfoil.testing.LayerHarness.Expect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The shared layer harness (shapes, weight counts, config round trip, float64 finite-difference
 * gradients of inputs and weights) on the convolution, pooling, normalization, spatial
 * regularization and reshaping layers.
 */
class ConvolutionalLayersTest {
    private static final Set<String> COVERED = new HashSet<>();

    /** The class names this test covers (for {@link LayerContractTest#everyRegisteredLayerIsCovered}). */
    static Set<String> coveredNames() {
        layers().count();
        Set<String> s = new HashSet<>();
        COVERED.forEach(c -> s.add(c.split("/")[0]));
        return s;
    }

    private static Tensor r(long seed, int... shape) {
        Tensor t = Tensor.randomUniform(seed, -2, 2, shape);
        return t.add(t.sign().mul(0.1));
    }

    /** Distinct values (no ties for max pooling). */
    private static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.randomUniform(seed, -2, 2, shape);
        int n = t.size();
        double[] d = t.toDoubleArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[order[i]] = -2 + 4.0 * i / n;
        }
        return Tensor.of(v, shape);
    }

    private static Arguments a(String name, Supplier<Layer> f, List<Tensor> in, Expect e) {
        COVERED.add(name);
        return Arguments.of(name, f, in, e);
    }

    static Stream<Arguments> layers() {
        Expect none = new Expect(0, 0, true);
        Expect kb = new Expect(2, 0, true);
        return Stream.of(
                // convolutions
                a("Conv1D", () -> new Conv1D(3, 2, "tanh"), List.of(r(1, 2, 5, 2)), kb),
                a("Conv1D/causal-dilated", () -> Conv1D.builder(2, 2).padding("causal").dilationRate(2).build(),
                        List.of(r(2, 2, 6, 3)), kb),
                a("Conv1D/groups-strided", () -> Conv1D.builder(4, 3).groups(2).strides(2).padding("same").build(),
                        List.of(r(3, 2, 7, 4)), kb),
                a("Conv2D", () -> new Conv2D(3, 2), List.of(r(4, 2, 4, 5, 2)), kb),
                a("Conv2D/same-strided", () -> Conv2D.builder(2, 3).strides(2).padding("same").build(),
                        List.of(r(5, 2, 5, 4, 2)), kb),
                a("Conv2D/channels-first-dilated", () -> Conv2D.builder(2, 2).dataFormat("channels_first")
                        .dilationRate(2).useBias(false).build(), List.of(r(6, 2, 3, 5, 5)), new Expect(1, 0, true)),
                a("Conv2D/groups", () -> Conv2D.builder(4, 2).groups(2).build(), List.of(r(7, 1, 3, 3, 4)), kb),
                a("Conv2D/pointwise", () -> Conv2D.builder(3, 1).build(), List.of(r(8, 2, 3, 3, 2)), kb),
                a("Conv3D", () -> Conv3D.builder(2, 2).padding("same").build(), List.of(r(9, 1, 3, 3, 2, 2)), kb),
                // pooling
                a("MaxPooling1D", () -> new MaxPooling1D(2), List.of(distinct(10, 2, 5, 3)), none),
                a("MaxPooling2D", MaxPooling2D::new, List.of(distinct(11, 2, 4, 5, 2)), none),
                a("MaxPooling2D/same-strided", () -> new MaxPooling2D(new int[] {3}, new int[] {2}, "same",
                        "channels_first", null), List.of(distinct(12, 2, 2, 5, 4)), none),
                a("MaxPooling3D", MaxPooling3D::new, List.of(distinct(13, 1, 4, 2, 3, 2)), none),
                a("AveragePooling1D", () -> new AveragePooling1D(new int[] {3}, new int[] {1}, "same",
                        "channels_last", null), List.of(r(14, 2, 5, 2)), none),
                a("AveragePooling2D", AveragePooling2D::new, List.of(r(15, 2, 4, 4, 2)), none),
                a("AveragePooling2D/same", () -> new AveragePooling2D(new int[] {2, 3}, new int[] {2, 2}, "same",
                        "channels_last", null), List.of(r(16, 1, 5, 5, 2)), none),
                a("AveragePooling3D", AveragePooling3D::new, List.of(r(17, 1, 2, 4, 2, 3)), none),
                a("GlobalMaxPooling1D", GlobalMaxPooling1D::new, List.of(distinct(18, 2, 4, 3)), none),
                a("GlobalMaxPooling2D", () -> new GlobalMaxPooling2D("channels_first", true, null),
                        List.of(distinct(19, 2, 3, 2, 2)), none),
                a("GlobalMaxPooling3D", GlobalMaxPooling3D::new, List.of(distinct(20, 1, 2, 2, 2, 3)), none),
                a("GlobalAveragePooling1D", GlobalAveragePooling1D::new, List.of(r(21, 2, 4, 3)), none),
                a("GlobalAveragePooling2D", () -> new GlobalAveragePooling2D("channels_last", true, null),
                        List.of(r(22, 2, 3, 2, 2)), none),
                a("GlobalAveragePooling3D", GlobalAveragePooling3D::new, List.of(r(23, 1, 2, 2, 2, 3)), none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }
}
