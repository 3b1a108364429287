package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.airfoil.callbacks.ProgbarTest.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgbarLoggerTest {
    static final String H = "\u2501";
    static final String L = "\u2500";

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final FakeClock clock = new FakeClock();
    final FakeModel model = new FakeModel();

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verbose2PrintsEpochHeaderAndOneLinePerEpoch() {
        ProgbarLogger logger = new ProgbarLogger(out).clock(clock);
        CallbackList cbs = CallbackList.forFit(List.of(logger), model, 2, 3, 2);
        cbs.onTrainBegin(null);
        double t = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            clock.seconds(t);
            cbs.onEpochBegin(epoch, null);
            for (int b = 0; b < 3; b++) {
                cbs.onTrainBatchBegin(b, null);
                cbs.onTrainBatchEnd(b, logs("loss", 0.3, "accuracy", 0.6));
            }
            // validation inside fit is silent
            cbs.onTestBegin(null);
            cbs.onTestBatchEnd(0, logs("loss", 0.1));
            cbs.onTestEnd(logs("loss", 0.1));
            t += epoch + 1;
            clock.seconds(t);
            cbs.onEpochEnd(epoch, logs("accuracy", 0.5, "loss", 0.25, "val_accuracy", 0.75, "val_loss", 0.125));
        }
        cbs.onTrainEnd(null);
        assertEquals("Epoch 1/2\n"
                + "3/3 - 1s - 333ms/step - accuracy: 0.5000 - loss: 0.2500 - val_accuracy: 0.7500 - val_loss: 0.1250\n"
                + "Epoch 2/2\n"
                + "3/3 - 2s - 667ms/step - accuracy: 0.5000 - loss: 0.2500 - val_accuracy: 0.7500 - val_loss: 0.1250\n",
                text());
    }

    @Test
    void autoOnATerminalRedrawsWithSortedBatchLogs() {
        ProgbarLogger logger = new ProgbarLogger(out).clock(clock).interactive(true).colors(false);
        CallbackList cbs = CallbackList.forFit(List.of(logger), model, 1, 2, "auto");
        assertEquals(1, logger.verbose());
        cbs.onTrainBegin(null);
        cbs.onEpochBegin(0, null);
        clock.seconds(0.25);
        cbs.onTrainBatchEnd(0, logs("loss", 0.5, "accuracy", 0.25));
        clock.seconds(0.5);
        cbs.onTrainBatchEnd(1, logs("loss", 0.25, "accuracy", 0.75));
        clock.seconds(1.0);
        cbs.onEpochEnd(0, logs("accuracy", 0.5, "loss", 0.375));
        assertEquals("\r1/2 " + H.repeat(10) + L.repeat(10) + " 0s 250ms/step - accuracy: 0.2500 - loss: 0.5000"
                + "\b".repeat(72) + "\r2/2 " + H.repeat(20) + " 0s 250ms/step - accuracy: 0.5000 - loss: 0.3750"
                + "\b".repeat(72) + "\r2/2 " + H.repeat(20) + " 1s 750ms/step - accuracy: 0.5000 - loss: 0.3750\n",
                text());
    }

    @Test
    void autoWithoutATerminalIsVerbose2AndZeroIsSilent() {
        ProgbarLogger logger = new ProgbarLogger(out).interactive(false);
        logger.setParams(Map.of("verbose", "auto", "epochs", 1, "steps", 1));
        assertEquals(2, logger.verbose());

        ProgbarLogger silent = new ProgbarLogger(out).clock(clock);
        CallbackList cbs = new CallbackList(List.of(silent), false, false, model,
                Map.of("verbose", 0, "epochs", 3, "steps", 2));
        cbs.onTrainBegin(null);
        cbs.onEpochBegin(0, null);
        cbs.onTrainBatchEnd(0, logs("loss", 1));
        cbs.onEpochEnd(0, logs("loss", 1));
        assertEquals("", text());
        assertEquals(null, CallbackList.forFit(List.of(), model, 1, 1, 0).progbar());
    }

    @Test
    void standaloneEvaluateAndPredictShowTheirBar() {
        ProgbarLogger logger = new ProgbarLogger(out).clock(clock);
        CallbackList cbs = CallbackList.forInference(List.of(logger), model, 4, 2);
        cbs.onTestBegin(null);
        for (int b = 0; b < 4; b++) {
            cbs.onTestBatchEnd(b, logs("loss", 0.5));
        }
        clock.seconds(1);
        cbs.onTestEnd(logs("loss", 0.5));
        assertEquals("4/4 - 1s - 250ms/step - loss: 0.5000\n", text());
        bytes.reset();

        cbs.onPredictBegin(null);
        for (int b = 0; b < 4; b++) {
            cbs.onPredictBatchEnd(b, null);
        }
        clock.seconds(3);
        cbs.onPredictEnd(null);
        assertEquals("4/4 - 2s - 500ms/step\n", text());
    }

    @Test
    void unknownStepsAreLearnedInTheFirstEpoch() {
        ProgbarLogger logger = new ProgbarLogger(out).clock(clock);
        CallbackList cbs = CallbackList.forFit(List.of(logger), model, 2, null, 2);
        cbs.onTrainBegin(null);
        for (int epoch = 0; epoch < 2; epoch++) {
            clock.seconds(0);
            cbs.onEpochBegin(epoch, null);
            for (int b = 0; b < 3; b++) {
                cbs.onTrainBatchEnd(b, logs("loss", 0.5));
            }
            clock.seconds(3);
            cbs.onEpochEnd(epoch, logs("loss", 0.5));
        }
        assertEquals("Epoch 1/2\n3/3 - 3s - 1s/step - loss: 0.5000\nEpoch 2/2\n3/3 - 3s - 1s/step - loss: 0.5000\n",
                text());
    }
}
