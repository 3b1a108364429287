package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ConvLSTM1D/2D/3D behaviour beyond the Keras goldens (KerasRnnCellGradientTest) and the harness cases
 * (RecurrentLayersTest): masks (which Keras 3.15.1 cannot run for ConvLSTM on JAX) against the equivalent
 * unmasked sequences, initial and stateful states, Keras's default weights, dropout, and error messages.
 */
class ConvLSTMTest {

    private static Tensor r(long seed, int... shape) {
        return Tensor.randomUniform(seed, -1, 1, shape);
    }

    /** The timesteps {@code steps} of sample {@code b} of {@code x}, as a batch of one. */
    private static Tensor steps(Tensor x, int b, int... steps) {
        List<Tensor> ts = new ArrayList<>();
        for (int t : steps) {
            ts.add(x.select(0, b).select(0, t));
        }
        return Tensor.stack(ts, 0).unsqueeze(0);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertTrue(actual.allClose(expected, 1e-6, 1e-6), what + ": expected " + expected + "\nactual " + actual);
    }

    @Test
    void maskedStepsHoldTheStatesAndRepeatTheOutput() {
        ConvLSTM2D layer = ConvLSTM2D.builder(2, 2).padding("same").returnSequences(true).returnState(true).build();
        Tensor x = r(1, 2, 4, 3, 3, 1);
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, true, false, true, true, true, true, false}, 2, 4);
        List<Tensor> masked;
        try (GradMode.Scope s = GradMode.noGrad()) {
            masked = layer.applyMasked(List.of(x), Arrays.asList(mask), false);
            // sample 0 skips step 2: the same as the sequence of steps 0, 1, 3
            List<Tensor> skip = layer.apply(List.of(steps(x, 0, 0, 1, 3)), false);
            assertClose(skip.get(1).select(0, 0), masked.get(1).select(0, 0), "h of sample 0");
            assertClose(skip.get(2).select(0, 0), masked.get(2).select(0, 0), "c of sample 0");
            Tensor seq0 = masked.get(0).select(0, 0);
            assertClose(seq0.select(0, 1), seq0.select(0, 2), "output at the masked step of sample 0");
            assertClose(skip.get(0).select(0, 0).select(0, 2), seq0.select(0, 3), "last output of sample 0");
            // sample 1 masks its last step: the same as its first three steps
            List<Tensor> first3 = layer.apply(List.of(steps(x, 1, 0, 1, 2)), false);
            assertClose(first3.get(1).select(0, 0), masked.get(1).select(0, 1), "h of sample 1");
            assertClose(first3.get(2).select(0, 0), masked.get(2).select(0, 1), "c of sample 1");
            Tensor seq1 = masked.get(0).select(0, 1);
            assertClose(seq1.select(0, 2), seq1.select(0, 3), "output at the masked step of sample 1");
            // the output mask follows return_sequences, as Keras's compute_mask
            assertEquals(mask, layer.computeMask(x, mask));
            // and without a mask the masked steps do count
            List<Tensor> plain = layer.apply(List.of(x), false);
            assertFalse(plain.get(1).allClose(masked.get(1), 1e-6, 1e-6), "the mask changes nothing");
        }
    }

    @Test
    void initialStatesContinueASequence() {
        ConvLSTM1D layer = ConvLSTM1D.builder(3, 3).padding("same").returnState(true).build();
        Tensor x = r(2, 2, 5, 6, 2);
        try (GradMode.Scope s = GradMode.noGrad()) {
            List<Tensor> whole = layer.apply(List.of(x), false);
            List<Tensor> head = layer.apply(List.of(x.slice(1, 0, 2)), false);
            List<Tensor> tail = layer.apply(List.of(x.slice(1, 2, 5), head.get(1), head.get(2)), false);
            for (int i = 0; i < 3; i++) {
                assertClose(whole.get(i), tail.get(i), "output " + i);
            }
        }
    }

    @Test
    void statefulLayerCarriesItsStatesUntilReset() {
        ConvLSTM3D stateful = ConvLSTM3D.builder(2, 2).stateful(true).build();
        ConvLSTM3D plain = new ConvLSTM3D(2, 2);
        Tensor x = r(3, 1, 4, 3, 3, 3, 2);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor whole = plain.apply(x, false);
            stateful.apply(x.slice(1, 0, 1), false);
            stateful.setWeights(plain.getWeights());
            stateful.resetStates();
            stateful.apply(x.slice(1, 0, 3), false);
            assertClose(whole, stateful.apply(x.slice(1, 3, 4), false), "second call after the first");
            stateful.resetStates();
            assertClose(plain.apply(x.slice(1, 3, 4), false), stateful.apply(x.slice(1, 3, 4), false), "after reset");
        }
    }

    @Test
    void bidirectionalTakesSequencesOfAnyLength() {
        Bidirectional layer = new Bidirectional(ConvLSTM1D.builder(2, 3).padding("same").build());
        try (GradMode.Scope s = GradMode.noGrad()) {
            assertArrayEquals(new int[] {2, 5, 4}, layer.apply(r(14, 2, 3, 5, 2), false).shape());
            assertArrayEquals(new int[] {2, 5, 4}, layer.apply(r(15, 2, 6, 5, 2), false).shape());
        }
    }

    @Test
    void defaultsFollowKeras() {
        ConvLSTM2D layer = new ConvLSTM2D(4, 3);
        assertTrue(layer.name().startsWith("conv_lstm2d"), layer.name());
        Tensor y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            y = layer.apply(r(4, 1, 2, 5, 6, 3), false);
        }
        assertArrayEquals(new int[] {1, 3, 4, 4}, y.shape());
        List<Variable> ws = layer.weights();
        assertEquals(3, ws.size());
        assertArrayEquals(new int[] {3, 3, 3, 16}, ws.get(0).shape());
        assertArrayEquals(new int[] {3, 3, 4, 16}, ws.get(1).shape());
        assertArrayEquals(new int[] {16}, ws.get(2).shape());
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), ws.stream().map(Variable::name).toList());
        // unit_forget_bias: the forget gate (second block of 4) starts at one, the others at zero
        float[] b = ws.get(2).value().floatData();
        for (int i = 0; i < 16; i++) {
            assertEquals(i >= 4 && i < 8 ? 1f : 0f, b[i], "bias[" + i + "]");
        }
        assertEquals("ConvLSTM2D", layer.className());
        assertFalse(layer.getConfig().containsKey("cell"), "Keras's ConvLSTM config is flat");
    }

    @Test
    void weightRegularizersBecomeLayerLosses() {
        ConvLSTM1D layer = ConvLSTM1D.builder(2, 2).kernelRegularizer("l2").recurrentRegularizer("l1").build();
        try (GradMode.Scope s = GradMode.noGrad()) {
            layer.apply(r(13, 1, 2, 4, 3), false);
        }
        List<Tensor> losses = layer.losses();
        assertEquals(2, losses.size());
        Tensor k = layer.cell().kernel().value();
        assertEquals(0.01 * k.mul(k).sum().item(), losses.get(0).item(), 1e-6, "l2 of the kernel");
        assertEquals(0.01 * layer.cell().recurrentKernel().value().abs().sum().item(), losses.get(1).item(), 1e-6,
                "l1 of the recurrent kernel");
    }

    @Test
    void dropoutAppliesInTrainingOnlyWithOneMaskPerGateForTheWholeBatch() {
        ConvLSTM2D drop = ConvLSTM2D.builder(2, 2).dropout(0.5).recurrentDropout(0.5).seed(3L).returnSequences(true)
                .build();
        ConvLSTM2D none = ConvLSTM2D.builder(2, 2).returnSequences(true).build();
        Tensor one = r(5, 1, 3, 4, 4, 2);
        Tensor x = Tensor.concatenate(List.of(one, one), 0);
        try (GradMode.Scope s = GradMode.noGrad()) {
            none.apply(x, false);
            drop.apply(x, false);
            drop.setWeights(none.getWeights());
            assertClose(none.apply(x, false), drop.apply(x, false), "inference ignores dropout");
            Tensor trained = drop.apply(x, true);
            assertFalse(trained.allClose(none.apply(x, false), 1e-6, 1e-6), "training drops nothing");
            // Keras applies the same multiplier maps to every sample of a batch
            assertClose(trained.select(0, 0), trained.select(0, 1), "the two equal samples");
        }
        Tensor xg = x.copy().requiresGrad(true);
        drop.apply(xg, true).sum().backward();
        for (double g : xg.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "input gradient in training");
        }
    }

    @Test
    void badArgumentsAndInputsSayWhatToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvLSTM2D.builder(2, 3).strides(2).dilationRate(2).build());
        assertTrue(e.getMessage().contains("ConvLSTM2D") && e.getMessage().contains("dilation_rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvLSTM1D.builder(2, 3).padding("causal").build());
        assertTrue(e.getMessage().contains("ConvLSTM1D") && e.getMessage().contains("'valid' or 'same'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvLSTM3D.builder(0, 3).build());
        assertTrue(e.getMessage().contains("filters"), e.getMessage());

        ConvLSTM2D layer = ConvLSTM2D.builder(2, 3).name("frames").build();
        e = assertThrows(IllegalArgumentException.class, () -> layer.apply(r(6, 2, 3, 5, 2), false));
        assertTrue(e.getMessage().contains("frames") && e.getMessage().contains("rank 5")
                && e.getMessage().contains("(batch, timesteps, rows, cols, channels)")
                && e.getMessage().contains("5, 2)"), e.getMessage());
        try (GradMode.Scope s = GradMode.noGrad()) {
            layer.apply(r(7, 2, 3, 5, 5, 2), false);
        }
        e = assertThrows(IllegalArgumentException.class, () -> layer.apply(r(8, 2, 3, 6, 5, 2), false));
        assertTrue(e.getMessage().contains("(2, 3, 6, 5, 2)") && e.getMessage().contains("(None, None, 5, 5, 2)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> layer.apply(List.of(r(9, 2, 3, 5, 5, 2), r(10, 2, 4, 4, 2), r(11, 2, 3, 3, 2)), false));
        assertTrue(e.getMessage().contains("state 0 must have shape (2, 3, 3, 2)")
                && e.getMessage().contains("got (2, 4, 4, 2)"), e.getMessage());
        ConvLSTM2D tooSmall = new ConvLSTM2D(2, 5);
        e = assertThrows(IllegalArgumentException.class, () -> tooSmall.apply(r(12, 1, 2, 3, 3, 1), false));
        assertTrue(e.getMessage().contains("kernel_size"), e.getMessage());
    }
}
