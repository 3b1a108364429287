package dev.airfoil.models;

import dev.airfoil.activations.Activation;
import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Node;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.tensor.Shape;
import dev.airfoil.visualization.GraphPlotter;
import dev.airfoil.visualization.GraphSpec;
import dev.airfoil.visualization.NodeLabel;
import dev.airfoil.visualization.RankDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code plot_model}: draws a model's layer graph to PNG, SVG or DOT (chosen by the file
 * extension) with Airfoil's own layout, so no Graphviz is needed.
 *
 * <pre>{@code
 * ModelPlot.plotModel(model, Path.of("model.png"), PlotOptions.defaults().withShapes(true).withLayerNames(true));
 * }</pre>
 */
public final class ModelPlot {
    private ModelPlot() {
    }

    /** Writes the plot; the format follows the extension ({@code .png}, {@code .svg}, {@code .dot}). */
    public static Path plotModel(Model model, Path file, PlotOptions options) {
        GraphPlotter.write(toGraph(model, options), file);
        return file;
    }

    /** Writes the plot with Keras's default options. */
    public static Path plotModel(Model model, Path file) {
        return plotModel(model, file, PlotOptions.defaults());
    }

    /** The graph description of a model (for custom rendering). */
    public static GraphSpec toGraph(Model model, PlotOptions o) {
        GraphSpec.Builder b = GraphSpec.builder().name(model.name())
                .rankDir("LR".equals(o.rankdir()) ? RankDir.LR : RankDir.TB).dpi(o.dpi());
        addModel(b, model, null, o);
        return b.build();
    }

    /** Adds a model's layers and edges; returns nothing, node ids are layer names prefixed by the cluster. */
    private static void addModel(GraphSpec.Builder b, Model model, String cluster, PlotOptions o) {
        String prefix = cluster == null ? "" : cluster + "/";
        List<Layer> layers = new ArrayList<>();
        if (model instanceof Sequential && ((Sequential) model).inputLayer() != null && cluster == null) {
            layers.add(((Sequential) model).inputLayer());
        }
        layers.addAll(model.layers());
        for (Layer l : layers) {
            if (cluster != null && l instanceof InputLayer) {
                continue;
            }
            if (o.expandNested() && l instanceof Model && ((Model) l).isFunctional()) {
                String id = prefix + l.name();
                b.cluster(id, l.name() + " (" + l.typeName() + ")", cluster);
                addModel(b, (Model) l, id, o);
                continue;
            }
            b.node(prefix + l.name(), label(l, o), cluster);
        }
        if (model instanceof Sequential) {
            Layer prev = cluster == null ? ((Sequential) model).inputLayer() : null;
            for (Layer l : model.layers()) {
                if (prev != null) {
                    b.edge(exitId(prev, prefix, o), entryIds(l, prefix, o).get(0));
                }
                prev = l;
            }
            return;
        }
        if (!model.isFunctional()) {
            return;
        }
        FunctionalGraph g = model.graph();
        for (Layer l : layers) {
            for (Node node : l.inboundNodes()) {
                if (!g.contains(node)) {
                    continue;
                }
                for (KerasTensor in : node.inputs()) {
                    Layer src = in.layer();
                    if (cluster != null && src instanceof InputLayer) {
                        continue;
                    }
                    for (String to : entryIds(l, prefix, o)) {
                        b.edge(exitId(src, prefix, o), to);
                    }
                }
            }
        }
    }

    /** Where edges into a layer land: the layer, or the first real layers of an expanded nested model. */
    private static List<String> entryIds(Layer l, String prefix, PlotOptions o) {
        if (o.expandNested() && l instanceof Model && ((Model) l).isFunctional()) {
            Model m = (Model) l;
            List<String> ids = new ArrayList<>();
            String inner = prefix + l.name() + "/";
            if (m instanceof Sequential) {
                ids.addAll(entryIds(m.layers().get(0), inner, o));
                return ids;
            }
            for (Layer sub : m.layers()) {
                for (Node n : sub.inboundNodes()) {
                    if (m.graph().contains(n) && n.inputs().stream().anyMatch(k -> k.layer() instanceof InputLayer)) {
                        ids.addAll(entryIds(sub, inner, o));
                        break;
                    }
                }
            }
            return ids;
        }
        return List.of(prefix + l.name());
    }

    /** Where edges out of a layer start: the layer, or the output layer of an expanded nested model. */
    private static String exitId(Layer l, String prefix, PlotOptions o) {
        if (o.expandNested() && l instanceof Model && ((Model) l).isFunctional()) {
            Model m = (Model) l;
            Layer last = m.outputs().get(0).layer();
            return exitId(last, prefix + l.name() + "/", o);
        }
        return prefix + l.name();
    }

    private static NodeLabel label(Layer l, PlotOptions o) {
        String title = o.showLayerNames() ? l.name() + " (" + l.typeName() + ")" : l.typeName();
        NodeLabel label = NodeLabel.of(title);
        if (o.showLayerActivations()) {
            Activation a = l instanceof Dense ? ((Dense) l).activation() : null;
            if (a != null) {
                label = label.withRow("Activation: " + a.name());
            }
        }
        List<Node> nodes = l.inboundNodes();
        Node node = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        if (o.showShapes() && node != null) {
            label = label.withRow("Input shape: " + shapes(node.isInput() ? node.outputs() : node.inputs()),
                    "Output shape: " + shapes(node.outputs()));
        }
        if (o.showDtype() && node != null) {
            label = label.withRow("Input dtype: " + dtypes(node.isInput() ? node.outputs() : node.inputs()),
                    "Output dtype: " + dtypes(node.outputs()));
        }
        if (o.showTrainable()) {
            label = label.withRow("Trainable: " + (l.isTrainable() ? "True" : "False"));
        }
        return label;
    }

    private static String shapes(List<KerasTensor> ts) {
        List<String> s = ts.stream().map(k -> Shape.keras(k.shape())).toList();
        return s.size() == 1 ? s.get(0) : "[" + String.join(", ", s) + "]";
    }

    private static String dtypes(List<KerasTensor> ts) {
        List<String> s = ts.stream().map(k -> k.dtype().kerasName()).toList();
        return s.size() == 1 ? s.get(0) : "[" + String.join(", ", s) + "]";
    }
}
