package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.airfoil.callbacks.FakeModel.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReduceLROnPlateauTest {
    final FakeModel model = new FakeModel();

    History run(ReduceLROnPlateau cb, List<java.util.Map<String, Double>> logs) {
        History h = new History();
        model.run(new CallbackList(List.of(cb, h)), logs);
        return h;
    }

    static double f32(double x) {
        return (float) x;
    }

    @Test
    void reducesAfterPatienceAndLogsTheLearningRate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReduceLROnPlateau cb = new ReduceLROnPlateau().patience(2).factor(0.1).verbose(1)
                .out(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        History h = run(cb, series("val_loss", 1.0, 1.0, 1.0, 1.0));
        double lr0 = f32(0.01);
        assertEquals(List.of(lr0, lr0, lr0, f32(lr0 * 0.1)), h.get("learning_rate"));
        assertEquals(f32(lr0 * 0.1), model.opt.learningRate());
        assertEquals("\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.0009999999776482583.\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cooldownDelaysTheNextReduction() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau("val_loss", 0.5, 1, 0, "auto", 1e-4, 2, 0);
        History h = run(cb, series("val_loss", 1, 1, 1, 1, 1, 1));
        double a = f32(0.01);
        double b = f32(a * 0.5);
        double c = f32(b * 0.5);
        assertEquals(List.of(a, a, b, b, c, c), h.get("learning_rate"));
        assertEquals(f32(c * 0.5), model.opt.learningRate());
    }

    @Test
    void improvementsWithinMinDeltaDoNotCount() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().patience(1).minDelta(0.1);
        History h = run(cb, series("val_loss", 1.0, 0.95, 0.5));
        double a = f32(0.01);
        assertEquals(List.of(a, a, f32(a * 0.1)), h.get("learning_rate"));
    }

    @Test
    void minLrIsAFloor() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().patience(1).minLr(0.005);
        run(cb, series("val_loss", 1, 1, 1, 1));
        assertEquals(f32(0.005), model.opt.learningRate());
    }

    @Test
    void autoModeMaximisesNamesContainingAcc() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau().monitor("val_accuracy").patience(1).minDelta(0);
        History h = run(cb, series("val_accuracy", 0.5, 0.6, 0.6));
        double a = f32(0.01);
        assertEquals(List.of(a, a, a), h.get("learning_rate"));
        assertEquals(f32(a * 0.1), model.opt.learningRate());
    }

    @Test
    void factorMustBeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }
}
