package dev.airfoil.layers;

import dev.airfoil.layers.activation.ELU;
import dev.airfoil.layers.activation.LeakyReLU;
import dev.airfoil.layers.activation.PReLU;
import dev.airfoil.layers.activation.ReLU;
import dev.airfoil.layers.activation.Softmax;
import dev.airfoil.layers.core.ActivationLayer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.EinsumDense;
import dev.airfoil.layers.core.Lambda;
import dev.airfoil.layers.core.Identity;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Average;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.merging.Dot;
import dev.airfoil.layers.merging.Maximum;
import dev.airfoil.layers.merging.Minimum;
import dev.airfoil.layers.merging.Multiply;
import dev.airfoil.layers.merging.Subtract;
import dev.airfoil.layers.normalization.RMSNormalization;
import dev.airfoil.layers.normalization.SpectralNormalization;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.layers.reshaping.Reshape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.LayerHarness;
import dev.airfoil.testing.LayerHarness.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared layer harness run on every registered layer. */
class LayerContractTest {
    private static final Set<String> COVERED = new HashSet<>();

    private static Tensor r(long seed, int... shape) {
        Tensor t = Tensor.randomUniform(seed, -2, 2, shape);
        // keep values away from kinks (0) so that finite differences are meaningful
        return t.add(t.sign().mul(0.1));
    }

    private static Arguments a(String name, Supplier<Layer> f, List<Tensor> in, Expect e) {
        COVERED.add(name);
        return Arguments.of(name, f, in, e);
    }

    static Stream<Arguments> layers() {
        Expect none = new Expect(0, 0, true);
        return Stream.of(
                a("Dense", () -> new Dense(4, "tanh"), List.of(r(1, 3, 5)), new Expect(2, 0, true)),
                a("Dense/3d", () -> new Dense(3), List.of(r(2, 2, 4, 5)), new Expect(2, 0, true)),
                a("Activation", () -> new ActivationLayer("sigmoid"), List.of(r(3, 2, 3)), none),
                a("Identity", Identity::new, List.of(r(4, 2, 3)), none),
                a("Flatten", Flatten::new, List.of(r(5, 2, 3, 2)), none),
                a("Reshape", () -> new Reshape(3, -1), List.of(r(6, 2, 6)), none),
                a("Dropout", () -> new Dropout(0.5), List.of(r(7, 2, 3)), none),
                a("Concatenate", Concatenate::new, List.of(r(8, 2, 3), r(9, 2, 2)), none),
                a("Add", Add::new, List.of(r(10, 2, 3), r(11, 2, 3)), none),
                a("Subtract", Subtract::new, List.of(r(12, 2, 3), r(13, 2, 3)), none),
                a("Multiply", Multiply::new, List.of(r(14, 2, 3), r(15, 2, 3)), none),
                a("Average", Average::new, List.of(r(16, 2, 3), r(17, 2, 3), r(18, 2, 3)), none),
                a("Maximum", Maximum::new, List.of(r(19, 2, 3), r(20, 2, 3)), none),
                a("Minimum", Minimum::new, List.of(r(21, 2, 3), r(22, 2, 3)), none),
                a("Dot", () -> new Dot(new int[] {2, 1}, true, null), List.of(r(23, 2, 3, 4), r(24, 2, 4, 2)), none),
                a("ReLU", () -> new ReLU(1.5, 0.1, 0.05, null), List.of(r(25, 2, 4)), none),
                a("LeakyReLU", LeakyReLU::new, List.of(r(26, 2, 4)), none),
                a("PReLU", () -> new PReLU("ones", null, null, null, null), List.of(r(27, 2, 4)), new Expect(1, 0, true)),
                a("ELU", ELU::new, List.of(r(28, 2, 4)), none),
                a("Softmax", Softmax::new, List.of(r(29, 2, 4)), none),
                a("EinsumDense", () -> new EinsumDense("ab,bc->ac", new int[] {4}, "c"), List.of(r(30, 3, 5)),
                        new Expect(2, 0, true)),
                a("EinsumDense/bias_be", () -> new EinsumDense("abc,cde->abde", new int[] {2, 3, 4}, "be"),
                        List.of(r(31, 2, 2, 3)), new Expect(2, 0, true)),
                a("EinsumDense/batched", () -> EinsumDense.builder("...bc,bc->...b", 3).activation("tanh").build(),
                        List.of(r(32, 2, 3, 4)), new Expect(1, 0, true)),
                a("EinsumDense/postcast", () -> new EinsumDense("bc...,cde->bde...", new int[] {3, 2}, "de"),
                        List.of(r(33, 2, 3, 2)), new Expect(2, 0, true)),
                a("EinsumDense/summed", () -> new EinsumDense("abc,cd->ad", new int[] {2}, null),
                        List.of(r(34, 2, 3, 4)), new Expect(1, 0, true)),
                a("EinsumDense/transpose", () -> new EinsumDense("abcd,dbf->afcb", new int[] {3, 3, 4}, "f"),
                        List.of(r(35, 2, 4, 3, 2)), new Expect(2, 0, true)),
                a("RMSNormalization", RMSNormalization::new, List.of(r(36, 2, 3, 4)), new Expect(1, 0, true)),
                a("RMSNormalization/axes", () -> new RMSNormalization(new int[] {1, 2}, 1e-3, null),
                        List.of(r(37, 2, 3, 4)), new Expect(1, 0, true)),
                a("SpectralNormalization", () -> new SpectralNormalization(new Dense(3, "tanh")),
                        List.of(r(38, 2, 4)), new Expect(2, 1, true)),
                a("Lambda", () -> {
                    Lambda.register("harness_softsign", x -> x.div(x.abs().add(1)));
                    return Lambda.named("harness_softsign").build();
                }, List.of(r(39, 2, 3)), none),
                a("Lambda/list", () -> {
                    Lambda.registerList("harness_product_plus", xs -> xs.get(0).mul(xs.get(1)).add(xs.get(0)));
                    return Lambda.named("harness_product_plus").outputShape(3).build();
                }, List.of(r(40, 2, 3), r(41, 2, 3)), none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }

    @Test
    void everyRegisteredLayerIsCovered() {
        layers().count();
        Set<String> registered = new HashSet<>(Layers.builtInNames());
        // input layers and models are covered by the model tests
        registered.removeAll(Set.of("InputLayer", "Sequential", "Functional"));
        Set<String> covered = new HashSet<>();
        COVERED.forEach(c -> covered.add(c.split("/")[0]));
        covered.addAll(ConvolutionalLayersTest.coveredNames());
        covered.addAll(dev.airfoil.layers.recurrent.RecurrentLayersTest.coveredNames());
        covered.addAll(dev.airfoil.layers.attention.AttentionLayersTest.coveredNames());
        covered.addAll(dev.airfoil.layers.preprocessing.PreprocessingLayersTest.coveredNames());
        registered.removeAll(covered);
        assertTrue(registered.isEmpty(), "layers without a harness test: " + registered);
    }

    @Test
    void denseRejectsAWrongLastAxisWithAClearMessage() {
        Dense d = new Dense(3, null, "my_dense");
        d.apply(Tensor.ones(2, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.apply(Tensor.ones(2, 5)));
        assertTrue(e.getMessage().contains("my_dense") && e.getMessage().contains("(2, 5)")
                && e.getMessage().contains("(None, 4)"), e.getMessage());
    }

    @Test
    void anEmptyBatchFlowsThroughFlattenAndDenseAsInKeras() {
        Tensor empty = Tensor.zeros(0, 28, 28);
        assertArrayEquals(new int[] {0, 784}, new Flatten().apply(empty).shape());
        assertArrayEquals(new int[] {0, 5}, new Dense(5).apply(new Flatten().apply(empty)).shape());
        assertArrayEquals(new int[] {0, 1}, new Flatten().apply(Tensor.zeros(0)).shape());
    }

    @Test
    void automaticNamesFollowKeras() {
        Names.clearSession();
        assertEquals("dense", new Dense(1).name());
        assertEquals("dense_1", new Dense(1).name());
        assertEquals("leaky_re_lu", new LeakyReLU().name());
        assertEquals("Dense Layer", Dense.builder(1).name("Dense Layer").build().name());
        assertThrows(IllegalArgumentException.class, () -> new Dense(1, null, "a/b"));
    }

    @Test
    void aWrongInputRankIsAClearErrorWhenBuildingAGraphToo() {
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> new dev.airfoil.layers.pooling.MaxPooling2D(new int[] {2, 2}, null, "valid", "channels_last", "pool")
                        .apply(Input.shape(4)));
        assertEquals("Layer 'pool' (MaxPooling2D) expects an input of rank 4, got shape (None, 4)", pool.getMessage());
        IllegalArgumentException permute = assertThrows(IllegalArgumentException.class,
                () -> new dev.airfoil.layers.reshaping.Permute(new int[] {1, 2, 3}, "perm").apply(Input.shape(3, 4)));
        assertEquals("Layer 'perm' (Permute): dims [1, 2, 3] need an input of rank 4, got 3 (shape (None, 3, 4))",
                permute.getMessage());
        IllegalArgumentException repeat = assertThrows(IllegalArgumentException.class,
                () -> new dev.airfoil.layers.reshaping.RepeatVector(3, "rep").apply(Input.shape(3, 4)));
        assertEquals("Layer 'rep' (RepeatVector) expects an input of rank 2 (batch, features), got shape (None, 3, 4)",
                repeat.getMessage());
    }

    @Test
    void spatialReshapingLayersCheckTheRankWhenBuildingAGraph() {
        Object[][] cases = {
            {new dev.airfoil.layers.reshaping.Cropping2D(1), Input.shape(4), "(Cropping2D) expects an input of rank 4, got shape (None, 4)"},
            {new dev.airfoil.layers.reshaping.ZeroPadding2D(1), Input.shape(3, 4), "(ZeroPadding2D) expects an input of rank 4, got shape (None, 3, 4)"},
            {new dev.airfoil.layers.reshaping.UpSampling2D(2), Input.shape(4), "(UpSampling2D) expects an input of rank 4, got shape (None, 4)"},
        };
        for (Object[] c : cases) {
            Layer layer = (Layer) c[0];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.apply((KerasTensor) c[1]),
                    layer::describe);
            assertEquals("Layer '" + layer.name() + "' " + c[2], e.getMessage());
        }
    }

    @Test
    void sequentialRefusesNullLayersAndShapelessBuildsClearly() {
        dev.airfoil.models.Sequential s = new dev.airfoil.models.Sequential("seq");
        assertEquals("Sequential 'seq': cannot add null; pass a layer such as new Dense(10)",
                assertThrows(IllegalArgumentException.class, () -> s.add((Layer) null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.add((KerasTensor) null)).getMessage()
                .startsWith("Sequential.add: only the tensor returned by Input(...) can be added"));
        s.add(new Dense(2));
        assertEquals("Sequential 'seq'.build: pass one input shape with the batch axis first, e.g. build(new int[]"
                + " {-1, 784}); got 1 shape(s) [()]",
                assertThrows(IllegalArgumentException.class, () -> s.build(new int[0])).getMessage());
        assertEquals("Sequential 'seq'.build: pass one input shape with the batch axis first, e.g. build(new int[]"
                + " {-1, 784}); got null", assertThrows(IllegalArgumentException.class,
                () -> s.build((int[][]) null)).getMessage());
        s.build(new int[] {-1, 3});
        assertTrue(s.isBuilt());
    }
}
