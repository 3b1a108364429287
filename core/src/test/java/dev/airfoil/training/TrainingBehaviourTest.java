package dev.airfoil.training;

import dev.airfoil.callbacks.History;
import dev.airfoil.data.TensorDataset;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train_on_batch / test_on_batch against Keras, bad input caught before the first step, custom train steps and datasets. */
class TrainingBehaviourTest {

    private static Model classifier() {
        KerasTensor in = Input.shape(8);
        KerasTensor h = new Dense(16, "relu", "hidden").apply(in);
        return new Model(in, new Dense(3, "softmax", "output").apply(h));
    }

    private static Tensor rows(JsonNode m, int from, int to) {
        int cols = m.get(0).isArray() ? m.get(0).size() : 0;
        float[] d = new float[(to - from) * Math.max(1, cols)];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (cols == 0) {
                d[k++] = (float) m.get(i).asDouble();
            } else {
                for (int j = 0; j < cols; j++) {
                    d[k++] = (float) m.get(i).get(j).asDouble();
                }
            }
        }
        return cols == 0 ? Tensor.wrap(d, to - from) : Tensor.wrap(d, to - from, cols);
    }

    private static List<Tensor> weights(JsonNode list) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode w : list) {
            if (w.get(0).isArray()) {
                out.add(rows(w, 0, w.size()));
            } else {
                out.add(rows(w, 0, w.size()));
            }
        }
        return out;
    }

    @Test
    void trainOnBatchAndTestOnBatchMatchKeras() {
        JsonNode root = Golden.read("/golden/training/fit_mlp_classifier.json");
        JsonNode rec = root.get("train_on_batch_adam");
        Model model = classifier();
        model.setWeights(weights(root.get("initial_weights")));
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", "Adam");
        opt.put("config", Golden.map(rec.get("optimizer_config")));
        model.compile(CompileOptions.builder().optimizer(Optimizers.get(opt)).loss("sparse_categorical_crossentropy")
                .metrics("accuracy").build());
        JsonNode x = root.get("x");
        JsonNode y = root.get("y");
        for (JsonNode step : rec.get("train_on_batch")) {
            int a = step.get("rows").get(0).asInt();
            int b = step.get("rows").get(1).asInt();
            Map<String, Double> logs = model.trainOnBatch(rows(x, a, b), rows(y, a, b).cast(DType.INT64));
            assertEquals(step.get("result").get("loss").asDouble(), logs.get("loss"), 1e-5);
            assertEquals(step.get("result").get("accuracy").asDouble(), logs.get("accuracy"), 1e-6);
            List<Tensor> expected = weights(step.get("weights_after"));
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(expected.get(i).allClose(model.getWeights().get(i), 1e-5, 1e-6), "weight " + i + " after rows " + a);
            }
        }
        for (JsonNode step : rec.get("test_on_batch")) {
            int a = step.get("rows").get(0).asInt();
            int b = step.get("rows").get(1).asInt();
            Map<String, Double> logs = model.testOnBatch(rows(x, a, b), rows(y, a, b).cast(DType.INT64));
            assertEquals(step.get("result").get("loss").asDouble(), logs.get("loss"), 1e-5);
            assertEquals(step.get("result").get("accuracy").asDouble(), logs.get("accuracy"), 1e-6);
        }
    }

    private static Model compiled() {
        Model m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        return m;
    }

    private static String failure(Runnable r) {
        return assertThrows(RuntimeException.class, r::run).getMessage();
    }

    @Test
    void badInputStopsBeforeTheFirstStepWithAClearMessage() {
        Model m = compiled();
        List<Tensor> before = m.getWeights();
        Tensor x = Tensor.ones(10, 8);
        Tensor y = Tensor.zeros(DType.INT64, 10);
        FitOptions quiet = FitOptions.builder().verbose(0).build();
        assertTrue(failure(() -> m.fit(Tensor.ones(0, 8), Tensor.zeros(DType.INT64, 0), quiet)).contains("empty"));
        assertTrue(failure(() -> m.fit(x, Tensor.zeros(DType.INT64, 9), quiet)).contains("different numbers of samples"));
        String labels = failure(() -> m.fit(x, Tensor.full(DType.INT64, 3, 10), quiet));
        assertTrue(labels.contains("[0, 3)") && labels.contains("output"), labels);
        assertTrue(failure(() -> m.fit(x, y, FitOptions.builder().batchSize(0).verbose(0).build())).contains("batch_size"));
        assertTrue(failure(() -> m.fit(x, y, FitOptions.builder().validationSplit(0.95).verbose(0).build()))
                .contains("leaves no training"));
        String rank = failure(() -> m.fit(x, Tensor.zeros(DType.INT64, 10, 4, 2), quiet));
        assertTrue(rank.contains("output") && rank.contains("(10, 4, 2)"), rank);
        assertTrue(failure(() -> classifier().fit(x, y, quiet)).contains("compile"));
        List<Tensor> after = m.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).allClose(after.get(i), 0, 0), "weights changed by a rejected fit");
        }
    }

    @Test
    void missingFeaturesOrOutputAreClearErrorsNotNullPointers() {
        Model m = compiled();
        Tensor y = Tensor.zeros(DType.INT64, 10);
        FitOptions quiet = FitOptions.builder().verbose(0).build();
        for (Runnable r : List.<Runnable>of(() -> m.fit(null, y, quiet), () -> m.evaluate(null, y),
                () -> m.trainOnBatch(null, y), () -> m.testOnBatch(null, y))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().endsWith(": x is missing; pass the features (one array per model input)"),
                    e.getMessage());
        }
        KerasTensor in = Input.shape(8);
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class, () -> new Model(in, null));
        assertEquals("Model: the output is null; pass the KerasTensor returned by the last layer's apply(...)",
                out.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Model(null, in)).getMessage()
                .startsWith("Model: the input is null"));
    }

    /** A custom training step, as Keras's train_step override: here it doubles the gradient step by training twice. */
    static final class TwiceModel extends Sequential {
        int steps;

        TwiceModel() {
            super(new Dense(1));
        }

        @Override
        public Map<String, Double> trainStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
            steps++;
            super.trainStep(x, y, sampleWeight);
            return super.trainStep(x, y, sampleWeight);
        }
    }

    @Test
    void customTrainStepIsUsedByFit() {
        TwiceModel m = new TwiceModel();
        m.compile(Optimizers.get("sgd"), "mse");
        Tensor x = Tensor.randomNormal(1, 0, 1, 20, 3);
        Tensor y = x.sum(new int[] {1}, true);
        m.fit(x, y, FitOptions.builder().epochs(2).batchSize(5).verbose(0).build());
        assertEquals(8, m.steps);
        assertEquals(16, m.optimizer().iterations());
    }

    @Test
    void fitOnADatasetLearnsAndIsReproducible() {
        Tensor x = Tensor.randomNormal(3, 0, 1, 200, 8);
        Tensor y = x.slice(1, 0, 1).gt(0).cast(DType.INT64).reshape(200);
        List<List<Tensor>> finals = new ArrayList<>();
        double lastLoss = 0;
        double firstLoss = 0;
        for (int rep = 0; rep < 2; rep++) {
            dev.airfoil.utils.Seeds.setGlobalSeed(5);
            Model m = compiled();
            TensorDataset data = TensorDataset.of(x, y).batch(16).shuffle(11);
            History h = m.fit(data, FitOptions.builder().epochs(6).verbose(0).build());
            List<Double> loss = h.history().get("loss");
            assertTrue(loss.get(5) < loss.get(0), "loss falls: " + loss);
            lastLoss = loss.get(5);
            firstLoss = loss.get(0);
            finals.add(m.getWeights());
        }
        assertSameWeights(finals.get(0), finals.get(1), "same seeds, same weights");
        assertTrue(lastLoss < 0.8 * firstLoss, "learned: " + firstLoss + " -> " + lastLoss);
    }

    @Test
    void fitOnUnshuffledRowViewsTrainsAsOnCopiedBatches() {
        // fit reads unshuffled batches in place (row views of the data); the same steps on copied batches
        Tensor x = Tensor.randomNormal(4, 0, 1, 70, 8);
        Tensor y = x.slice(1, 2, 3).gt(0).cast(DType.INT64).reshape(70);
        dev.airfoil.utils.Seeds.setGlobalSeed(6);
        Model viaFit = compiled();
        viaFit.fit(TensorDataset.of(x, y).batch(16), FitOptions.builder().epochs(2).verbose(0).build());
        dev.airfoil.utils.Seeds.setGlobalSeed(6);
        Model viaCopies = compiled();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int start = 0; start < 70; start += 16) {
                int stop = Math.min(70, start + 16);
                viaCopies.trainOnBatch(x.slice(0, start, stop), y.slice(0, start, stop));
            }
        }
        assertSameWeights(viaFit.getWeights(), viaCopies.getWeights(), "weights bit for bit");
    }

    /** Every weight of {@code a} equal to its counterpart in {@code b}, bit for bit. */
    private static void assertSameWeights(List<Tensor> a, List<Tensor> b, String what) {
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).allClose(b.get(i), 0, 0), what + " (weight " + i + ")");
        }
    }

    /** Records which callback hooks fit called. */
    private static final class HookRecorder extends dev.airfoil.callbacks.Callback {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onTrainBegin(Map<String, Double> logs) {
            calls.add("train_begin");
        }

        @Override
        public void onTrainEnd(Map<String, Double> logs) {
            calls.add("train_end " + logs);
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            calls.add("epoch_begin " + epoch);
        }

        @Override
        public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
            calls.add("batch_begin " + batch);
        }
    }

    @Test
    void fitWithNoEpochsLeftDoesNothingAndReturnsAnEmptyHistoryAsKeras() {
        // Keras 3.15.1: fit(epochs=2, initial_epoch=2), fit(epochs=1, initial_epoch=3), fit(epochs=0) and
        // fit(epochs=-1) call on_train_begin and on_train_end({}) only and return a History with {} and []
        Model m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy");
        Tensor x = Tensor.randomNormal(3, 0, 1, 12, 8);
        Tensor y = Tensor.ofInts(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, 12);
        List<Tensor> before = m.weights().stream().map(w -> w.value().copy()).toList();
        int[][] cases = {{2, 2}, {1, 3}, {0, 0}, {-1, 0}};
        for (int[] c : cases) {
            for (int verbose : new int[] {0, 1, 2}) {
                HookRecorder rec = new HookRecorder();
                FitOptions o = FitOptions.builder().epochs(c[0]).initialEpoch(c[1]).batchSize(4).verbose(verbose)
                        .callbacks(rec).build();
                History h = m.fit(x, y, o);
                String what = "epochs=" + c[0] + " initial_epoch=" + c[1] + " verbose=" + verbose;
                assertTrue(h.history().isEmpty(), what + ": " + h.history());
                assertTrue(h.epochs().isEmpty(), what);
                assertEquals(List.of("train_begin", "train_end {}"), rec.calls, what);
                History hd = m.fit(TensorDataset.of(List.of(x), List.of(y)).batch(4), o);
                assertTrue(hd.history().isEmpty() && hd.epochs().isEmpty(), what + " (dataset)");
            }
        }
        assertEquals(0, m.optimizer().iterations());
        for (int i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).allClose(m.weights().get(i).value(), 0, 0), "weight " + i + " changed");
        }
        // the next fit still trains from initial_epoch to epochs
        History h = m.fit(x, y, FitOptions.builder().epochs(3).initialEpoch(2).batchSize(4).verbose(0).build());
        assertEquals(List.of(2), h.epochs());
        assertEquals(3, m.optimizer().iterations());
    }
}
