package dev.airfoil.layers;

import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.Conv1DTranspose;
import dev.airfoil.layers.convolutional.Conv2DTranspose;
import dev.airfoil.layers.convolutional.Conv3D;
import dev.airfoil.layers.convolutional.Conv3DTranspose;
import dev.airfoil.layers.convolutional.DepthwiseConv1D;
import dev.airfoil.layers.convolutional.DepthwiseConv2D;
import dev.airfoil.layers.convolutional.SeparableConv1D;
import dev.airfoil.layers.convolutional.SeparableConv2D;
import dev.airfoil.layers.normalization.BatchNormalization;
import dev.airfoil.layers.normalization.GroupNormalization;
import dev.airfoil.layers.normalization.LayerNormalization;
import dev.airfoil.layers.normalization.UnitNormalization;
import dev.airfoil.layers.regularization.ActivityRegularization;
import dev.airfoil.layers.regularization.AlphaDropout;
import dev.airfoil.layers.regularization.GaussianDropout;
import dev.airfoil.layers.regularization.GaussianNoise;
import dev.airfoil.layers.regularization.SpatialDropout1D;
import dev.airfoil.layers.regularization.SpatialDropout2D;
import dev.airfoil.layers.regularization.SpatialDropout3D;
import dev.airfoil.layers.reshaping.Cropping1D;
import dev.airfoil.layers.reshaping.Cropping2D;
import dev.airfoil.layers.reshaping.Cropping3D;
import dev.airfoil.layers.reshaping.Permute;
import dev.airfoil.layers.reshaping.RepeatVector;
import dev.airfoil.layers.reshaping.UpSampling1D;
import dev.airfoil.layers.reshaping.UpSampling2D;
import dev.airfoil.layers.reshaping.UpSampling3D;
import dev.airfoil.layers.reshaping.ZeroPadding1D;
import dev.airfoil.layers.reshaping.ZeroPadding2D;
import dev.airfoil.layers.reshaping.ZeroPadding3D;
import dev.airfoil.layers.pooling.AdaptiveAveragePooling1D;
import dev.airfoil.layers.pooling.AdaptiveAveragePooling2D;
import dev.airfoil.layers.pooling.AdaptiveAveragePooling3D;
import dev.airfoil.layers.pooling.AdaptiveMaxPooling1D;
import dev.airfoil.layers.pooling.AdaptiveMaxPooling2D;
import dev.airfoil.layers.pooling.AdaptiveMaxPooling3D;
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
                a("Conv1DTranspose", () -> Conv1DTranspose.builder(2, 3).strides(2).build(), List.of(r(60, 2, 3, 2)), kb),
                a("Conv2DTranspose", () -> Conv2DTranspose.builder(2, 3).strides(2).padding("same").build(),
                        List.of(r(61, 1, 2, 3, 2)), kb),
                a("Conv2DTranspose/output-padding-dilated", () -> Conv2DTranspose.builder(2, 2).strides(2)
                        .outputPadding(1).dataFormat("channels_first").build(), List.of(r(62, 1, 2, 2, 2)), kb),
                a("Conv3DTranspose", () -> Conv3DTranspose.builder(1, 2).useBias(false).build(),
                        List.of(r(63, 1, 2, 2, 1, 2)), new Expect(1, 0, true)),
                a("DepthwiseConv1D", () -> DepthwiseConv1D.builder(2).depthMultiplier(2).build(),
                        List.of(r(64, 2, 4, 3)), kb),
                a("DepthwiseConv2D", () -> DepthwiseConv2D.builder(2).depthMultiplier(2).padding("same").strides(2)
                        .build(), List.of(r(65, 1, 3, 3, 2)), kb),
                a("SeparableConv1D", () -> SeparableConv1D.builder(3, 2).activation("relu").build(),
                        List.of(r(66, 2, 4, 2)), new Expect(3, 0, true)),
                a("SeparableConv2D", () -> SeparableConv2D.builder(3, 2).depthMultiplier(2).dilationRate(2).build(),
                        List.of(r(67, 1, 4, 4, 2)), new Expect(3, 0, true)),
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
                a("AdaptiveMaxPooling1D", () -> new AdaptiveMaxPooling1D(3), List.of(distinct(70, 2, 7, 2)), none),
                a("AdaptiveMaxPooling2D", () -> new AdaptiveMaxPooling2D(new int[] {2, 5}, "channels_first", null),
                        List.of(distinct(71, 2, 2, 5, 3)), none),
                a("AdaptiveMaxPooling3D", () -> new AdaptiveMaxPooling3D(new int[] {2, 1, 3}, null, null),
                        List.of(distinct(72, 1, 3, 2, 4, 2)), none),
                a("AdaptiveAveragePooling1D", () -> new AdaptiveAveragePooling1D(4), List.of(r(73, 2, 6, 3)), none),
                a("AdaptiveAveragePooling2D", () -> new AdaptiveAveragePooling2D(new int[] {3, 4}, null, null),
                        List.of(r(74, 2, 5, 3, 2)), none),
                a("AdaptiveAveragePooling3D", () -> new AdaptiveAveragePooling3D(new int[] {2}, "channels_first", null),
                        List.of(r(75, 1, 2, 3, 3, 5)), none),
                a("GlobalMaxPooling1D", GlobalMaxPooling1D::new, List.of(distinct(18, 2, 4, 3)), none),
                a("GlobalMaxPooling2D", () -> new GlobalMaxPooling2D("channels_first", true, null),
                        List.of(distinct(19, 2, 3, 2, 2)), none),
                a("GlobalMaxPooling3D", GlobalMaxPooling3D::new, List.of(distinct(20, 1, 2, 2, 2, 3)), none),
                a("GlobalAveragePooling1D", GlobalAveragePooling1D::new, List.of(r(21, 2, 4, 3)), none),
                a("GlobalAveragePooling2D", () -> new GlobalAveragePooling2D("channels_last", true, null),
                        List.of(r(22, 2, 3, 2, 2)), none),
                a("GlobalAveragePooling3D", GlobalAveragePooling3D::new, List.of(r(23, 1, 2, 2, 2, 3)), none),
                // normalization
                a("BatchNormalization", BatchNormalization::new, List.of(r(30, 4, 3)), new Expect(2, 2, true)),
                a("BatchNormalization/axis1-no-center", () -> new BatchNormalization(1, 0.9, 1e-3, false, true, null),
                        List.of(r(31, 2, 3, 2, 2)), new Expect(1, 2, true)),
                a("LayerNormalization", LayerNormalization::new, List.of(r(32, 2, 5)), kb),
                a("LayerNormalization/axes12-rms", () -> new LayerNormalization(new int[] {1, 2}, 1e-3, true, true, true,
                        null), List.of(r(33, 2, 3, 2)), new Expect(1, 0, true)),
                // Keras creates and applies gamma under rms_scaling even with scale=False
                a("LayerNormalization/rms-no-scale", () -> new LayerNormalization(new int[] {-1}, 1e-3, false, false,
                        true, null), List.of(r(33, 2, 3, 2)), new Expect(1, 0, true)),
                a("GroupNormalization", () -> new GroupNormalization(2), List.of(r(34, 2, 3, 4)), kb),
                a("UnitNormalization", UnitNormalization::new, List.of(r(35, 2, 4)), none),
                // regularization (inference: identity)
                a("SpatialDropout1D", () -> new SpatialDropout1D(0.3), List.of(r(36, 2, 3, 2)), none),
                a("SpatialDropout2D", () -> new SpatialDropout2D(0.3), List.of(r(37, 2, 2, 2, 2)), none),
                a("SpatialDropout3D", () -> new SpatialDropout3D(0.3, "channels_first", 1L, null),
                        List.of(r(38, 1, 2, 2, 2, 2)), none),
                a("GaussianNoise", () -> new GaussianNoise(0.1), List.of(r(39, 2, 3)), none),
                a("GaussianDropout", () -> new GaussianDropout(0.1), List.of(r(40, 2, 3)), none),
                a("AlphaDropout", () -> new AlphaDropout(0.1), List.of(r(41, 2, 3)), none),
                a("ActivityRegularization", () -> new ActivityRegularization(0.01, 0.02), List.of(r(42, 2, 3)), none),
                // reshaping
                a("Permute", () -> new Permute(2, 1), List.of(r(43, 2, 3, 4)), none),
                a("RepeatVector", () -> new RepeatVector(3), List.of(r(44, 2, 4)), none),
                a("Cropping1D", () -> new Cropping1D(List.of(1, 2), null), List.of(r(45, 2, 5, 2)), none),
                a("Cropping2D", () -> new Cropping2D(List.of(List.of(1, 0), List.of(0, 2)), "channels_last", null),
                        List.of(r(46, 2, 4, 4, 1)), none),
                a("Cropping3D", () -> new Cropping3D(1), List.of(r(47, 1, 3, 4, 3, 1)), none),
                a("UpSampling1D", () -> new UpSampling1D(2), List.of(r(48, 2, 3, 2)), none),
                a("UpSampling2D", () -> new UpSampling2D(new int[] {2, 3}, "channels_first", "nearest", null),
                        List.of(r(49, 1, 2, 2, 2)), none),
                a("UpSampling2D/bilinear", () -> new UpSampling2D(new int[] {2}, "channels_last", "bilinear", null),
                        List.of(r(50, 1, 3, 2, 2)), none),
                a("UpSampling3D", () -> new UpSampling3D(2), List.of(r(51, 1, 2, 1, 2, 1)), none),
                a("ZeroPadding1D", () -> new ZeroPadding1D(List.of(1, 2), "channels_last", null),
                        List.of(r(52, 2, 3, 2)), none),
                a("ZeroPadding2D", () -> new ZeroPadding2D(1), List.of(r(53, 1, 2, 3, 2)), none),
                a("ZeroPadding3D", () -> new ZeroPadding3D(List.of(1, 0, 2), "channels_first", null),
                        List.of(r(54, 1, 1, 2, 2, 2)), none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }
}
