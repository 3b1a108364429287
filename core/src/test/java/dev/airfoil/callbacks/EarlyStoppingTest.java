package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.airfoil.callbacks.FakeModel.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EarlyStoppingTest {
    final FakeModel model = new FakeModel();

    int run(EarlyStopping es, List<java.util.Map<String, Double>> logs) {
        return model.run(new CallbackList(List.of(es)), logs);
    }

    @Test
    void stopsAfterPatienceAndRestoresTheBestEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EarlyStopping es = new EarlyStopping().patience(2).restoreBestWeights(true).verbose(1)
                .out(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int ran = run(es, series("val_loss", 1.0, 0.9, 0.95, 0.96, 0.97));
        assertEquals(4, ran);
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.9, es.best());
        assertEquals(1.0, model.weight());
        assertEquals(1, model.restores);
        assertEquals("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        EarlyStopping es = new EarlyStopping("val_loss", 0, 2, 0, "auto", null, false, 0);
        assertEquals(4, run(es, series("val_loss", 1.0, 0.9, 0.95, 0.96, 0.97)));
        assertEquals(3.0, model.weight());
        assertEquals(0, model.restores);
    }

    @Test
    void restoresBestWeightsAlsoWhenNotStopped() {
        EarlyStopping es = new EarlyStopping().patience(5).restoreBestWeights(true);
        assertEquals(3, run(es, series("val_loss", 1.0, 0.5, 0.7)));
        assertEquals(0, es.stoppedEpoch());
        assertEquals(1.0, model.weight());
    }

    @Test
    void autoModeMaximisesAccuracy() {
        EarlyStopping es = new EarlyStopping().monitor("val_accuracy").patience(1);
        assertEquals(3, run(es, series("val_accuracy", 0.5, 0.6, 0.55, 0.58)));
        assertEquals(2, es.stoppedEpoch());
        EarlyStopping auc = new EarlyStopping().monitor("auc").patience(1);
        assertEquals(4, run(auc, series("auc", 0.5, 0.6, 0.7, 0.8)));
    }

    @Test
    void minDeltaMustBeExceeded() {
        EarlyStopping es = new EarlyStopping().minDelta(-0.1).patience(1); // absolute value used
        assertEquals(2, run(es, series("val_loss", 1.0, 0.95, 0.5)));
        assertEquals(1, es.stoppedEpoch());
    }

    @Test
    void baselineKeepsTheWaitRunning() {
        EarlyStopping with = new EarlyStopping().patience(2).baseline(0.5);
        assertEquals(2, run(with, series("val_loss", 0.9, 0.95, 0.97, 0.99)));
        EarlyStopping without = new EarlyStopping().patience(2);
        assertEquals(3, run(without, series("val_loss", 0.9, 0.95, 0.97, 0.99)));
    }

    @Test
    void startFromEpochSkipsWarmUp() {
        EarlyStopping es = new EarlyStopping().monitor("loss").startFromEpoch(2);
        assertEquals(4, run(es, series("loss", 1, 2, 3, 4, 5)));
        assertEquals(3, es.stoppedEpoch());
    }

    @Test
    void maxModeAndMissingMonitor() {
        EarlyStopping es = new EarlyStopping().monitor("score").mode("max").patience(0);
        assertEquals(2, run(es, series("score", 2, 1, 3)));
        EarlyStopping missing = new EarlyStopping().patience(0);
        assertEquals(3, run(missing, series("loss", 1, 2, 3)));
        assertFalse(model.isStopTraining());
    }

    @Test
    void unknownDirectionInAutoModeFails() {
        EarlyStopping es = new EarlyStopping().monitor("my_metric");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(es, series("my_metric", 1)));
        assertEquals(true, e.getMessage().contains("mode(\"max\")"));
    }
}
