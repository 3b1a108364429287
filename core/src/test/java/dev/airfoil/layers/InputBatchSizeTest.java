package dev.airfoil.layers;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Input(shape, batch_size=...)} as in Keras 3.15.1: {@code keras.Input((3,), batch_size=4)}
 * gives {@code batch_shape [4, 3]} in the config, {@code (4, 3)} and {@code (4, 2)} in the summary of
 * {@code Input -> Dense(2)}, and the model still predicts and fits on 4, 5 or 8 samples (Keras's
 * functional input spec leaves the batch axis out); a batch size below 1 is refused.
 */
class InputBatchSizeTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputConfig(Model m) {
        Map<String, Object> cfg = (Map<String, Object>) m.serialize().get("config");
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) cfg.get("layers")).get(0);
        return (Map<String, Object>) first.get("config");
    }

    @Test
    void fixedBatchSizeShowsInShapesSummaryAndConfig() {
        KerasTensor in = Input.of(new int[] {3}, 4, DType.FLOAT32, "x");
        assertArrayEquals(new int[] {4, 3}, in.shape());
        KerasTensor out = new Dense(2).apply(in);
        assertArrayEquals(new int[] {4, 2}, out.shape());
        Model m = new Model(in, out);
        assertEquals(List.of(4, 3), inputConfig(m).get("batch_shape"));
        String summary = m.summary();
        assertTrue(summary.matches("(?s).*│ x \\(InputLayer\\) +│ \\(4, 3\\) .*"), summary);
        assertTrue(summary.matches("(?s).*│ dense\\w* \\(Dense\\) +│ \\(4, 2\\) .*"), summary);

        Model again = Models.fromConfig(m.serialize());
        assertArrayEquals(new int[] {4, 3}, again.inputs().get(0).shape());

        Sequential s = new Sequential();
        s.add(Input.of(new int[] {3}, 4, DType.FLOAT32, null));
        s.add(new Dense(2));
        assertEquals(List.of(4, 3), inputConfig(s).get("batch_shape"));
    }

    @Test
    void dataOfAnotherBatchSizeIsAcceptedAsKerasDoes() {
        KerasTensor in = Input.of(new int[] {3}, 4, DType.FLOAT32, "x");
        Model m = new Model(in, new Dense(2).apply(in));
        for (int n : new int[] {4, 5, 8}) {
            assertArrayEquals(new int[] {n, 2}, m.predict(Tensor.ones(n, 3)).shape(), n + " samples");
        }
        assertArrayEquals(new int[] {6, 2}, m.predict(Tensor.ones(6, 3), 4).shape());
        m.compile("sgd", "mse");
        m.fit(Tensor.ones(8, 3), Tensor.ones(8, 2), 1, 8);
        // the per-sample shape is still checked
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.ones(4, 5)));
        assertTrue(e.getMessage().contains("Input 'x' expects shape (4, 3) but received (4, 5)"), e.getMessage());
    }

    @Test
    void invalidBatchSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Input.of(new int[] {3}, 0, DType.FLOAT32, "x"));
        assertTrue(e.getMessage().contains("Input 'x': batch_size must be a positive integer, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Input.of(new int[] {3}, -1, DType.FLOAT32, null));
    }
}
