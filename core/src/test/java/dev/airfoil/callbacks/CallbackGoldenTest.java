package dev.airfoil.callbacks;

import dev.airfoil.models.Model;
import dev.airfoil.optimizers.SGD;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays {@code golden/training/callbacks.json} (tools/golden_training/gen_callbacks.py, Keras
 * 3.15.1): EarlyStopping, ReduceLROnPlateau and ModelCheckpoint driven over scripted epoch logs
 * as fit drives them. Per epoch the stop decision, the learning rate, the {@code learning_rate}
 * log entry, the wait counter and the best value must match Keras; at the end the restored
 * weights (which name their epoch), the verbose text and the checkpoint files written.
 */
class CallbackGoldenTest {
    private static final String RESOURCE = "/golden/training/callbacks.json";

    @TempDir
    Path dir;

    static Stream<JsonNode> cases() {
        return Golden.cases(RESOURCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(JsonNode c) throws Exception {
        String id = c.get("id").asString();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        Callback cb = callback(c, out);
        FakeModel fake = new FakeModel();
        fake.opt = new SGD(Golden.read(RESOURCE).get("learning_rate").asDouble());
        Model model = cb instanceof ModelCheckpoint ? ResumableTrainingMain.model() : fake;

        String key = c.get("monitor_key").asString();
        double[] series = Golden.doubles(c.get("series"));
        int run = 0;
        for (JsonNode expectedRun : c.get("runs")) {
            String where = id + " run " + run++;
            replay(where, cb, model, fake, key, series, c.get("series"), expectedRun.get("epochs"));
            String stdout = text.toString(StandardCharsets.UTF_8);
            text.reset();
            if (cb instanceof ModelCheckpoint) {
                List<Integer> saved = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.filter(p -> p.getFileName().toString().startsWith("ckpt_")).toList()) {
                        saved.add(Integer.parseInt(p.getFileName().toString().substring(5, 7)));
                        Files.delete(p);
                    }
                }
                saved.sort(null);
                List<Integer> want = new ArrayList<>();
                expectedRun.get("saved_epochs").forEach(n -> want.add(n.asInt()));
                assertEquals(want, saved, where + ": checkpoints written");
                stdout = stdout.replace(dir.toString() + java.io.File.separator, "<dir>/")
                        .replace(".weights.safetensors", ".weights.h5");
            } else {
                assertEquals(expectedRun.get("final_weight").asDouble(), fake.weight(),
                        where + ": weights after on_train_end");
            }
            assertEquals(expectedRun.get("stdout").asString(), stdout, where + ": verbose text");
        }
    }

    /** One fit() call as Keras drives the callback: stops after an epoch that set stop_training. */
    private static void replay(String where, Callback cb, Model model, FakeModel fake, String key, double[] series,
            JsonNode rawSeries, JsonNode expected) {
        cb.setModel(model);
        model.setStopTraining(false);
        cb.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> last = new LinkedHashMap<>();
        int epoch = 0;
        for (; epoch < series.length; epoch++) {
            cb.onEpochBegin(epoch, new LinkedHashMap<>());
            fake.weights = List.of(Tensor.scalar(epoch));
            Map<String, Double> logs = new LinkedHashMap<>();
            if (!rawSeries.get(epoch).isNull()) {
                logs.put(key, series[epoch]);
            }
            cb.onEpochEnd(epoch, logs);
            last = logs;
            checkEpoch(where + " epoch " + epoch, expected.get(epoch), cb, model, logs);
            if (model.isStopTraining()) {
                epoch++;
                break;
            }
        }
        cb.onTrainEnd(last);
        assertEquals(expected.size(), epoch, where + ": epochs run");
    }

    private Callback callback(JsonNode c, PrintStream out) {
        JsonNode kw = c.get("kwargs");
        switch (c.get("callback").asString()) {
            case "EarlyStopping": {
                EarlyStopping es = new EarlyStopping().out(out);
                if (kw.has("monitor")) es.monitor(kw.get("monitor").asString());
                if (kw.has("patience")) es.patience(kw.get("patience").asInt());
                if (kw.has("min_delta")) es.minDelta(kw.get("min_delta").asDouble());
                if (kw.has("baseline")) es.baseline(kw.get("baseline").asDouble());
                if (kw.has("restore_best_weights")) es.restoreBestWeights(kw.get("restore_best_weights").asBoolean());
                if (kw.has("start_from_epoch")) es.startFromEpoch(kw.get("start_from_epoch").asInt());
                if (kw.has("mode")) es.mode(kw.get("mode").asString());
                if (kw.has("verbose")) es.verbose(kw.get("verbose").asInt());
                return es;
            }
            case "ReduceLROnPlateau": {
                ReduceLROnPlateau r = new ReduceLROnPlateau().out(out);
                if (kw.has("monitor")) r.monitor(kw.get("monitor").asString());
                if (kw.has("patience")) r.patience(kw.get("patience").asInt());
                if (kw.has("factor")) r.factor(kw.get("factor").asDouble());
                if (kw.has("cooldown")) r.cooldown(kw.get("cooldown").asInt());
                if (kw.has("min_lr")) r.minLr(kw.get("min_lr").asDouble());
                if (kw.has("min_delta")) r.minDelta(kw.get("min_delta").asDouble());
                if (kw.has("mode")) r.mode(kw.get("mode").asString());
                if (kw.has("verbose")) r.verbose(kw.get("verbose").asInt());
                return r;
            }
            case "ModelCheckpoint": {
                ModelCheckpoint m = new ModelCheckpoint(dir.resolve("ckpt_{epoch:02d}.weights.safetensors").toString())
                        .saveWeightsOnly(true).out(out);
                if (kw.has("monitor")) m.monitor(kw.get("monitor").asString());
                if (kw.has("save_best_only")) m.saveBestOnly(kw.get("save_best_only").asBoolean());
                if (kw.has("mode")) m.mode(kw.get("mode").asString());
                if (kw.has("initial_value_threshold")) m.initialValueThreshold(kw.get("initial_value_threshold").asDouble());
                if (kw.has("verbose")) m.verbose(kw.get("verbose").asInt());
                return m;
            }
            default:
                throw new AssertionError("unknown callback " + c.get("callback"));
        }
    }

    private static void checkEpoch(String where, JsonNode e, Callback cb, Model model, Map<String, Double> logs) {
        assertEquals(e.get("stop_training").asBoolean(), model.isStopTraining(), where + ": stop_training");
        if (!(cb instanceof ModelCheckpoint)) { // the checkpointed model has its own optimizer
            assertEquals(e.get("learning_rate").asDouble(), model.optimizer().learningRate(),
                    1e-7 * e.get("learning_rate").asDouble(), where + ": learning rate");
        }
        JsonNode after = e.get("logs_after");
        assertEquals(after.size(), logs.size(), where + ": logs after the callback " + logs);
        after.properties().forEach(p -> assertTrue(logs.containsKey(p.getKey()), where + ": log " + p.getKey()));
        if (after.has("learning_rate")) {
            assertEquals(after.get("learning_rate").asDouble(), logs.get("learning_rate"), 1e-7, where + ": logged lr");
        }
        Double best = bestOf(cb);
        JsonNode wantBest = e.get("best");
        if (best != null && wantBest != null) {
            if (wantBest.isNull()) {
                assertTrue(best.isInfinite(), where + ": no best yet, got " + best);
            } else {
                assertEquals(wantBest.isString() ? Double.parseDouble(wantBest.asString()) : wantBest.asDouble(), best, 1e-12, where + ": best");
            }
        }
        if (e.has("wait") && !e.get("wait").isNull()) {
            int wait = cb instanceof EarlyStopping ? ((EarlyStopping) cb).waitCount() : ((ReduceLROnPlateau) cb).waitCount();
            assertEquals(e.get("wait").asInt(), wait, where + ": wait");
        }
        if (cb instanceof ReduceLROnPlateau) {
            assertEquals(e.get("cooldown_counter").asInt() > 0, ((ReduceLROnPlateau) cb).inCooldown(), where + ": cooldown");
        }
        if (cb instanceof EarlyStopping) {
            assertEquals(e.get("best_epoch").asInt(), ((EarlyStopping) cb).bestEpoch(), where + ": best epoch");
        }
    }

    private static Double bestOf(Callback cb) {
        if (cb instanceof EarlyStopping) {
            return ((EarlyStopping) cb).best();
        }
        if (cb instanceof ReduceLROnPlateau) {
            return ((ReduceLROnPlateau) cb).best();
        }
        if (cb instanceof ModelCheckpoint) {
            return ((ModelCheckpoint) cb).best();
        }
        return null;
    }
}
