package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.airfoil.callbacks.ProgbarTest.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminateOnNaNTest {
    final FakeModel model = new FakeModel();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void stopsOnNaNAndInf() {
        CallbackList cbs = new CallbackList(List.of(new TerminateOnNaN().out(out)));
        cbs.setModel(model);
        cbs.onTrainBatchEnd(0, logs("loss", 0.5));
        assertFalse(model.isStopTraining());
        cbs.onTrainBatchEnd(1, logs("loss", Double.NaN));
        assertTrue(model.isStopTraining());
        model.setStopTraining(false);
        cbs.onTrainBatchEnd(2, logs("loss", Double.NEGATIVE_INFINITY));
        assertTrue(model.isStopTraining());
        assertEquals("Batch 1: Invalid loss, terminating training\nBatch 2: Invalid loss, terminating training\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void raiseErrorThrows() {
        TerminateOnNaN cb = new TerminateOnNaN(true);
        cb.setModel(model);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cb.onTrainBatchEnd(3, logs("loss", Double.POSITIVE_INFINITY)));
        assertEquals("NaN or Inf loss encountered at batch 3. Loss value: inf. Terminating training immediately.",
                e.getMessage());
        assertFalse(model.isStopTraining());
    }
}
