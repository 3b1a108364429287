package dev.airfoil.layers.core;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.initializers.GlorotUniform;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.Layer;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EinsumDense's shapes as Keras's {@code einsum_dense_test.py} states them (its
 * {@code test_einsum_dense_basics} table: kernel, bias and output shapes per equation), the kernel
 * initializer's fans, the GEMM paths against a plain reference, its error messages, and a Keras model
 * file's summary rows. Numerical agreement with Keras is in {@code KerasConvGoldenTest} (layers_extra.json).
 */
class EinsumDenseTest {

    /** Keras 3.15.1's einsum_dense_test.py table: equation, bias_axes, input, output_shape, kernel, bias, output. */
    static Stream<Arguments> kerasTable() {
        return Stream.of(
                row("ab,b->a", null, ints(2, 32), ints(), ints(32), null, ints(2)),
                row("ab,bc->ac", null, ints(2, 32), ints(64), ints(32, 64), null, ints(2, 64)),
                row("abc,cde->abde", null, ints(2, 1, 2), ints(1, 3, 4), ints(2, 3, 4), null, ints(2, 1, 3, 4)),
                row("abc,cde->abde", "e", ints(2, 1, 2), ints(1, 3, 4), ints(2, 3, 4), ints(4), ints(2, 1, 3, 4)),
                row("abc,cde->abde", "d", ints(2, 1, 2), ints(1, 3, 4), ints(2, 3, 4), ints(3, 1), ints(2, 1, 3, 4)),
                row("abc,cde->abde", "be", ints(2, 7, 2), ints(7, 3, 4), ints(2, 3, 4), ints(7, 1, 4), ints(2, 7, 3, 4)),
                row("BFNH,NHD->BFD", null, ints(2, 1, 2, 3), ints(1, 4), ints(2, 3, 4), null, ints(2, 1, 4)),
                row("abc,cd->abd", null, ints(2, 1, 2), ints(1, 4), ints(2, 4), null, ints(2, 1, 4)),
                row("i,d->id", null, ints(2), ints(2), ints(2), null, ints(2, 2)),
                row("ibd,nd->ibn", null, ints(2, 2, 1), ints(2, 2), ints(2, 1), null, ints(2, 2, 2)),
                row("...b,bc->...c", null, ints(2, 32), ints(64), ints(32, 64), null, ints(2, 64)),
                row("...bc,bc->...b", null, ints(2, 32, 64), ints(32), ints(32, 64), null, ints(2, 32)),
                row("...b,bc->...c", null, ints(2, 3, 32), ints(64), ints(32, 64), null, ints(2, 3, 64)),
                row("...c,cde->...de", null, ints(2, 1, 2), ints(3, 4), ints(2, 3, 4), null, ints(2, 1, 3, 4)),
                row("...c,cde->...de", "e", ints(2, 1, 2), ints(3, 4), ints(2, 3, 4), ints(4), ints(2, 1, 3, 4)),
                row("...c,cde->...de", "d", ints(2, 1, 2), ints(3, 4), ints(2, 3, 4), ints(3, 1), ints(2, 1, 3, 4)),
                row("...c,cde->...de", "de", ints(2, 1, 2), ints(3, 4), ints(2, 3, 4), ints(3, 4), ints(2, 1, 3, 4)),
                row("bc...,cd->bd...", null, ints(2, 1, 2, 3), ints(4), ints(1, 4), null, ints(2, 4, 2, 3)),
                row("bc...,cde->bde...", null, ints(2, 1, 2), ints(3, 4), ints(1, 3, 4), null, ints(2, 3, 4, 2)),
                row("bc...,cde->bde...", "d", ints(2, 1, 2), ints(3, 4), ints(1, 3, 4), ints(3, 1, 1), ints(2, 3, 4, 2)),
                row("bc...,cde->bde...", "e", ints(2, 1, 2), ints(3, 4), ints(1, 3, 4), ints(4, 1), ints(2, 3, 4, 2)),
                row("bc...,cde->bde...", "de", ints(2, 1, 2), ints(3, 4), ints(1, 3, 4), ints(3, 4, 1), ints(2, 3, 4, 2)));
    }

    private static Arguments row(String eq, String bias, int[] in, int[] out, int[] kernel, int[] biasShape, int[] y) {
        return Arguments.of(eq + (bias == null ? "" : " bias " + bias), eq, bias, in, out, kernel, biasShape, y);
    }

    private static int[] ints(int... v) {
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasTable")
    void weightAndOutputShapesFollowKerasTable(String label, String eq, String biasAxes, int[] in, int[] out,
                                               int[] kernel, int[] bias, int[] y) {
        EinsumDense layer = new EinsumDense(eq, out, biasAxes);
        layer.ensureBuilt(List.of(in));
        assertArrayEquals(kernel, layer.kernel().shape(), "kernel");
        if (bias == null) {
            assertNull(layer.bias());
        } else {
            assertArrayEquals(bias, layer.bias().shape(), "bias");
        }
        assertArrayEquals(y, layer.computeOutputShape(in), "output shape");
        Tensor x = Tensor.randomUniform(3, -1, 1, in);
        assertArrayEquals(y, layer.apply(x).shape(), "call");
    }

    @Test
    void aVarianceScalingKernelCountsTheKernelsInputAndOutputAxesAsKeras() {
        // kernel (b, c, d) = (5, 3, 4): fan_in 5, fan_out 12 -> limit sqrt(6 / 17) = 0.594; without the axes
        // Keras's convolution rule would give fan_in 15, fan_out 20 -> 0.414
        EinsumDense layer = EinsumDense.builder("ab,bcd->acd", 3, 4).kernelInitializer(new GlorotUniform(7L)).build();
        layer.ensureBuilt(List.of(new int[] {-1, 5}));
        double max = layer.kernel().value().abs().max().item();
        assertTrue(max > 0.45 && max <= Math.sqrt(6.0 / 17), "max |kernel| " + max);
        // the config keeps Keras's form: the initializer without axes
        assertEquals(new GlorotUniform(7L).serialize(), layer.getConfig().get("kernel_initializer"));
    }

    /** The plain GEMM, the batched product and the summed-axis path against a per-element reference. */
    @Test
    void everyPathMatchesAPlainEinsumReference() {
        String[][] cases = {{"abc,cd->abd", "d"}, {"abc,cde->abde", "be"}, {"...bc,bc->...b", null},
            {"abcd,dbf->afcb", "f"}, {"abc,cd->ad", "d"}, {"bc...,cde->bde...", "de"}};
        int[][] inputs = {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}, {2, 4, 3, 2}, {2, 3, 4}, {2, 3, 5}};
        int[][] outputs = {{-1, 5}, {3, 2, 5}, {3}, {3, 3, 4}, {5}, {2, 3}};
        for (int i = 0; i < cases.length; i++) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                EinsumDense layer = EinsumDense.builder(cases[i][0], outputs[i]).biasAxes(cases[i][1])
                        .biasInitializer("random_normal").build();
                Tensor x = Tensor.randomUniform(i, -1, 1, inputs[i]).cast(dtype);
                layer.ensureBuilt(List.of(inputs[i]));
                Tensor y;
                try (GradMode.Scope s = GradMode.noGrad()) {
                    y = layer.call(x, false);
                }
                Tensor want = ReferenceEinsum.of(cases[i][0], x, layer.kernel().value(),
                        layer.bias() == null ? null : layer.bias().value());
                assertArrayEquals(want.shape(), y.shape(), cases[i][0]);
                assertTrue(y.cast(DType.FLOAT64).allClose(want.cast(DType.FLOAT64), 1e-5, 1e-5), cases[i][0] + " " + dtype);
            }
        }
    }

    @Test
    void badEquationsAndShapesAreRefusedWithClearMessages() {
        assertEquals("Layer 'e1' (EinsumDense): invalid einsum equation 'ab,bc'; equations must be in the form"
                + " [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]... (letters only)",
                refusal(() -> EinsumDense.builder("ab,bc", 4).name("e1").build()));
        assertEquals("Layer 'e2' (EinsumDense): bias dimension 'x' was requested, but is not part of the output"
                + " spec 'ac'; bias_axes takes letters of the output",
                refusal(() -> {
                    EinsumDense e = EinsumDense.builder("ab,bc->ac", 4).biasAxes("x").name("e2").build();
                    e.apply(Tensor.ones(2, 3));
                }));
        assertEquals("Layer 'e3' (EinsumDense): output_shape (4, 5) must give 1 sizes for the equation 'ab,bc->ac'"
                + " (the output axes 'ac' less the batch axis); use None (-1) where the input gives the size",
                refusal(() -> EinsumDense.builder("ab,bc->ac", 4, 5).name("e3").build()));
        assertEquals("Layer 'e4' (EinsumDense): the equation 'ab,bc->ac' needs an input of rank 2 (batch first), got"
                + " shape (None, 3, 4); use '...' in the equation for a variable rank",
                refusal(() -> EinsumDense.builder("ab,bc->ac", 4).name("e4").build().apply(Input.shape(3, 4))));
        assertEquals("Layer 'e5' (EinsumDense): weight dimension 'z' did not have a match in either the input spec"
                + " 'ab' or the output spec 'ac'; for this layer the weight must be fully specified",
                refusal(() -> EinsumDense.builder("ab,bcz->ac", 4).name("e5").build()));
        assertEquals("Layer 'e6' (EinsumDense): input shape and output shape do not match at shared dimension 'b'."
                + " Input shape is 3, and output shape is 5; fix output_shape or the input",
                refusal(() -> EinsumDense.builder("abc,cd->abd", 5, 4).name("e6").build().apply(Input.shape(3, 2))));
        assertEquals("Layer 'lo' (EinsumDense): lora_rank 2 is not supported; in Keras, merge the LoRA weights or"
                + " dequantize the layer (a plain float kernel) before saving",
                refusal(() -> dev.airfoil.layers.Layers.fromConfig("EinsumDense", java.util.Map.of("name", "lo",
                        "equation", "ab,bc->ac", "output_shape", List.of(4), "lora_rank", 2))));
        EinsumDense built = EinsumDense.builder("ab,bc->ac", 4).name("e7").build();
        built.apply(Tensor.ones(2, 3));
        assertTrue(refusal(() -> built.apply(Tensor.ones(2, 5))).contains("(None, 3)"));
    }

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /** The Keras-saved model's summary rows (Keras 3.15.1 prints the same shapes and parameter counts). */
    @Test
    void summaryListsTheLayersAsKeras() throws Exception {
        Model m = Models.load(java.nio.file.Path.of(EinsumDenseTest.class.getClassLoader()
                .getResource("golden/keras3-files/extra_layers.keras").toURI()));
        String s = m.summary(null, false);
        String[][] rows = {{"einsum_dense (EinsumDense)", "(None, 5, 2, 3)", "42"},
            {"rms_normalization (RMSNormalization)", "(None, 5, 6)", "6"},
            {"spectral_normalization", "(None, 5, 4)", "32"},
            {"einsum_dense_1 (EinsumDense)", "(None, 5, 2)", "10"}};
        for (String[] r : rows) {
            assertTrue(s.lines().anyMatch(l -> l.contains(r[0]) && l.contains(r[1]) && l.matches(".*\\s" + r[2] + " │\\s*")),
                    r[0] + " row missing in\n" + s);
        }
        // the file carries Adam's state, which Keras counts in the total (its own summary of this file: 282 = 92 + 4 + 186)
        assertTrue(s.contains("Total params: 282"), s);
        assertTrue(s.contains("Non-trainable params: 4"), s);
        assertTrue(s.contains("Optimizer params: 186"), s);
    }

    @Test
    void worksInASequentialModelThatTrains() {
        Sequential m = new Sequential();
        m.add(Input.shape(4, 6));
        m.add(EinsumDense.builder("abc,cde->abde", 4, 2, 3).biasAxes("de").activation("relu").build());
        m.add(new EinsumDense("abcd,cde->abe", new int[] {4, 1}, null));
        m.compile("adam", "mse");
        Tensor x = Tensor.randomUniform(1, -1, 1, 8, 4, 6);
        Tensor y = Tensor.randomUniform(2, -1, 1, 8, 4, 1);
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, 20, 8);
        assertTrue(m.evaluate(x, y).get("loss") < before, "training lowers the loss");
        Layer first = m.layers().get(0);
        assertEquals(2, first.trainableWeights().size());
    }
}
