package dev.airfoil.callbacks;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.SGD;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callbacks inside a real {@code fit} of a small {@link Sequential} model. */
class FitIntegrationTest {
    static final Tensor X = Tensor.of(new float[] {0, 1, 1, 0, 1, 1, 2, 1, 1, 2, 0, 2, 2, 0, 2, 2}, 8, 2);
    static final Tensor Y = Tensor.of(new float[] {1, 1, 2, 3, 3, 2, 2, 4}, 8, 1);

    @Test
    void verbose2FitPrintsKerasLinesAndHistoryMatches() {
        Sequential model = new Sequential(new Dense(1));
        model.compile(new SGD(0.05), "mse");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgbarLogger logger = new ProgbarLogger(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        History history = model.fit(X, Y, FitOptions.builder().epochs(3).batchSize(4).verbose(2).shuffle(false)
                .validationData(X, Y).callbacks(logger).build());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(6, lines.length, String.join("\n", lines));
        for (int e = 0; e < 3; e++) {
            assertEquals("Epoch " + (e + 1) + "/3", lines[2 * e]);
            assertTrue(lines[2 * e + 1].matches("2/2 - \\d+s - \\d+(s|ms|us)/step - loss: \\S+ - val_loss: \\S+"),
                    lines[2 * e + 1]);
            String loss = PyFormat.fixed(history.get("loss").get(e), 4);
            assertTrue(lines[2 * e + 1].contains("- loss: " + loss + " "), lines[2 * e + 1]);
        }
        assertEquals(List.of("loss", "val_loss"), List.copyOf(history.history().keySet()));
        assertEquals(List.of(0, 1, 2), history.epochs());
    }

    @Test
    void earlyStoppingStopsARealFitAndRestoresWeights() {
        Sequential model = new Sequential(new Dense(1));
        // a learning rate this large diverges: val_loss grows after the first epoch
        model.compile(new SGD(2.0), "mse");
        EarlyStopping es = new EarlyStopping().patience(1).restoreBestWeights(true);
        History h = model.fit(X, Y, FitOptions.builder().epochs(10).batchSize(8).verbose(0).shuffle(false)
                .validationData(X, Y).callbacks(es).build());
        int epochs = h.epochs().size();
        assertTrue(epochs < 10, "stopped early: " + h.history());
        List<Double> valLoss = h.get("val_loss");
        double best = valLoss.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(valLoss.indexOf(best), es.bestEpoch());
        assertEquals(best, model.evaluate(X, Y).get("loss"), 1e-5 * Math.max(1, best));
    }
}
