package dev.airfoil.training;

import dev.airfoil.callbacks.History;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.pooling.ConvPoolFusion;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Sequential;
import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays whole {@code fit} runs of real Keras 3.15.1 (golden/training/fit_*.json, made by
 * tools/golden_training/gen_fit.py; MLPs, a regression net, a two-output model and a small convnet): same initial weights, same data, no shuffling; the per-epoch
 * logs (loss, metrics, validation), the final weights, {@code evaluate} and {@code predict} must
 * match. Keras computes in float32, so values are compared with a relative tolerance of 1e-4
 * (plus 1e-6 absolute).
 */
class KerasFitGoldenTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    /** A layer of the replayed model: name, units, activation, and its input (null = the model input). */
    private record L(String name, int units, String activation, String from) {
    }

    private static Model build(int inputDim, List<L> layers, List<String> outputs) {
        KerasTensor in = Input.shape(inputDim);
        Map<String, KerasTensor> t = new HashMap<>();
        for (L l : layers) {
            KerasTensor src = l.from() == null ? in : t.get(l.from());
            t.put(l.name(), new Dense(l.units(), l.activation(), l.name()).apply(src));
        }
        List<KerasTensor> outs = new ArrayList<>();
        for (String o : outputs) {
            outs.add(t.get(o));
        }
        return new Model(List.of(in), outs);
    }

    private static Tensor matrix(JsonNode rows) {
        int n = rows.size();
        if (n > 0 && rows.get(0).isArray()) {
            int m = rows.get(0).size();
            float[] d = new float[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    d[i * m + j] = (float) rows.get(i).get(j).asDouble();
                }
            }
            return Tensor.wrap(d, n, m);
        }
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) rows.get(i).asDouble();
        }
        return Tensor.wrap(d, n);
    }

    private static Tensor nested(JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        JsonNode cur = node;
        while (cur.isArray()) {
            shape.add(cur.size());
            cur = cur.size() > 0 ? cur.get(0) : null;
            if (cur == null) {
                break;
            }
        }
        List<Float> flat = new ArrayList<>();
        flatten(node, flat);
        float[] d = new float[flat.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = flat.get(i);
        }
        return Tensor.wrap(d, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void flatten(JsonNode n, List<Float> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add((float) n.asDouble());
        }
    }

    private static List<Tensor> weights(JsonNode list) {
        List<Tensor> w = new ArrayList<>();
        list.forEach(x -> w.add(nested(x)));
        return w;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= ATOL + RTOL * Math.abs(expected),
                what + ": Keras " + expected + ", Airfoil " + actual);
    }

    private static void assertTensorClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.size(), actual.size(), what + " size");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertClose(e[i], a[i], what + "[" + i + "]");
        }
    }

    private static void compileFrom(Model model, JsonNode run, Object loss, Object lossWeights, Object metrics) {
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", run.get("optimizer_class").asText());
        opt.put("config", Golden.map(run.get("optimizer_config")));
        CompileOptions.Builder b = CompileOptions.builder().optimizer(Optimizers.get(opt)).loss(loss);
        if (lossWeights != null) {
            b.lossWeights(lossWeights);
        }
        if (metrics instanceof Map) {
            b.metricsPerOutput(metrics);
        } else {
            b.metrics(((List<?>) metrics).toArray());
        }
        model.compile(b.build());
    }

    private static void checkRun(JsonNode run, Model model, History h, Object evalX, Object evalY, Tensor predictX) {
        String id = run.has("id") ? run.get("id").asText() : "run";
        JsonNode hist = run.get("history");
        for (var it = hist.properties().iterator(); it.hasNext();) {
            var e = it.next();
            List<Double> ours = h.history().get(e.getKey());
            assertTrue(ours != null, id + ": missing log '" + e.getKey() + "'; ours: " + h.history().keySet());
            for (int i = 0; i < e.getValue().size(); i++) {
                assertClose(e.getValue().get(i).asDouble(), ours.get(i), id + " epoch " + (i + 1) + " " + e.getKey());
            }
        }
        assertEquals(hist.size(), h.history().size(), id + ": log keys " + h.history().keySet());
        List<Tensor> finalW = weights(run.get("final_weights"));
        List<Tensor> ours = model.getWeights();
        for (int i = 0; i < finalW.size(); i++) {
            assertTensorClose(finalW.get(i), ours.get(i), id + " final weight " + i);
        }
        Map<String, Double> eval = model.evaluate(evalX, evalY, run.get("evaluate").get("batch_size").asInt(), null, List.of());
        for (var it = run.get("evaluate").get("return_dict").properties().iterator(); it.hasNext();) {
            var e = it.next();
            assertClose(e.getValue().asDouble(), eval.get(e.getKey()), id + " evaluate " + e.getKey());
        }
        JsonNode pred = run.get("predict_first");
        if (pred != null && pred.has("values")) {
            int n = pred.get("n").asInt();
            List<Tensor> p = model.predict(List.of(predictX.slice(0, 0, n)), 32);
            JsonNode values = pred.get("values");
            if (values.isObject()) {
                // several outputs: Keras's predict returns them in model output order
                for (int i = 0; i < p.size(); i++) {
                    String out = model.outputNames().get(i);
                    assertTensorClose(nested(values.get(out)), p.get(i), id + " predict " + out);
                }
            } else {
                assertTensorClose(nested(values), p.get(0), id + " predict");
            }
        }
    }

    static Stream<Arguments> classifierRuns() {
        JsonNode root = Golden.read("/golden/training/fit_mlp_classifier.json");
        List<Arguments> out = new ArrayList<>();
        root.get("runs").forEach(r -> out.add(Arguments.of(r.get("id").asText(), root, r)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifierRuns")
    void mlpClassifier(String id, JsonNode root, JsonNode run) {
        Model model = build(8, List.of(new L("hidden", 16, "relu", null), new L("output", 3, "softmax", "hidden")),
                List.of("output"));
        model.setWeights(weights(root.get("initial_weights")));
        compileFrom(model, run, "sparse_categorical_crossentropy", null, List.of("accuracy"));
        Tensor x = matrix(root.get("x"));
        Tensor y = matrix(root.get("y")).cast(DType.INT64);
        FitOptions.Builder fit = FitOptions.builder().epochs(4).batchSize(run.get("batch_size").asInt()).shuffle(false)
                .verbose(0).validationSplit(run.get("validation_split").asDouble());
        if (run.hasNonNull("class_weight")) {
            Map<Integer, Double> cw = new HashMap<>();
            run.get("class_weight").properties().forEach(e -> cw.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
            fit.classWeight(cw);
        }
        History h = model.fit(x, y, fit.build());
        checkRun(run, model, h, x, y, x);
    }

    static Stream<Arguments> regressionRuns() {
        JsonNode root = Golden.read("/golden/training/fit_regression.json");
        List<Arguments> out = new ArrayList<>();
        root.get("runs").forEach(r -> out.add(Arguments.of(r.get("id").asText(), root, r)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionRuns")
    void regression(String id, JsonNode root, JsonNode run) {
        Model model = build(5, List.of(new L("hidden", 8, "tanh", null), new L("output", 1, null, "hidden")),
                List.of("output"));
        model.setWeights(weights(root.get("initial_weights")));
        JsonNode compile = run.get("compile");
        compileFrom(model, run, compile.get("loss").asText(), null, Golden.list(compile.get("metrics")));
        Tensor x = matrix(root.get("x"));
        Tensor y = nested(root.get("y"));
        Tensor xv = matrix(root.get("x_val"));
        Tensor yv = nested(root.get("y_val"));
        FitOptions.Builder fit = FitOptions.builder().epochs(4).batchSize(run.get("batch_size").asInt()).shuffle(false)
                .verbose(0).validationData(xv, yv);
        if (run.get("train_sample_weight").asBoolean()) {
            fit.sampleWeight(matrix(root.get("sample_weight")));
        }
        History h = model.fit(x, y, fit.build());
        checkRun(run, model, h, xv, yv, xv);
    }

    @Test
    void twoOutputs() {
        JsonNode root = Golden.read("/golden/training/fit_multi_output.json");
        JsonNode run = root.get("run");
        Model model = build(6, List.of(new L("shared", 8, "relu", null), new L("main_output", 1, "sigmoid", "shared"),
                new L("aux_output", 2, null, "shared")), List.of("main_output", "aux_output"));
        model.setWeights(weights(root.get("initial_weights")));
        JsonNode compile = root.get("compile");
        compileFrom(model, run, Golden.map(compile.get("loss")), Golden.map(compile.get("loss_weights")),
                Golden.map(compile.get("metrics")));
        Tensor x = matrix(root.get("x"));
        Map<String, Object> y = new LinkedHashMap<>();
        root.get("y").properties().forEach(e -> y.put(e.getKey(), nested(e.getValue())));
        History h = model.fit(x, y, FitOptions.builder().epochs(4).batchSize(run.get("batch_size").asInt())
                .shuffle(false).verbose(0).validationSplit(run.get("validation_split").asDouble()).build());
        checkRun(run, model, h, x, y, x);
    }

    /**
     * A convnet whose two convolution + max pooling pairs Airfoil runs fused (in a functional model and
     * in a Sequential one): Keras's training trajectory, evaluation and predictions, and the fused
     * primitive really ran.
     */
    @ParameterizedTest(name = "sequential={0}")
    @ValueSource(booleans = {false, true})
    void convnetWithFusedConvolutionAndPooling(boolean sequential) {
        JsonNode root = Golden.read("/golden/training/fit_convnet.json");
        JsonNode run = root.get("run");
        List<Layer> layers = List.of(new Conv2D(Conv2D.builder(4, 3).activation("relu").name("conv1")),
                new MaxPooling2D(new int[] {2}, null, "valid", null, "pool1"),
                new Conv2D(Conv2D.builder(6, 2).activation("relu").name("conv2")),
                new MaxPooling2D(new int[] {2}, null, "valid", null, "pool2"),
                new Flatten("flatten"), new Dense(3, "softmax", "output"));
        Model model;
        if (sequential) {
            Sequential seq = new Sequential();
            seq.add(Input.shape(10, 10, 1));
            layers.forEach(seq::add);
            model = seq;
        } else {
            KerasTensor in = Input.shape(10, 10, 1);
            KerasTensor t = in;
            for (Layer l : layers) {
                t = l.apply(t);
            }
            model = new Model(in, t);
        }
        model.setWeights(weights(root.get("initial_weights")));
        compileFrom(model, run, "sparse_categorical_crossentropy", null, List.of("accuracy"));
        Tensor x = nested(root.get("x"));
        Tensor y = matrix(root.get("y"));
        History h = model.fit(x, y, FitOptions.builder().epochs(4).batchSize(run.get("batch_size").asInt())
                .shuffle(false).verbose(0).validationSplit(run.get("validation_split").asDouble()).build());
        checkRun(run, model, h, x, y, x);
        assertTrue(ConvPoolFusion.applies(layers.get(0), layers.get(1), x), "conv1 + pool1 run fused");
        Tensor pooled = layers.get(1).apply(layers.get(0).apply(x, false), false);
        assertTrue(ConvPoolFusion.applies(layers.get(2), layers.get(3), pooled), "conv2 + pool2 run fused");
    }

    static Stream<Arguments> accuracyRuns() {
        JsonNode root = Golden.read("/golden/training/fit_accuracy_resolution.json");
        List<Arguments> out = new ArrayList<>();
        root.get("runs").forEach(r -> out.add(Arguments.of(r.get("id").asText(), root, r)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accuracyRuns")
    void accuracyResolvesByLoss(String id, JsonNode root, JsonNode run) {
        boolean binary = run.get("compile").get("loss").asText().equals("binary_crossentropy");
        Model model = binary
                ? build(8, List.of(new L("hidden", 16, "relu", null), new L("output", 1, "sigmoid", "hidden")), List.of("output"))
                : build(8, List.of(new L("hidden", 16, "relu", null), new L("output", 3, "softmax", "hidden")), List.of("output"));
        // the run names the root entries holding its initial weights and targets
        model.setWeights(weights(root.get(run.get("initial_weights").asText())));
        JsonNode compile = run.get("compile");
        compileFrom(model, run, compile.get("loss").asText(), null, Golden.list(compile.get("metrics")));
        Tensor x = matrix(root.get("x"));
        Tensor y = nested(root.get(run.get("y").asText()));
        History h = model.fit(x, y, FitOptions.builder().epochs(4).batchSize(run.get("batch_size").asInt()).shuffle(false)
                .verbose(0).validationSplit(run.get("validation_split").asDouble()).build());
        checkRun(run, model, h, x, y, x);
    }
}
