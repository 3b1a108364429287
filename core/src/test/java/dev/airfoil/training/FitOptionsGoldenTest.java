package dev.airfoil.training;

import dev.airfoil.callbacks.CSVLogger;
import dev.airfoil.callbacks.Callback;
import dev.airfoil.callbacks.EarlyStopping;
import dev.airfoil.callbacks.History;
import dev.airfoil.callbacks.LearningRateScheduler;
import dev.airfoil.callbacks.ModelCheckpoint;
import dev.airfoil.callbacks.ReduceLROnPlateau;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.losses.Loss;
import dev.airfoil.losses.SparseCategoricalCrossentropy;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays {@code golden/training/fit_options.json} (tools/golden_training/gen_fit_options.py,
 * Keras 3.15.1): one small classifier trained with one fit option changed per case
 * (initial_epoch, steps_per_epoch, weighted validation_data, validation_freq,
 * validation_batch_size, validation_freq with initial_epoch, weighted_metrics, a
 * LearningRateScheduler, ReduceLROnPlateau, EarlyStopping restoring weights, a summed loss,
 * CSVLogger, class_weight with sample_weight). The per-batch and per-epoch logs, the epochs run, the optimizer steps, the final
 * weights and the CSV text must match Keras (relative 1e-4, as {@link KerasFitGoldenTest}).
 */
class FitOptionsGoldenTest {
    private static final String RESOURCE = "/golden/training/fit_options.json";
    private static final JsonNode ROOT = Golden.read(RESOURCE);
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    @TempDir
    Path dir;

    static Stream<JsonNode> cases() {
        return Golden.cases(RESOURCE);
    }

    private static Tensor floats(String key) {
        double[] d = Golden.doubles(flat(ROOT.get(key)));
        int rows = ROOT.get(key).size();
        return ROOT.get(key).get(0).isArray() ? Tensor.of(d, rows, d.length / rows).cast(DType.FLOAT32)
                : Tensor.of(d, rows).cast(DType.FLOAT32);
    }

    private static Tensor labels(String key) {
        return Tensor.of(Golden.doubles(ROOT.get(key)), ROOT.get(key).size()).cast(DType.INT64);
    }

    /** The weights as an (n, 1) column when the case's description says so. */
    private static Tensor column(Tensor w, JsonNode description) {
        return description.asString().endsWith("as a column") || description.asString().endsWith("(n, 1)")
                ? w.reshape(w.shape()[0], 1) : w;
    }

    private static JsonNode flat(JsonNode nested) {
        tools.jackson.databind.node.ArrayNode out = tools.jackson.databind.json.JsonMapper.shared().createArrayNode();
        nested.forEach(row -> {
            if (row.isArray()) {
                row.forEach(out::add);
            } else {
                out.add(row);
            }
        });
        return out;
    }

    private static Sequential model(JsonNode c) {
        Sequential m = new Sequential(List.of(new Dense(6, "tanh", "dense"), new Dense(3, "softmax", "dense_1")),
                "sequential");
        m.build(new int[] {-1, 4});
        List<Tensor> init = new ArrayList<>();
        for (JsonNode w : ROOT.get("initial_weights")) {
            double[] d = Golden.doubles(flat(w));
            init.add(w.get(0).isArray() ? Tensor.of(d, w.size(), d.length / w.size()).cast(DType.FLOAT32)
                    : Tensor.of(d, w.size()).cast(DType.FLOAT32));
        }
        m.setWeights(init);
        Object loss = c.get("compile").get("loss").asString().startsWith("SparseCategoricalCrossentropy")
                ? new SparseCategoricalCrossentropy(false, null, -1, null, Loss.SUM)
                : "sparse_categorical_crossentropy";
        JsonNode compile = c.get("compile");
        CompileOptions.Builder b = CompileOptions.builder()
                .optimizer(new Adam(compile.get("optimizer").asString().equals("Adam(0.3)") ? 0.3 : 0.01))
                .loss(loss).metrics("accuracy");
        if (compile.has("weighted_metrics") && !compile.get("weighted_metrics").isNull()) {
            List<Object> weighted = new ArrayList<>();
            compile.get("weighted_metrics").forEach(w -> weighted.add(w.asString()));
            b.weightedMetrics(weighted.toArray());
        }
        m.compile(b.build());
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(JsonNode c) throws Exception {
        String id = c.get("id").asString();
        JsonNode fit = c.get("fit");
        Sequential m = model(c);
        List<Double> batchLosses = new ArrayList<>();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                batchLosses.add(logs.get("loss"));
            }
        });
        Path csv = dir.resolve(id + ".csv");
        if (fit.has("callbacks")) {
            switch (fit.get("callbacks").asString()) {
                case "lr_scheduler":
                    callbacks.add(new LearningRateScheduler((epoch, lr) -> epoch >= 2 ? lr * 0.5 : lr));
                    break;
                case "csv_logger":
                    callbacks.add(new CSVLogger(csv.toString()));
                    break;
                case "checkpoint_batches":
                    callbacks.add(new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.weights.safetensors").toString())
                            .saveWeightsOnly(true).saveFreq(4));
                    break;
                case "reduce_lr":
                    callbacks.add(new ReduceLROnPlateau().monitor("loss").factor(0.5).patience(0).minDelta(0.12));
                    break;
                case "early_stopping":
                    callbacks.add(new EarlyStopping().monitor("val_loss").patience(2).restoreBestWeights(true));
                    break;
                default:
                    throw new AssertionError("unknown callbacks " + fit.get("callbacks"));
            }
        }
        FitOptions.Builder b = FitOptions.builder().batchSize(16).shuffle(false).verbose(0)
                .epochs(fit.get("epochs").asInt()).callbacks(callbacks);
        if (fit.has("initial_epoch")) b.initialEpoch(fit.get("initial_epoch").asInt());
        if (fit.has("steps_per_epoch")) b.stepsPerEpoch(fit.get("steps_per_epoch").asInt());
        if (fit.has("validation_freq")) b.validationFreq(fit.get("validation_freq").asInt());
        if (fit.has("validation_split")) b.validationSplit(fit.get("validation_split").asDouble());
        if (fit.has("validation_batch_size")) b.validationBatchSize(fit.get("validation_batch_size").asInt());
        if (fit.has("sample_weight")) b.sampleWeight(column(floats("sample_weight"), fit.get("sample_weight")));
        if (fit.has("class_weight")) {
            Map<Integer, Double> cw = new LinkedHashMap<>();
            fit.get("class_weight").properties().forEach(e -> cw.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
            b.classWeight(cw);
        }
        if (fit.has("validation_data")) {
            if (fit.get("validation_data").asString().contains("sw_val")) {
                b.validationData(floats("x_val"), labels("y_val"),
                        column(floats("sample_weight_val"), fit.get("validation_data")));
            } else {
                b.validationData(floats("x_val"), labels("y_val"));
            }
        }
        if (c.has("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.fit(floats("x"), labels("y"), b.build()), id + ": Keras refuses: " + c.get("error"));
            assertTrue(e.getMessage().contains("classWeight") && e.getMessage().contains("sampleWeight"), e.getMessage());
            return;
        }
        History h = m.fit(floats("x"), labels("y"), b.build());

        List<Integer> epochs = new ArrayList<>();
        c.get("epochs_run").forEach(e -> epochs.add(e.asInt()));
        assertEquals(epochs, h.epochs(), id + ": epochs run");
        JsonNode hist = c.get("history");
        assertEquals(hist.size(), h.history().size(), id + ": log keys " + h.history().keySet());
        hist.properties().forEach(e -> {
            List<Double> ours = h.get(e.getKey());
            assertTrue(ours != null, id + ": missing log " + e.getKey() + " in " + h.history().keySet());
            assertEquals(e.getValue().size(), ours.size(), id + ": entries of " + e.getKey());
            for (int i = 0; i < ours.size(); i++) {
                assertClose(e.getValue().get(i).asDouble(), ours.get(i), id + " " + e.getKey() + "[" + i + "]");
            }
        });
        JsonNode batches = c.get("train_batches");
        assertEquals(batches.size(), batchLosses.size(), id + ": training batches " + batchLosses);
        for (int i = 0; i < batchLosses.size(); i++) {
            assertClose(batches.get(i).get("loss").asDouble(), batchLosses.get(i), id + " batch " + i + " loss");
        }
        assertEquals(c.get("optimizer_iterations").asLong(), m.optimizer().iterations(), id + ": optimizer steps");
        List<Tensor> ours = m.getWeights();
        JsonNode fw = c.get("final_weights");
        for (int i = 0; i < fw.size(); i++) {
            double[] want = Golden.doubles(flat(fw.get(i)));
            double[] got = ours.get(i).toDoubleArray();
            for (int j = 0; j < want.length; j++) {
                assertClose(want[j], got[j], id + " final weight " + i + "[" + j + "]");
            }
        }
        if (c.has("checkpoint_files")) {
            List<String> want = new ArrayList<>();
            c.get("checkpoint_files").forEach(f -> want.add(f.asString().replace(".weights.h5", ".weights.safetensors")));
            List<String> got;
            try (Stream<Path> files = Files.list(dir)) {
                got = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertEquals(want, got, id + ": checkpoint files");
        }
        if (c.has("csv_text")) {
            checkCsv(c.get("csv_text").asString(), Files.readString(csv, StandardCharsets.UTF_8), id);
        }
        if (c.has("evaluate")) {
            checkEvaluate(c.get("evaluate"), m.evaluate(floats("x_val"), labels("y_val"), 5, null, List.of()), id);
            checkEvaluate(c.get("evaluate_weighted"),
                    m.evaluate(floats("x_val"), labels("y_val"), 5, floats("sample_weight_val"), List.of()), id + " weighted");
            double[] want = Golden.doubles(flat(c.get("predict")));
            double[] got = m.predict(floats("x_val"), 5).toDoubleArray();
            assertEquals(want.length, got.length, id + ": predict size");
            for (int j = 0; j < want.length; j++) {
                assertClose(want[j], got[j], id + " predict[" + j + "]");
            }
        }
    }

    /** Keras's class_weight_to_sample_weights gives [2, 1, 1, 2] for these labels and {0: 2, 1: 3}. */
    @org.junit.jupiter.api.Test
    void classWeightsRoundLabelsHalfToEvenAndDefaultToOne() {
        Tensor y = Tensor.of(new double[] {0.5, 1.5, 2.5, 0.4}, 4, 1).cast(DType.FLOAT32);
        Tensor w = DataAdapter.classWeights(Map.of(0, 2.0, 1, 3.0), y);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 1, 1, 2}, w.toDoubleArray());
    }

    @org.junit.jupiter.api.Test
    void validationFreqMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.builder().validationFreq(0));
        assertTrue(e.getMessage().contains("validation_freq must be a positive integer") && e.getMessage().contains("got 0"),
                e.getMessage());
    }

    /**
     * Same header, epochs and line ends (Python's csv module ends lines in \r\n); each number within
     * tolerance (Keras's metrics are float32 written as float64 repr, Airfoil's accumulate in float64).
     */
    private static void checkCsv(String want, String got, String id) {
        String[] w = want.split("\r\n", -1);
        String[] g = got.split("\r\n", -1);
        assertEquals(w.length, g.length, id + ": CSV lines\n" + got);
        assertEquals(w[0], g[0], id + ": CSV header");
        for (int i = 1; i < w.length; i++) {
            String[] wf = w[i].split(",", -1);
            String[] gf = g[i].split(",", -1);
            assertEquals(wf.length, gf.length, id + ": CSV fields on line " + i + ": " + g[i]);
            assertEquals(wf[0], gf[0], id + ": CSV epoch on line " + i);
            for (int j = 1; j < wf.length; j++) {
                if (!wf[j].equals(gf[j])) { // "NA" and other text must be identical
                    assertTrue(!wf[j].equals("NA") && !gf[j].equals("NA"), id + " CSV " + i + ":" + j + ": " + g[i]);
                    assertClose(Double.parseDouble(wf[j]), Double.parseDouble(gf[j]), id + " CSV " + i + ":" + j);
                }
            }
        }
    }

    private static void checkEvaluate(JsonNode want, Map<String, Double> got, String id) {
        assertEquals(want.size(), got.size(), id + ": evaluate keys " + got.keySet());
        want.properties().forEach(e -> assertClose(e.getValue().asDouble(), got.get(e.getKey()), id + " evaluate " + e.getKey()));
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= ATOL + RTOL * Math.abs(expected),
                what + ": Keras " + expected + ", Airfoil " + actual);
    }
}
