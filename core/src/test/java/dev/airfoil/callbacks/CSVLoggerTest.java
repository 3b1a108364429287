package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.airfoil.callbacks.ProgbarTest.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CSVLoggerTest {
    @TempDir
    Path dir;

    final FakeModel model = new FakeModel();

    static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void writesSortedHeaderAndFlushesEveryEpoch() throws Exception {
        Path file = dir.resolve("log.csv");
        CSVLogger csv = new CSVLogger(file.toString());
        CallbackList cbs = new CallbackList(List.of(csv));
        cbs.setModel(model);
        cbs.onTrainBegin(null);
        cbs.onEpochEnd(0, logs("val_loss", 0.125, "loss", 0.30120000243186951, "accuracy", 0.25));
        assertEquals("epoch,accuracy,loss,val_loss\r\n0,0.25,0.3012000024318695,0.125\r\n", read(file));
        cbs.onEpochEnd(1, logs("loss", Double.NaN, "accuracy", 1e-5));
        cbs.onTrainEnd(null);
        assertEquals("epoch,accuracy,loss,val_loss\r\n0,0.25,0.3012000024318695,0.125\r\n1,1e-05,nan,NA\r\n",
                read(file));
    }

    @Test
    void appendContinuesWithoutASecondHeader() throws Exception {
        Path file = dir.resolve("log.csv");
        for (int run = 0; run < 2; run++) {
            CSVLogger csv = new CSVLogger(file.toString(), ",", true);
            model.run(new CallbackList(List.of(csv)), List.of(Map.of("loss", 0.5), Map.of("loss", 0.25)));
        }
        // Keras 3.15.1 adds val_ columns when the first epoch has none (written NA)
        assertEquals("epoch,loss,val_loss\r\n0,0.5,NA\r\n1,0.25,NA\r\n0,0.5,NA\r\n1,0.25,NA\r\n", read(file));

        model.run(new CallbackList(List.of(new CSVLogger(file, ";", false))), List.of(logs("loss", 1, "a;b", 2)));
        assertEquals("epoch;\"a;b\";loss;\"val_a;b\";val_loss\r\n0;2.0;1.0;NA;NA\r\n", read(file));
    }

    @Test
    void appendToAnEmptyFileWritesTheHeader() throws Exception {
        Path file = dir.resolve("empty.csv");
        Files.createFile(file);
        model.run(new CallbackList(List.of(new CSVLogger(file.toString(), ",", true))), List.of(Map.of("loss", 2.0)));
        assertEquals("epoch,loss,val_loss\r\n0,2.0,NA\r\n", read(file));
    }
}
