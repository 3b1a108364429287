package dev.airfoil.models;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Names;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.ActivationLayer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.normalization.BatchNormalization;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model API against real Keras 3.15.1 ({@code golden/model_api.json}, {@code tools/golden/keras_model_api.py}). */
class ModelApiKerasTest {
    private static final JsonNode GOLDEN = Golden.read("/golden/model_api.json");

    @BeforeEach
    void fresh() {
        Names.clearSession();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> paths(List<Variable> vs) {
        return vs.stream().map(Variable::path).toList();
    }

    private static void assertWeights(JsonNode expected, Model model) {
        assertEquals(strings(expected.get("weights")), paths(model.weights()));
        assertEquals(strings(expected.get("trainable_weights")), paths(model.trainableWeights()));
        assertEquals(strings(expected.get("non_trainable_weights")), paths(model.nonTrainableWeights()));
    }

    @Test
    void sharedLayerBatchNormAndNestedModelWeightsInKerasOrder() {
        JsonNode g = GOLDEN.get("shared_nested");
        KerasTensor x = Input.of(new int[] {4}, "x");
        KerasTensor y = Input.of(new int[] {4}, "y");
        Dense dense = new Dense(3);
        KerasTensor normed = new BatchNormalization().apply(new Add().apply(dense.apply(x), dense.apply(y)));
        Sequential inner = new Sequential(new Dense(2), new BatchNormalization());
        Model model = new Model(List.of(x, y), List.of(inner.apply(normed)));
        assertEquals(strings(g.get("layers")), model.layers().stream().map(Layer::name).toList());
        assertEquals(g.get("count_params").asLong(), model.countParams());
        assertWeights(g.get("before"), model);
        inner.setTrainable(false);
        assertWeights(g.get("after_inner_frozen"), model);
    }

    private static Tensor rows(JsonNode nested) {
        List<Object> list = Golden.list(nested);
        int[] shape = Golden.nestedShape(list);
        double[] flat = new double[shape[0] * shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            double[] row = Golden.doubles(nested.get(i));
            System.arraycopy(row, 0, flat, i * shape[1], shape[1]);
        }
        return Tensor.of(flat, shape).cast(dev.airfoil.tensor.DType.FLOAT32);
    }

    private static FitOptions quiet(int epochs) {
        return FitOptions.builder().epochs(epochs).batchSize(32).verbose(0).shuffle(false).build();
    }

    /** Keras fits a frozen model: loss as usual, nothing updated. Airfoil threw from the autodiff engine. */
    @Test
    void fitOfAFrozenModelComputesTheLossAndUpdatesNothing() {
        JsonNode g = GOLDEN.get("frozen_fit");
        Sequential model = new Sequential();
        model.add(Input.shape(3));
        Dense dense = new Dense(1);
        model.add(dense);
        dense.setWeights(List.of(Tensor.ones(3, 1), Tensor.zeros(1)));
        model.setTrainable(false);
        model.compile("sgd", "mse");
        Tensor x = rows(g.get("x"));
        List<Double> loss = model.fit(x, Tensor.zeros(4, 1), quiet(2)).history().get("loss");
        assertArrayEquals(Golden.doubles(g.get("loss")), loss.stream().mapToDouble(Double::doubleValue).toArray(), 1e-4);
        assertArrayEquals(Golden.doubles(g.get("kernel_after")), dense.kernel().value().toDoubleArray(), 0);
        assertEquals(strings(g.get("trainable_weights")), paths(model.trainableWeights()));
    }

    private static Sequential twoDense() {
        Sequential model = new Sequential();
        model.add(Input.shape(3));
        model.add(new Dense(2));
        model.add(new Dense(1));
        return model;
    }

    /**
     * Keras: a frozen model trains nothing even when a layer inside is unfrozen again (the model's own flag
     * comes first). Airfoil listed and trained that layer's weights.
     */
    @Test
    void aFrozenModelTrainsNothingEvenWithAnUnfrozenLayerInside() {
        JsonNode g = GOLDEN.get("frozen_model_layer_unfrozen");
        Sequential model = twoDense();
        model.setTrainable(false);
        model.getLayer(0).setTrainable(true);
        assertWeights(g, model);
        model.compile("sgd", "mse");
        Tensor before = model.getLayer(0).getWeights().get(0).copy();
        model.fit(Tensor.ones(4, 3), Tensor.ones(4, 1), quiet(1));
        assertEquals(g.get("first_dense_changed").asBoolean(),
                !before.allClose(model.getLayer(0).getWeights().get(0), 0, 0));
    }

    /** The frozen fit above leaves no gradient behind: unfreezing and fitting equals fitting a fresh copy. */
    @Test
    void aFrozenFitLeavesNoStaleGradientForLaterTraining() {
        Tensor x = Tensor.arange(12).reshape(4, 3);
        Tensor y = Tensor.ones(4, 1);
        Sequential frozen = twoDense();
        Sequential fresh = twoDense();
        fresh.setWeights(frozen.getWeights());
        frozen.setTrainable(false);
        frozen.getLayer(0).setTrainable(true);
        frozen.compile("sgd", "mse");
        frozen.fit(x, y, quiet(2));
        frozen.setTrainable(true);
        frozen.compile("sgd", "mse");
        frozen.fit(x, y, quiet(1));
        fresh.compile("sgd", "mse");
        fresh.fit(x, y, quiet(1));
        for (int i = 0; i < fresh.getWeights().size(); i++) {
            assertTrue(fresh.getWeights().get(i).allClose(frozen.getWeights().get(i), 1e-6, 1e-6), "weight " + i);
        }
    }

    @Test
    void fitOfAModelWithoutWeightsComputesTheLoss() {
        JsonNode g = GOLDEN.get("weightless_fit");
        Sequential model = new Sequential();
        model.add(Input.shape(3));
        model.add(new ActivationLayer("relu"));
        model.compile("adam", "mse");
        List<Double> loss = model.fit(rows(g.get("x")), Tensor.zeros(4, 3), quiet(1)).history().get("loss");
        assertArrayEquals(Golden.doubles(g.get("loss")), loss.stream().mapToDouble(Double::doubleValue).toArray(), 1e-5);
    }

    private static Model twoInputs() {
        KerasTensor x = Input.of(new int[] {4}, "x");
        KerasTensor y = Input.of(new int[] {2}, "y");
        Dense dense = new Dense(1);
        Model model = new Model(List.of(x, y), List.of(dense.apply(new Concatenate().apply(x, y))));
        dense.setWeights(List.of(Tensor.ones(6, 1), Tensor.zeros(1)));
        return model;
    }

    /** Keras rejects a nested call on tensors of the wrong shape or number; Airfoil accepted both silently. */
    @Test
    void callingAModelOnWrongSymbolicInputsIsAClearError() {
        JsonNode g = GOLDEN.get("symbolic_calls");
        Model model = twoInputs();
        assertTrue(g.get("wrong_shape_raises").asBoolean());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> model.apply(List.of(Input.shape(5), Input.shape(2))));
        assertEquals("Input 0 'x' of model 'functional' expects shape (None, 4) but was called on a tensor of shape "
                + "(None, 5); pass a tensor of the expected shape (None = any size)", shape.getMessage());
        assertTrue(g.get("wrong_count_raises").asBoolean());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> model.apply(List.of(Input.shape(4))));
        assertEquals("Model 'functional' expects 2 input(s) [x, y] but was called on 1 tensor(s); pass one tensor "
                + "per input, in order", count.getMessage());
        KerasTensor ok = model.apply(List.of(Input.shape(4), Input.shape(2)));
        JsonNode shapeNode = g.get("right_call_shape");
        int[] expected = new int[shapeNode.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = shapeNode.get(i).isNull() ? -1 : shapeNode.get(i).asInt();
        }
        assertArrayEquals(expected, ok.shape());
    }

    /**
     * Every {@code keras_history} of the inbound nodes, then {@code input_layers} and {@code output_layers}, of a
     * config; a single bare reference counts as a list of one (Airfoil always writes the list).
     */
    private static List<String> tensorRefs(String json) {
        JsonNode config = new tools.jackson.databind.ObjectMapper().readTree(json).get("config");
        List<String> refs = new ArrayList<>();
        for (JsonNode layer : config.get("layers")) {
            for (JsonNode history : layer.get("inbound_nodes").findValues("keras_history")) {
                refs.add(layer.get("name").asString() + " <- " + history);
            }
        }
        refs.add("inputs " + endpoints(config.get("input_layers")));
        refs.add("outputs " + endpoints(config.get("output_layers")));
        return refs;
    }

    /** {@code input_layers} / {@code output_layers} as a list of references (Keras writes one bare reference flat). */
    private static String endpoints(JsonNode node) {
        return node.get(0).isString() ? "[" + node + "]" : node.toString();
    }

    /**
     * A nested functional model called twice, with its second call's second output as a model output: Keras
     * writes that output as {@code ["inner", 2, 1]} (its built-in node counts there). Airfoil could not load
     * Keras's JSON ("'output_layers' refers to inner[2][1], which does not exist") and wrote {@code 1} itself.
     */
    @Test
    void nestedFunctionalModelCalledTwiceRoundTripsThroughKerasJson() {
        JsonNode g = GOLDEN.get("nested_functional_json");
        String kerasJson = g.get("json").asString();
        Model loaded = Models.fromJson(kerasJson);
        assertEquals(g.get("summary").asString().stripTrailing(), loaded.summary(108, false).stripTrailing());
        assertEquals(tensorRefs(kerasJson), tensorRefs(Models.toJson(loaded)));
        assertEquals(tensorRefs(kerasJson), tensorRefs(Models.toJson(Models.fromJson(Models.toJson(loaded)))));

        Names.clearSession();
        KerasTensor a = Input.of(new int[] {4}, "a");
        KerasTensor h = new Dense(3, null, "h").apply(a);
        Model inner = new Model(List.of(a), List.of(new Dense(2, null, "p").apply(h), new Dense(1, null, "q").apply(h)), "inner");
        KerasTensor x = Input.of(new int[] {4}, "x");
        KerasTensor y = Input.of(new int[] {4}, "y");
        List<KerasTensor> first = inner.applySymbolic(List.of(x));
        List<KerasTensor> second = inner.applySymbolic(List.of(y));
        Dense shared = new Dense(2, null, "shared");
        KerasTensor cat = new Concatenate(-1, "cat").apply(List.of(shared.apply(first.get(0)), shared.apply(second.get(0)),
                first.get(1), second.get(1)));
        Model built = new Model(List.of(x, y), List.of(cat, second.get(1)), "outer");
        assertEquals(tensorRefs(kerasJson), tensorRefs(Models.toJson(built)));
    }

    /**
     * A layer called in another model first: Keras counts only this model's calls ({@code ["d", 0, 0]}).
     * Airfoil wrote the layer's global call index 1, and then could not load its own JSON ("the inbound nodes
     * of layer 'e' refer to calls that never happen").
     */
    @Test
    void layerAlsoCalledInAnotherModelIsSavedWithThisModelsNodeIndex() {
        String kerasJson = GOLDEN.get("layer_from_other_model_json").get("json").asString();
        Dense d = new Dense(2, null, "d");
        KerasTensor a = Input.of(new int[] {3}, "a");
        new Model(List.of(a), List.of(d.apply(a)), "ma");
        KerasTensor b = Input.of(new int[] {3}, "b");
        Model mb = new Model(List.of(b), List.of(new Dense(1, null, "e").apply(d.apply(b))), "mb");
        String json = Models.toJson(mb);
        assertEquals(tensorRefs(kerasJson), tensorRefs(json));
        Model loaded = Models.fromJson(json);
        assertEquals(List.of("b", "d", "e"), loaded.layers().stream().map(Layer::name).toList());
        assertEquals(tensorRefs(kerasJson), tensorRefs(Models.toJson(Models.fromJson(kerasJson))));
    }

    /** Keras predicts from a list by position or a dict by input name; Airfoil's predict(Object) took only arrays. */
    @Test
    void predictTakesAListOrAMapByInputName() {
        JsonNode g = GOLDEN.get("predict_list_vs_map");
        Model model = twoInputs();
        Tensor a = rows(g.get("x"));
        Tensor b = rows(g.get("y"));
        double[] expected = Golden.doubles(g.get("output"));
        assertArrayEquals(expected, model.predict(List.of(a, b)).toDoubleArray(), 1e-6);
        assertArrayEquals(expected, model.predict(Map.of("y", b, "x", a)).toDoubleArray(), 1e-6);
        assertArrayEquals(expected, model.predict(Map.of("x", a, "y", b), 2).get(0).toDoubleArray(), 1e-6);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Map.of("x", a)));
        assertTrue(missing.getMessage().contains("no data for 'y'"), missing.getMessage());
    }

    /** Keras's predict returns every output; Airfoil's predict(Tensor) silently returned only the first. */
    @Test
    void singleTensorPredictOfATwoOutputModelIsAClearError() {
        KerasTensor x = Input.of(new int[] {3}, "x");
        Model model = new Model(List.of(x), List.of(new Dense(1, null, "a").apply(x), new Dense(2, null, "b").apply(x)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("has 2 outputs [a, b]"), e.getMessage());
        assertEquals(2, model.predict(List.of(Tensor.ones(2, 3)), 32).size());
    }

    /** Keras's {@code get_layer(index=...)}, with its out-of-range error. */
    @Test
    void getLayerByIndex() {
        Model model = twoInputs();
        assertSame(model.layers().get(2), model.getLayer(2));
        assertEquals("concatenate", model.getLayer(2).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.getLayer(4));
        assertEquals("Model 'functional': asked for the layer at index 4 but the model has 4 layers (indices 0 to 3)",
                e.getMessage());
    }

    /** Keras writes input_layers/output_layers bare for a model made from one tensor, as a list for a list. */
    @Test
    @SuppressWarnings("unchecked")
    void endpointFormsMatchKerasAndBothImport() {
        JsonNode g = GOLDEN.get("endpoint_forms");
        tools.jackson.databind.ObjectMapper json = new tools.jackson.databind.ObjectMapper();
        for (String form : new String[] {"tensor_tensor", "list_list"}) {
            Names.clearSession();
            KerasTensor x = Input.of(new int[] {3}, "x");
            KerasTensor out = new Dense(2, null, "d").apply(x);
            Model m = form.equals("tensor_tensor") ? new Model(x, out) : new Model(List.of(x), List.of(out));
            Map<String, Object> cfg = (Map<String, Object>) m.serialize().get("config");
            for (String key : new String[] {"input_layers", "output_layers"}) {
                assertEquals(g.get(form).get(key), json.valueToTree(cfg.get(key)), form + " " + key);
            }
            // each form imports, and writes itself back in the same form
            Model again = Models.fromConfig(m.serialize());
            Map<String, Object> againCfg = (Map<String, Object>) again.serialize().get("config");
            assertEquals(cfg.get("input_layers"), againCfg.get("input_layers"), form);
            assertEquals(cfg.get("output_layers"), againCfg.get("output_layers"), form);
            assertArrayEquals(new int[] {2, 2}, again.predict(Tensor.ones(2, 3)).shape(), form);
        }
    }
}
