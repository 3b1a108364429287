package dev.airfoil.models;

import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Node;
import dev.airfoil.saving.ConfigMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a functional model's config in Keras 3's schema (layers with inbound nodes, input and output layers). */
final class FunctionalConfig {
    private FunctionalConfig() {
    }

    static Map<String, Object> of(Model model, FunctionalGraph graph) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", model.name());
        m.put("trainable", model.isTrainable());
        List<Object> layers = new ArrayList<>();
        for (Layer l : graph.layers()) {
            Map<String, Object> entry = l.serialize();
            entry.put("name", l.name());
            List<Object> nodes = new ArrayList<>();
            for (Node node : l.inboundNodes()) {
                if (!graph.contains(node) || node.isInput()) {
                    continue;
                }
                List<Object> args = new ArrayList<>();
                for (KerasTensor kt : node.inputs()) {
                    args.add(tensorRef(kt, graph));
                }
                Map<String, Object> call = new LinkedHashMap<>();
                // Keras passes a merge or attention layer's inputs as one list, except MultiHeadAttention's:
                // call(query, value, key) takes them as separate positional arguments
                boolean positional = l instanceof dev.airfoil.layers.attention.MultiHeadAttention;
                call.put("args", args.size() == 1 || positional ? args : List.of(args));
                call.put("kwargs", new LinkedHashMap<>());
                nodes.add(call);
            }
            entry.put("inbound_nodes", nodes);
            layers.add(entry);
        }
        m.put("layers", layers);
        // as Keras: a model made from one tensor (not a one-element list) writes a bare [name, node, index]
        List<List<Object>> ins = graph.inputs().stream().map(kt -> endpoint(kt, graph)).toList();
        List<List<Object>> outs = graph.outputs().stream().map(kt -> endpoint(kt, graph)).toList();
        m.put("input_layers", model.bareInput() ? ins.get(0) : ins);
        m.put("output_layers", model.bareOutput() ? outs.get(0) : outs);
        return m;
    }

    /**
     * A tensor's node index as Keras writes it: counting only the calls of its layer that belong to
     * this graph (a layer also called in another model has calls that are not saved here).
     */
    private static int savedNodeIndex(KerasTensor kt, FunctionalGraph graph) {
        int index = 0;
        for (Node n : kt.layer().inboundNodes()) {
            if (n == kt.node()) {
                return index;
            }
            if (graph.contains(n) || n.isInput()) {
                index++;
            }
        }
        throw new IllegalStateException("Layer '" + kt.layer().name() + "' does not list the call that made " + kt);
    }

    /**
     * An entry of {@code input_layers} / {@code output_layers}: Keras counts a nested functional model's
     * own built-in node there (and only there), so its calls start at 1 ({@link ModelConfigs} undoes this).
     */
    private static List<Object> endpoint(KerasTensor kt, FunctionalGraph graph) {
        int offset = ModelConfigs.hasBuiltInNode(kt.layer()) ? 1 : 0;
        return List.of(kt.layer().name(), savedNodeIndex(kt, graph) + offset, kt.index());
    }

    private static Map<String, Object> tensorRef(KerasTensor kt, FunctionalGraph graph) {
        return ConfigMap.of("class_name", "__keras_tensor__", "config", ConfigMap.of(
                "shape", ConfigMap.shapeList(kt.shape()), "dtype", kt.dtype().kerasName(),
                "keras_history", List.of(kt.layer().name(), savedNodeIndex(kt, graph), kt.index())));
    }
}
