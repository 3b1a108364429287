package dev.airfoil.models;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Node;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.pooling.ConvPoolFusion;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The directed acyclic graph of a functional model: its input and output symbolic tensors, the
 * layer calls (nodes) between them ordered by depth, and the layers in Keras's order (deepest
 * first; within a depth, in the order a depth-first walk from the outputs meets them — the order
 * {@code model.layers} and {@code summary()} show).
 */
final class FunctionalGraph {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> executionOrder;
    private final List<Layer> layers;
    private final Set<Node> nodes;
    private final Map<Integer, List<Node>> nodesByDepth;
    /** A node whose output only the mapped node consumes, which takes nothing else (a candidate for {@link ConvPoolFusion}). */
    private final Map<Node, Node> soleConsumer;

    FunctionalGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("A functional model needs at least one input and one output");
        }
        for (KerasTensor in : inputs) {
            if (!(in.layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model inputs must come from Input(...); " + in
                        + " was produced by " + in.layer().describe());
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        // depth-first walk from the outputs: nodes in post-order, layers in pre-order
        List<Node> postOrder = new ArrayList<>();
        Map<Layer, Integer> layerIndex = new IdentityHashMap<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<KerasTensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        for (KerasTensor out : outputs) {
            walk(out, inputSet, finished, inProgress, postOrder, layerIndex);
        }
        // depths: outputs at 0, each parent one deeper than its deepest child
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            Node node = postOrder.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (KerasTensor in : node.inputs()) {
                Node parent = in.node();
                nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
            }
        }
        for (KerasTensor in : inputs) {
            if (!layerDepth.containsKey(in.layer())) {
                throw new IllegalArgumentException("Input '" + in.layer().name() + "' " + Shape.str(in.shape())
                        + " is not connected to any output; remove it from the model's inputs or use it");
            }
        }
        this.nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        this.nodes.addAll(nodeDepth.keySet());
        TreeMap<Integer, List<Node>> byDepth = new TreeMap<>(Collections.reverseOrder());
        for (Node n : postOrder) {
            byDepth.computeIfAbsent(nodeDepth.get(n), k -> new ArrayList<>()).add(n);
        }
        this.nodesByDepth = Collections.unmodifiableMap(new LinkedHashMap<>(byDepth));
        this.executionOrder = new ArrayList<>();
        byDepth.values().forEach(executionOrder::addAll);
        TreeMap<Integer, List<Layer>> layersByDepth = new TreeMap<>(Collections.reverseOrder());
        for (Map.Entry<Layer, Integer> e : orderedEntries(layerDepth, layerIndex)) {
            layersByDepth.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        List<Layer> ordered = new ArrayList<>();
        for (List<Layer> ls : layersByDepth.values()) {
            ls.sort((a, b) -> Integer.compare(layerIndex.get(a), layerIndex.get(b)));
            ordered.addAll(ls);
        }
        this.layers = Collections.unmodifiableList(ordered);
        this.soleConsumer = soleConsumers(executionOrder, this.outputs);
    }

    /** For each single-output node not among the graph's outputs, its consumer when there is exactly one and it takes only that tensor. */
    private static Map<Node, Node> soleConsumers(List<Node> order, List<KerasTensor> outputs) {
        Map<KerasTensor, List<Node>> consumers = new IdentityHashMap<>();
        for (Node n : order) {
            for (KerasTensor in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        Map<Node, Node> sole = new IdentityHashMap<>();
        for (Node n : order) {
            if (n.isInput() || n.outputs().size() != 1) {
                continue;
            }
            KerasTensor out = n.outputs().get(0);
            List<Node> users = consumers.getOrDefault(out, List.of());
            if (users.size() == 1 && users.get(0).inputs().size() == 1 && outputs.stream().noneMatch(o -> o == out)) {
                sole.put(n, users.get(0));
            }
        }
        return sole;
    }

    private static List<Map.Entry<Layer, Integer>> orderedEntries(Map<Layer, Integer> depth, Map<Layer, Integer> index) {
        List<Map.Entry<Layer, Integer>> l = new ArrayList<>(depth.entrySet());
        l.sort((a, b) -> Integer.compare(index.get(a.getKey()), index.get(b.getKey())));
        return l;
    }

    private static void walk(KerasTensor t, Set<KerasTensor> inputSet, Set<Node> finished, Set<Node> inProgress,
                             List<Node> postOrder, Map<Layer, Integer> layerIndex) {
        Node node = t.node();
        if (finished.contains(node)) {
            return;
        }
        if (inProgress.contains(node)) {
            throw new IllegalArgumentException("The graph has a cycle at " + node.layer().describe());
        }
        layerIndex.putIfAbsent(node.layer(), layerIndex.size());
        inProgress.add(node);
        if (node.isInput() && !inputSet.contains(t)) {
            throw new IllegalArgumentException("Graph disconnected: the output depends on input '" + node.layer().name()
                    + "' " + Shape.str(t.shape()) + ", which is not among the model's inputs; add it to the inputs list");
        }
        if (!node.isInput() && !inputSet.contains(t)) {
            for (KerasTensor in : node.inputs()) {
                walk(in, inputSet, finished, inProgress, postOrder, layerIndex);
            }
        }
        finished.add(node);
        inProgress.remove(node);
        postOrder.add(node);
    }

    List<KerasTensor> inputs() {
        return inputs;
    }

    List<KerasTensor> outputs() {
        return outputs;
    }

    List<Layer> layers() {
        return layers;
    }

    boolean contains(Node node) {
        return nodes.contains(node);
    }

    Map<Integer, List<Node>> nodesByDepth() {
        return nodesByDepth;
    }

    /**
     * Checks symbolic tensors the model is called on against its inputs: one per input, each of the
     * input's rank, with every dimension known on both sides equal.
     */
    void checkSymbolicInputs(String modelName, List<KerasTensor> given) {
        List<String> names = inputs.stream().map(k -> k.layer().name()).toList();
        if (given.size() != inputs.size()) {
            throw new IllegalArgumentException("Model '" + modelName + "' expects " + inputs.size() + " input(s) "
                    + names + " but was called on " + given.size() + " tensor(s); pass one tensor per input, in order");
        }
        for (int i = 0; i < inputs.size(); i++) {
            int[] want = inputs.get(i).shape();
            int[] got = given.get(i).shape();
            boolean ok = want.length == got.length;
            for (int d = 0; ok && d < want.length; d++) {
                ok = want[d] < 0 || got[d] < 0 || want[d] == got[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("Input " + i + " '" + names.get(i) + "' of model '" + modelName
                        + "' expects shape " + Shape.str(want) + " but was called on a tensor of shape "
                        + Shape.str(got) + "; pass a tensor of the expected shape (None = any size)");
            }
        }
    }

    /** Runs the graph on concrete inputs, in input order. */
    List<Tensor> run(List<Tensor> values, boolean training) {
        return runMasked(values, null, training).outputs();
    }

    /**
     * Runs the graph on inputs with their masks (null entries, or a null list, for none) and gives its
     * outputs with the masks they carry (null entries where none).
     */
    Masks.MaskedCall runMasked(List<Tensor> values, List<Tensor> inputMasks, boolean training) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException("The model expects " + inputs.size() + " inputs "
                    + inputs.stream().map(k -> k.layer().name()).toList() + " but received " + values.size());
        }
        Map<KerasTensor, Tensor> computed = new IdentityHashMap<>();
        Map<KerasTensor, Tensor> masks = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputLayer il = (InputLayer) inputs.get(i).layer();
            Tensor x = values.get(i);
            il.checkCompatible(x);
            if (x.dtype() != il.dtype() && il.dtype().isFloating()) {
                x = x.cast(il.dtype());
            }
            computed.put(inputs.get(i), x);
            Tensor m = Masks.at(inputMasks, i);
            if (m != null) {
                masks.put(inputs.get(i), m);
            }
        }
        for (Node node : executionOrder) {
            if (node.isInput() || computed.containsKey(node.outputs().get(0))) {
                continue;
            }
            List<Tensor> args = new ArrayList<>(node.inputs().size());
            for (KerasTensor kt : node.inputs()) {
                Tensor v = computed.get(kt);
                if (v == null) {
                    throw new IllegalStateException("internal error: no value for " + kt + " at " + node.layer().describe());
                }
                args.add(v);
            }
            Node next = soleConsumer.get(node);
            if (next != null && args.size() == 1 && ConvPoolFusion.applies(node.layer(), next.layer(), args.get(0))) {
                computed.put(next.outputs().get(0), ConvPoolFusion.apply(node.layer(), next.layer(), args.get(0)));
                continue;
            }
            // Timestep masks flow along the edges as in Keras (Masks.call).
            List<Tensor> argMasks = new ArrayList<>(args.size());
            for (KerasTensor kt : node.inputs()) {
                argMasks.add(masks.get(kt));
            }
            Masks.MaskedCall call = Masks.call(node.layer(), args, argMasks, training);
            List<Tensor> outs = call.outputs();
            for (int i = 0; i < outs.size(); i++) {
                computed.put(node.outputs().get(i), outs.get(i));
                if (i < call.masks().size() && call.masks().get(i) != null) {
                    masks.put(node.outputs().get(i), call.masks().get(i));
                }
            }
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        List<Tensor> resultMasks = new ArrayList<>(outputs.size());
        for (KerasTensor o : outputs) {
            result.add(computed.get(o));
            resultMasks.add(masks.get(o));
        }
        return new Masks.MaskedCall(result, resultMasks);
    }

    /** Whether the graph is a simple chain (Keras's "sequential-like" test for summaries). */
    boolean isSequentialLike() {
        List<Node> seen = new ArrayList<>();
        for (List<Node> level : nodesByDepth.values()) {
            if (level.size() > 1 || (level.size() == 1 && level.get(0).inputs().size() > 1)) {
                return false;
            }
            seen.addAll(level);
        }
        for (Layer l : layers) {
            int count = 0;
            for (Node n : l.inboundNodes()) {
                if (seen.contains(n)) {
                    count++;
                }
            }
            if (count > 1) {
                return false;
            }
        }
        return true;
    }
}
