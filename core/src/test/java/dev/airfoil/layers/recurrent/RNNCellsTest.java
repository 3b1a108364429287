package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Input;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic RNN layer and its cells beyond the shared harness and the Keras goldens: the built-in cells run
 * the layers' own fused recurrence (bit for bit), a list of cells becomes StackedRNNCells, the summary reads as
 * Keras's, dropout masks stay fixed over a sequence, and bad arguments are refused with a clear message.
 */
class RNNCellsTest {

    private static Tensor x(long seed, int... shape) {
        return Tensor.randomUniform(seed, -1, 1, shape);
    }

    private static void sameWeights(RecurrentLayer from, RNN to, Tensor x) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            from.apply(List.of(x), false);
            to.apply(List.of(x), false);
        }
        to.setWeights(from.getWeights());
    }

    @Test
    void aBuiltInCellComputesExactlyWhatItsLayerComputes() {
        Tensor x = x(1, 3, 6, 4);
        LSTM lstm = LSTM.builder(5).returnSequences(true).returnState(true).goBackwards(true).build();
        RNN rnn = RNN.builder(new LSTMCell(5)).returnSequences(true).returnState(true).goBackwards(true).build();
        sameWeights(lstm, rnn, x);
        for (boolean grad : new boolean[] {false, true}) {
            List<Tensor> a;
            List<Tensor> b;
            try (GradMode.Scope s = grad ? GradMode.enableGrad() : GradMode.noGrad()) {
                a = lstm.apply(List.of(x), false);
                b = rnn.apply(List.of(x), false);
            }
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), "output " + i + " grad " + grad);
            }
        }
    }

    @Test
    void gradientsThroughACellEqualTheLayers() {
        Tensor x = x(2, 2, 4, 3);
        GRU gru = GRU.builder(3).resetAfter(false).build();
        RNN rnn = new RNN(new GRUCell(GRU.builder(3).resetAfter(false)));
        sameWeights(gru, rnn, x);
        gru.apply(x).sum().backward();
        rnn.apply(x).sum().backward();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(gru.weights().get(i).grad().toFloatArray(), rnn.weights().get(i).grad().toFloatArray(),
                    "weight " + i);
        }
    }

    @Test
    void aListOfCellsIsStackedAsKeras() {
        RNN rnn = new RNN(List.of(new GRUCell(3), new LSTMCell(2)));
        StackedRNNCells stack = (StackedRNNCells) rnn.cell();
        assertArrayEquals(new int[] {3, 2, 2}, rnn.stateSizes());
        assertEquals(2, stack.outputSize());
        assertEquals(1, stack.outputStateIndex());
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) rnn.getConfig().get("cell");
        assertEquals("StackedRNNCells", cell.get("class_name"));
        List<Tensor> out = RNN.builder(List.of(new GRUCell(3), new LSTMCell(2))).returnState(true).build()
                .apply(List.of(x(3, 2, 5, 4)), false);
        assertEquals(4, out.size());
        assertArrayEquals(new int[] {2, 3}, out.get(1).shape());
        assertArrayEquals(out.get(0).toFloatArray(), out.get(2).toFloatArray(), "output = last cell's h");
    }

    @Test
    void summaryListsRnnLayersAsKeras() {
        Sequential m = new Sequential();
        m.add(Input.shape(5, 3));
        m.add(RNN.builder(new LSTMCell(4)).returnSequences(true).name("rnn").build());
        m.add(RNN.builder(List.of(new GRUCell(3), new SimpleRNNCell(2))).name("rnn_1").build());
        String s = m.summary();
        assertTrue(s.matches("(?s).*rnn \\(RNN\\)\\s+│ \\(None, 5, 4\\)\\s+│\\s+128 │.*"), s);
        assertTrue(s.matches("(?s).*rnn_1 \\(RNN\\)\\s+│ \\(None, 2\\)\\s+│\\s+93 │.*"), s);
    }

    @Test
    void dropoutMasksStayFixedOverASequence() {
        // with recurrent dropout only and a zero input, the dropped units of h are the same at every step
        RNN rnn = RNN.builder(new SimpleRNNCell(SimpleRNN.builder(6).recurrentDropout(0.5).seed(7L)
                .activation("linear").useBias(false))).returnSequences(true).build();
        RNN stacked = RNN.builder(List.of(new SimpleRNNCell(SimpleRNN.builder(6).dropout(0.5).seed(8L)),
                new SimpleRNNCell(2))).returnSequences(true).build();
        Tensor x = x(4, 2, 5, 3);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor a = stacked.apply(List.of(x), true).get(0);
            Tensor b = stacked.apply(List.of(x), false).get(0);
            assertFalse(a.allClose(b, 1e-6, 1e-6), "training applies dropout");
            Tensor y = rnn.apply(List.of(x), true).get(0);
            assertArrayEquals(new int[] {2, 5, 6}, y.shape());
        }
    }

    @Test
    void sequenceArgumentsOnACellAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LSTMCell(LSTM.builder(2).returnSequences(true)));
        assertTrue(e.getMessage().contains("LSTMCell") && e.getMessage().contains("set them on RNN"), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> new StackedRNNCells(List.of()));
        assertTrue(s.getMessage().contains("at least one cell"), s.getMessage());
    }

    @Test
    void wrongInitialStatesAreRefusedWithTheExpectedShape() {
        RNN rnn = new RNN(List.of(new GRUCell(3), new LSTMCell(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.apply(List.of(x(5, 2, 4, 3), x(6, 2, 3), x(7, 2, 3), x(8, 2, 2)), false));
        assertTrue(e.getMessage().contains("state 1 must have shape (2, 2), got (2, 3)"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> rnn.apply(List.of(x(5, 2, 4, 3), x(6, 2, 3)), false));
        assertTrue(n.getMessage().contains("expects 3 state(s), got 1"), n.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> rnn.apply(x(9, 2, 3)));
        assertTrue(r.getMessage().contains("rank 3"), r.getMessage());
    }
}
