package dev.airfoil.models;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.saving.ConfigMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds {@link Sequential} and functional {@link Model}s from Keras configs — Keras 3's schema
 * ({@code inbound_nodes} as {@code {"args": [...], "kwargs": {...}}} with {@code __keras_tensor__}
 * references) and Keras 2's ({@code [[["dense", 0, 0, {}]]]}). Every layer is created through the
 * {@link Layers} registry; nothing in the config is run or looked up by reflection.
 */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    /** A Sequential model from its config ({@code layers}, {@code name}, optional {@code build_input_shape}). */
    @SuppressWarnings("unchecked")
    public static Sequential sequentialFromConfig(ConfigMap c) {
        Sequential model = new Sequential(c.getString("name", null));
        List<Object> layers = c.getList("layers");
        boolean first = true;
        for (Object o : layers) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("Sequential config: every entry of 'layers' must be an object, got " + o);
            }
            Map<String, Object> spec = (Map<String, Object>) o;
            Map<String, Object> cfg = spec.get("config") instanceof Map ? (Map<String, Object>) spec.get("config") : Map.of();
            if (first && !"InputLayer".equals(spec.get("class_name"))) {
                int[] batchShape = new ConfigMap("layer", cfg).getIntArray("batch_input_shape",
                        new ConfigMap("layer", cfg).getIntArray("batch_shape", null));
                if (batchShape == null && c.has("build_input_shape")) {
                    batchShape = c.getIntArray("build_input_shape", null);
                }
                if (batchShape != null) {
                    model.add(new InputLayer(java.util.Arrays.copyOfRange(batchShape, 1, batchShape.length),
                            dev.airfoil.tensor.DType.FLOAT32, null));
                }
            }
            first = false;
            model.add(Layers.deserialize(spec));
        }
        return model;
    }

    /** A functional model from its config ({@code layers} with inbound nodes, {@code input_layers}, {@code output_layers}). */
    @SuppressWarnings("unchecked")
    public static Model functionalFromConfig(ConfigMap c) {
        Map<String, Layer> created = new LinkedHashMap<>();
        Map<String, List<List<KerasTensor>>> outputsByNode = new HashMap<>();
        Deque<Object[]> pending = new ArrayDeque<>();
        Set<String> maskOnly = maskOnlyOperations(c.getList("layers"), c.get("output_layers"));
        for (Object o : c.getList("layers")) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("Functional config: every entry of 'layers' must be an object, got " + o);
            }
            Map<String, Object> spec = (Map<String, Object>) o;
            String name = specName(spec);
            if (maskOnly.contains(name)) {
                continue;
            }
            if (created.containsKey(name)) {
                throw new IllegalArgumentException("Functional config: two layers are named '" + name + "'");
            }
            Layer layer = Layers.deserialize(spec);
            created.put(name, layer);
            List<List<KerasTensor>> nodes = new ArrayList<>();
            outputsByNode.put(name, nodes);
            if (layer instanceof InputLayer) {
                nodes.add(List.of(((InputLayer) layer).output()));
                continue;
            }
            for (Object node : asList(spec.get("inbound_nodes"))) {
                pending.add(new Object[] {name, node});
            }
        }
        // process nodes in order, deferring those whose inputs do not exist yet
        int stalls = 0;
        while (!pending.isEmpty()) {
            Object[] item = pending.poll();
            String name = (String) item[0];
            List<int[]> refs = new ArrayList<>();
            List<String> refNames = new ArrayList<>();
            collectRefs(item[1], refNames, refs);
            List<KerasTensor> inputs = new ArrayList<>();
            boolean ready = true;
            for (int i = 0; i < refs.size(); i++) {
                List<List<KerasTensor>> nodes = outputsByNode.get(refNames.get(i));
                if (nodes == null) {
                    throw new IllegalArgumentException("Functional config: layer '" + name + "' is connected to unknown layer '"
                            + refNames.get(i) + "'");
                }
                int nodeIndex = refs.get(i)[0];
                if (nodeIndex >= nodes.size()) {
                    ready = false;
                    break;
                }
                inputs.add(nodes.get(nodeIndex).get(refs.get(i)[1]));
            }
            if (!ready) {
                pending.add(item);
                if (++stalls > pending.size() + 1) {
                    throw new IllegalArgumentException("Functional config: the inbound nodes of layer '" + name
                            + "' refer to calls that never happen (a cycle or a missing layer)");
                }
                continue;
            }
            stalls = 0;
            outputsByNode.get(name).add(created.get(name).applySymbolic(inputs));
        }
        List<KerasTensor> ins = resolveTensors(c.get("input_layers"), outputsByNode, "input_layers");
        List<KerasTensor> outs = resolveTensors(c.get("output_layers"), outputsByNode, "output_layers");
        Model model = new Model(ins, outs, c.getString("name", null));
        model.setEndpointStructure(isBareEndpoint(c.get("input_layers")), isBareEndpoint(c.get("output_layers")));
        return model;
    }

    /** Whether an {@code input_layers} / {@code output_layers} entry is one bare {@code [name, node, index]}. */
    private static boolean isBareEndpoint(Object spec) {
        return spec instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String;
    }

    /** A layer entry's name: its {@code name}, else its config's (Keras 2 files keep it only there). */
    @SuppressWarnings("unchecked")
    public static String specName(Map<String, Object> spec) {
        Object nameObj = spec.get("name");
        if (nameObj == null && spec.get("config") instanceof Map) {
            nameObj = ((Map<String, Object>) spec.get("config")).get("name");
        }
        return String.valueOf(nameObj);
    }

    /**
     * Keras 3 writes the mask computations of a functional model into its config as operation nodes
     * ({@code NotEqual} of an {@code Embedding(mask_zero)}'s input, {@code LogicalOr} for a merge,
     * {@code ExpandDims}, {@code Any} for a concatenation) whose results reach layers only as their
     * {@code mask} keyword argument. Airfoil propagates masks itself by the same rules, so such nodes
     * are left out: an operation node ({@code module} under {@code keras.src.ops}) that no layer's
     * positional arguments and no model output reach.
     *
     * @param layerSpecs   the config's {@code layers}
     * @param outputLayers the config's {@code output_layers}
     * @return the names of the operation nodes to leave out
     */
    @SuppressWarnings("unchecked")
    public static Set<String> maskOnlyOperations(List<?> layerSpecs, Object outputLayers) {
        Map<String, Map<String, Object>> layersByName = new HashMap<>();
        Set<String> operations = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (Object o : layerSpecs) {
            if (!(o instanceof Map)) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) o;
            String name = specName(spec);
            layersByName.put(name, spec);
            String module = String.valueOf(spec.get("module"));
            if (module.startsWith("keras.src.ops") || module.startsWith("keras.ops")) {
                operations.add(name);
            } else {
                work.add(name);
            }
        }
        // malformed references are left to the build, which reports them with their place in the file
        work.addAll(refsOrNone(outputLayers));
        Set<String> needed = new HashSet<>();
        while (!work.isEmpty()) {
            String name = work.poll();
            if (needed.add(name) && layersByName.containsKey(name)) {
                work.addAll(refsOrNone(layersByName.get(name).get("inbound_nodes")));
            }
        }
        operations.removeAll(needed);
        return operations;
    }

    /** The layer names that a config value's tensor references name; none when it is malformed. */
    private static List<String> refsOrNone(Object nodes) {
        List<String> names = new ArrayList<>();
        try {
            for (Object node : nodes instanceof List<?> l ? l : java.util.Arrays.asList(nodes)) {
                collectRefs(node, names, new ArrayList<>());
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            return List.of();
        }
        return names;
    }

    private static List<Object> asList(Object o) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("Functional config: expected a list, got " + o);
        }
        return new ArrayList<>((List<?>) o);
    }

    /** Collects {@code (layer, node, tensor)} references from a Keras 3 or Keras 2 inbound node. */
    @SuppressWarnings("unchecked")
    private static void collectRefs(Object node, List<String> names, List<int[]> refs) {
        if (node instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) node;
            if ("__keras_tensor__".equals(m.get("class_name"))) {
                Map<String, Object> cfg = (Map<String, Object>) m.get("config");
                List<Object> h = asList(cfg.get("keras_history"));
                addRef(h, names, refs);
                return;
            }
            if (m.containsKey("args")) {
                collectRefs(m.get("args"), names, refs);
                // kwargs tensors (e.g. masks) are not connections of the graph we rebuild
                return;
            }
            return;
        }
        if (node instanceof List) {
            List<Object> l = (List<Object>) node;
            if (l.size() >= 3 && l.get(0) instanceof String && l.get(1) instanceof Number && l.get(2) instanceof Number) {
                addRef(l, names, refs);
                return;
            }
            for (Object e : l) {
                collectRefs(e, names, refs);
            }
        }
    }

    private static void addRef(List<Object> h, List<String> names, List<int[]> refs) {
        if (h.size() < 3) {
            throw new IllegalArgumentException("Functional config: a tensor reference needs [layer, node, tensor], got " + h);
        }
        names.add(String.valueOf(h.get(0)));
        refs.add(new int[] {((Number) h.get(1)).intValue(), ((Number) h.get(2)).intValue()});
    }

    /**
     * Whether Keras gives this layer a built-in first node: a functional model (class {@code Functional})
     * starts with a node linking its own inputs to its outputs, which {@code input_layers} and
     * {@code output_layers} count (Sequential and subclassed models have none).
     */
    static boolean hasBuiltInNode(Layer layer) {
        return layer instanceof Model && "Functional".equals(layer.className());
    }

    private static List<KerasTensor> resolveTensors(Object spec, Map<String, List<List<KerasTensor>>> byNode, String key) {
        List<String> names = new ArrayList<>();
        List<int[]> refs = new ArrayList<>();
        List<Object> l = asList(spec);
        if (l.size() >= 3 && l.get(0) instanceof String) {
            addRef(l, names, refs);
        } else {
            for (Object e : l) {
                addRef(asList(e), names, refs);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Functional config: '" + key + "' is empty");
        }
        List<KerasTensor> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<List<KerasTensor>> nodes = byNode.get(names.get(i));
            if (nodes != null && !nodes.isEmpty() && hasBuiltInNode(nodes.get(0).get(0).layer())) {
                // Keras counts a functional model's built-in node in input/output_layers; node 0 comes only
                // from Airfoil files written before this was matched, and means the first call
                refs.get(i)[0] = Math.max(0, refs.get(i)[0] - 1);
            }
            if (nodes == null || refs.get(i)[0] >= nodes.size() || refs.get(i)[1] >= nodes.get(refs.get(i)[0]).size()) {
                throw new IllegalArgumentException("Functional config: '" + key + "' refers to " + names.get(i) + "["
                        + refs.get(i)[0] + "][" + refs.get(i)[1] + "], which does not exist");
            }
            out.add(nodes.get(refs.get(i)[0]).get(refs.get(i)[1]));
        }
        return out;
    }
}
