package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.airfoil.callbacks.FakeModel.series;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LearningRateSchedulerTest {
    @Test
    void setsTheRateEveryEpochAndLogsIt() {
        FakeModel model = new FakeModel();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LearningRateScheduler cb = new LearningRateScheduler((epoch, lr) -> epoch < 1 ? lr : lr * 0.5, 1)
                .out(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        History h = new History();
        model.run(new CallbackList(List.of(cb, h)), series("loss", 1, 1, 1));
        double a = (float) 0.01;
        double b = (float) (a * 0.5);
        double c = (float) (b * 0.5);
        assertEquals(List.of(a, b, c), h.get("learning_rate"));
        assertEquals("\nEpoch 1: LearningRateScheduler setting learning rate to 0.009999999776482582.\n"
                + "\nEpoch 2: LearningRateScheduler setting learning rate to 0.004999999888241291.\n"
                + "\nEpoch 3: LearningRateScheduler setting learning rate to 0.0024999999441206455.\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
