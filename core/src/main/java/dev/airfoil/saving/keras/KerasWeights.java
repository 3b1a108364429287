package dev.airfoil.saving.keras;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps weights between Keras files and Airfoil layers, in Keras's order: a layer's trainable
 * variables, then its non-trainable ones (Keras 3's {@code save_own_variables}, Keras 2's
 * {@code _legacy_weights}).
 *
 * <p>Keras 3 ({@code model.weights.h5}) stores a layer's variables under an <em>object path</em>
 * built from class names, not layer names: {@code layers/dense/vars/0}, {@code layers/dense_1/vars/0},
 * {@code layers/p_re_lu/vars/0} — the snake_case class name with a per-class counter, in the
 * order of the model's {@code layers} (Sequential leaves out its input layer, functional models
 * keep theirs), nested models continuing below their own path. Keras 2 ({@code model_weights})
 * stores them by layer name with a {@code weight_names} attribute.
 */
final class KerasWeights {
    private static final Pattern W = Pattern.compile("\\W+");
    private static final Pattern CAP1 = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern CAP2 = Pattern.compile("([a-z])([A-Z])");
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

    private KerasWeights() {
    }

    /** Keras 3 layers whose variables live in a child object: recurrent layers keep them in their {@code cell}. */
    private static final Set<String> CELL_LAYERS = Set.of("SimpleRNN", "LSTM", "GRU", "ConvLSTM1D", "ConvLSTM2D",
            "ConvLSTM3D");

    /**
     * Where a layer's variables live relative to its object path: {@code vars}, or {@code cell/vars}
     * for recurrent layers (Keras 3 saves the cell as a child object).
     */
    static String varsPath(Layer layer) {
        return CELL_LAYERS.contains(layer.className()) ? "cell/vars" : "vars";
    }

    /**
     * One group of a Keras 3 weights file ({@code .../vars}) and the variables it holds, in order;
     * {@code name} is the group's {@code name} attribute (the Keras object's name).
     */
    record Leaf(String varsPath, Layer layer, List<Variable> variables, String name) {
    }

    /** MultiHeadAttention's variable prefixes and the Keras 3 child objects (EinsumDense layers) that hold them. */
    private static final List<String[]> ATTENTION_PROJECTIONS = List.of(new String[] {"query", "query_dense"},
            new String[] {"key", "key_dense"}, new String[] {"value", "value_dense"},
            new String[] {"attention_output", "output_dense"});

    /**
     * Where a layer's variables sit under its object path: its own {@code vars} (a recurrent layer's
     * {@code cell/vars}); for {@code TimeDistributed} its inner layer's, under {@code layer/}; for
     * {@code Bidirectional} the two directions', under {@code forward_layer/} and {@code backward_layer/}; for
     * {@code SpectralNormalization} its own {@code vars} (the wrapped kernel, then {@code vector_u}) and the
     * wrapped layer's, under {@code layer/};
     * for {@code MultiHeadAttention} its four projections', under {@code query_dense/}, {@code key_dense/},
     * {@code value_dense/} and {@code output_dense/} (Keras 3 keeps them in child layers, its own
     * {@code vars} empty), for {@code GroupQueryAttention} the same under {@code _query_dense/} and so on.
     */
    static List<Leaf> leaves(String path, Layer layer) {
        if (layer instanceof dev.airfoil.layers.recurrent.TimeDistributed td) {
            return leaves(path + "/layer", td.layer());
        }
        if (layer instanceof dev.airfoil.layers.recurrent.RNN r) {
            return cellLeaves(path + "/cell", r.cell());
        }
        if (layer instanceof dev.airfoil.layers.recurrent.Bidirectional b) {
            List<Leaf> out = new ArrayList<>(leaves(path + "/forward_layer", b.forwardLayer()));
            out.addAll(leaves(path + "/backward_layer", b.backwardLayer()));
            return out;
        }
        if (layer instanceof dev.airfoil.layers.normalization.SpectralNormalization sn) {
            // Keras 3 tracks the wrapped kernel as the wrapper's own variable too: vars holds [kernel, vector_u]
            List<Leaf> out = new ArrayList<>();
            out.add(new Leaf(path + "/vars", layer, List.of(sn.kernel(), sn.vectorU()), layer.name()));
            out.addAll(leaves(path + "/layer", sn.layer()));
            return out;
        }
        List<Variable> own = kerasOrder(layer);
        if (layer instanceof dev.airfoil.layers.attention.MultiHeadAttention) {
            // GroupQueryAttention's projections are saved under their private attribute names (_query_dense)
            String child = layer instanceof dev.airfoil.layers.attention.GroupQueryAttention ? "_" : "";
            List<Leaf> out = new ArrayList<>();
            for (String[] p : ATTENTION_PROJECTIONS) {
                List<Variable> vs = own.stream().filter(v -> v.name().startsWith(p[0] + "/")).toList();
                out.add(new Leaf(path + "/" + child + p[1] + "/vars", layer, vs, p[0]));
            }
            return out;
        }
        String vp = varsPath(layer);
        return List.of(new Leaf(path + "/" + vp, layer, own, layer.name() + (vp.equals("cell/vars") ? "_cell" : "")));
    }

    /**
     * Where an {@code RNN}'s cell keeps its variables: its own {@code vars}; for {@code StackedRNNCells} an
     * empty {@code vars} and each cell's under {@code cells/<snake_case class name, counted>}, as Keras 3 saves
     * a list of layers.
     */
    private static List<Leaf> cellLeaves(String path, dev.airfoil.layers.recurrent.RNNCell cell) {
        if (cell instanceof dev.airfoil.layers.recurrent.StackedRNNCells stack) {
            List<Leaf> out = new ArrayList<>();
            out.add(new Leaf(path + "/vars", cell, List.of(), cell.name()));
            Map<String, Integer> used = new HashMap<>();
            for (dev.airfoil.layers.recurrent.RNNCell c : stack.cells()) {
                out.addAll(cellLeaves(path + "/cells/" + counted(used, c.className()), c));
            }
            return out;
        }
        return List.of(new Leaf(path + "/vars", cell, kerasOrder(cell), cell.name()));
    }

    /** Keras 3's name for the next object of class {@code cls} in a list: {@code dense}, {@code dense_1}, ... */
    private static String counted(Map<String, Integer> used, String cls) {
        String base = snake(cls);
        Integer n = used.get(base);
        used.put(base, n == null ? 0 : n + 1);
        return n == null ? base : base + "_" + (n + 1);
    }

    /** A layer and its Keras 3 object path ({@code layers/dense_1}). */
    record Slot(String path, Layer layer, Map<String, Object> spec) {
    }

    /** Keras's {@code naming.to_snake_case}. */
    static String snake(String name) {
        String s = W.matcher(name).replaceAll("");
        s = CAP1.matcher(s).replaceAll("$1_$2");
        s = CAP2.matcher(s).replaceAll("$1_$2");
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** A layer's variables in Keras's order: trainable ones, then the others. */
    static List<Variable> kerasOrder(Layer layer) {
        List<Variable> out = new ArrayList<>();
        List<Variable> rest = new ArrayList<>();
        for (Variable v : layer.weights()) {
            (v.isTrainableWhenUnfrozen() ? out : rest).add(v);
        }
        out.addAll(rest);
        return out;
    }

    /** The layers of a model with their Keras 3 object paths, following the model's config. */
    @SuppressWarnings("unchecked")
    static List<Slot> keras3Slots(Map<String, Object> modelSpec, Model model) {
        List<Slot> out = new ArrayList<>();
        walk("", modelSpec, model, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void walk(String prefix, Map<String, Object> modelSpec, Model model, List<Slot> out) {
        boolean sequential = "Sequential".equals(modelSpec.get("class_name"));
        Map<String, Object> cfg = (Map<String, Object>) modelSpec.get("config");
        List<Object> layers = (List<Object>) cfg.get("layers");
        Map<String, Layer> byName = new HashMap<>();
        for (Layer l : model.layers()) {
            byName.putIfAbsent(l.name(), l);
        }
        if (model instanceof Sequential s && s.inputLayer() != null) {
            byName.putIfAbsent(s.inputLayer().name(), s.inputLayer());
        }
        Map<String, Integer> used = new HashMap<>();
        for (Object o : layers) {
            Map<String, Object> spec = (Map<String, Object>) o;
            String cls = (String) spec.get("class_name");
            if (sequential && "InputLayer".equals(cls)) {
                continue;
            }
            Map<String, Object> lc = (Map<String, Object>) spec.get("config");
            Object nameObj = lc == null ? null : lc.get("name");
            if (nameObj == null) {
                nameObj = spec.get("name");
            }
            Layer layer = byName.get(String.valueOf(nameObj));
            // the group is named after the Python class (GroupedQueryAttention for class_name GroupQueryAttention)
            String path = prefix + "layers/" + counted(used, layer == null ? cls : layer.typeName());
            out.add(new Slot(path, layer, spec));
            if (MODEL_CLASSES.contains(cls) && layer instanceof Model m) {
                walk(path + "/", spec, m, out);
            }
        }
    }

    /** Loads Keras 3 {@code model.weights.h5} into a model built from {@code modelSpec}. */
    static void loadKeras3(Hdf5Source h5, Map<String, Object> modelSpec, Model model) throws KerasFileException {
        Set<String> consumed = new HashSet<>();
        for (Slot s : keras3Slots(modelSpec, model)) {
            if (s.layer() == null) {
                throw new KerasFileException(h5.loc(s.path()), "the rebuilt model has no layer for this entry");
            }
            if (s.layer() instanceof Model || s.layer() instanceof InputLayer) {
                continue;
            }
            boolean built = false;
            for (Leaf leaf : leaves(s.path(), s.layer())) {
                String vp = leaf.varsPath();
                Node varsNode = h5.find(h5.root(), vp);
                List<String> names = List.of();
                Group vars = null;
                if (varsNode != null) {
                    if (!(varsNode instanceof Group)) {
                        throw new KerasFileException(h5.loc(vp), "expected a group, found a dataset");
                    }
                    vars = (Group) varsNode;
                    names = h5.children(vars);
                }
                if (!names.isEmpty() && !built) {
                    buildIfNeeded(s.layer(), s.spec(), h5.loc(s.path()));
                    built = true;
                }
                List<Variable> expected = leaf.variables();
                if (names.size() != expected.size()) {
                    throw new KerasFileException(h5.loc(vp), "the file holds " + names.size()
                            + " variables for layer '" + leaf.layer().name() + "' (" + leaf.layer().className()
                            + "), the layer has " + expected.size() + " " + expected.stream().map(Variable::name).toList());
                }
                List<Tensor> values = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    String key = String.valueOf(i);
                    Node n = h5.find(vars, key);
                    if (!(n instanceof Dataset)) {
                        throw new KerasFileException(h5.loc(vp + "/" + key), n == null
                                ? "missing variable " + i + " of layer '" + leaf.layer().name() + "' (variables are named 0.."
                                + (expected.size() - 1) + ")"
                                : "expected a dataset, found a group");
                    }
                    values.add(read(h5, (Dataset) n, leaf.layer(), expected.get(i)));
                    consumed.add(vp + "/" + key);
                }
                assign(expected, values);
            }
        }
        Node layersGroup = h5.find(h5.root(), "layers");
        if (layersGroup instanceof Group g) {
            List<String> unused = new ArrayList<>();
            collectDatasets(h5, g, "layers", consumed, unused, 0);
            if (!unused.isEmpty()) {
                throw new KerasFileException(h5.where(), "the file holds weights that no layer of the model uses: "
                        + (unused.size() > 10 ? unused.subList(0, 10) + " ..." : unused));
            }
        }
    }

    private static void collectDatasets(Hdf5Source h5, Group g, String path, Set<String> consumed, List<String> unused,
                                        int depth) throws KerasFileException {
        if (depth > 64) {
            throw new KerasLimitException(h5.loc(path), "groups nested deeper than 64");
        }
        for (String c : h5.children(g)) {
            Node n = h5.find(g, c);
            String p = path + "/" + c;
            if (n instanceof Group sub) {
                collectDatasets(h5, sub, p, consumed, unused, depth + 1);
            } else if (!consumed.contains(p)) {
                unused.add(p);
            }
        }
    }

    /** Loads Keras 2 {@code model_weights} (layer groups with {@code weight_names}). */
    static void loadKeras2(Hdf5Source h5, Group weights, Model model) throws KerasFileException {
        List<String> layerNames = h5.stringListAttribute(weights, "layer_names");
        if (layerNames == null) {
            throw new KerasFileException(h5.loc(weights.getPath()), "missing attribute 'layer_names'");
        }
        Map<String, Layer> byName = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            byName.putIfAbsent(l.name(), l);
        }
        Set<Layer> loaded = new HashSet<>();
        for (String ln : layerNames) {
            KerasConfigs.checkLayerName(ln, h5.loc(weights.getPath() + " attribute 'layer_names'"));
            Group g = h5.group(weights, ln);
            List<String> wn = h5.stringListAttribute(g, "weight_names");
            if (wn == null) {
                throw new KerasFileException(h5.loc(g.getPath()), "missing attribute 'weight_names'");
            }
            Layer layer = byName.get(ln);
            if (wn.isEmpty()) {
                continue;
            }
            if (layer == null) {
                throw new KerasFileException(h5.loc(g.getPath()), "the file holds weights for layer '" + ln
                        + "', which the model config does not define");
            }
            List<Variable> expected = kerasOrder(layer);
            if (wn.size() != expected.size()) {
                throw new KerasFileException(h5.loc(g.getPath()), "the file holds " + wn.size() + " weights " + wn
                        + " for layer '" + ln + "' (" + layer.className() + "), the layer has " + expected.size() + " "
                        + expected.stream().map(Variable::name).toList());
            }
            List<Tensor> values = new ArrayList<>();
            for (int i = 0; i < wn.size(); i++) {
                Node n = h5.find(g, wn.get(i));
                if (!(n instanceof Dataset)) {
                    throw new KerasFileException(h5.loc(g.getPath() + "/" + wn.get(i)), n == null
                            ? "weight listed in 'weight_names' is missing" : "expected a dataset, found a group");
                }
                values.add(read(h5, (Dataset) n, layer, expected.get(i)));
            }
            assign(expected, values);
            loaded.add(layer);
        }
        for (Layer l : model.layers()) {
            if (!l.weights().isEmpty() && !loaded.contains(l)) {
                throw new KerasFileException(h5.loc(weights.getPath()), "the file holds no weights for layer '" + l.name()
                        + "' (" + l.className() + "), which has " + l.weights().size());
            }
        }
    }

    private static Tensor read(Hdf5Source h5, Dataset ds, Layer layer, Variable v) throws KerasFileException {
        String what = "layer '" + layer.name() + "' variable '" + v.name() + "'";
        float[] data = v.dtype().isFloating() ? h5.readFloats(ds, v.shape(), what) : h5.readIntegers(ds, v.shape(), what);
        Tensor t = Tensor.wrap(data, v.shape());
        // an integer variable (Normalization's count) is stored as an integer dataset and read through floats
        return v.dtype().isFloating() ? t : t.cast(v.dtype());
    }

    private static void assign(List<Variable> vars, List<Tensor> values) {
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(values.get(i));
        }
    }

    /** Builds a layer from its Keras 3 {@code build_config} when the model left it unbuilt. */
    @SuppressWarnings("unchecked")
    private static void buildIfNeeded(Layer layer, Map<String, Object> spec, String where) throws KerasFileException {
        if (layer.isBuilt()) {
            return;
        }
        Object bc = spec == null ? null : spec.get("build_config");
        Object shape = bc instanceof Map ? ((Map<String, Object>) bc).get("input_shape") : null;
        if (!(shape instanceof List) || ((List<?>) shape).isEmpty()) {
            throw new KerasFileException(where, "layer '" + layer.name() + "' has weights in the file but no known input "
                    + "shape to build it with (no input shape in the config)");
        }
        List<int[]> shapes = new ArrayList<>();
        List<?> l = (List<?>) shape;
        if (l.get(0) instanceof List) {
            for (Object s : l) {
                shapes.add(toShape(s, where));
            }
        } else {
            shapes.add(toShape(l, where));
        }
        try {
            layer.ensureBuilt(shapes);
        } catch (RuntimeException e) {
            throw new KerasFileException(where, "cannot build layer '" + layer.name() + "' for input shape "
                    + shapes.stream().map(Arrays::toString).toList() + ": " + e.getMessage(), e);
        }
    }

    private static int[] toShape(Object o, String where) throws KerasFileException {
        if (!(o instanceof List<?> l) || l.size() > 16) {
            throw new KerasFileException(where + ".build_config", "an input shape must be a list of at most 16 sizes");
        }
        int[] s = new int[l.size()];
        for (int i = 0; i < s.length; i++) {
            Object d = l.get(i);
            if (d == null) {
                s[i] = -1;
            } else if (d instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
                s[i] = n.intValue();
            } else {
                throw new KerasFileException(where + ".build_config", "invalid dimension " + d);
            }
        }
        return s;
    }
}
