package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link GraphSpec} as Graphviz DOT source, like Keras's {@code model_to_dot}: a {@code digraph}
 * whose nodes are plain-text nodes with HTML-like table labels (a black title band, then rows of cells),
 * clusters as {@code subgraph cluster_...} blocks, and the graph's {@code rankdir} and {@code dpi}.
 * The output is meant for users who have Graphviz; nothing in Airfoil needs it.
 *
 * <pre>{@code
 * String dot = DotWriter.toDot(spec);
 * // digraph "model" { graph [rankdir="TB", dpi=200, ...]; "dense" [label=<<table ...>>]; "input_1" -> "dense"; }
 * }</pre>
 */
public final class DotWriter {

    private DotWriter() {
    }

    /**
     * The DOT source of a graph.
     *
     * @param spec the graph
     * @return DOT text, ending in a newline
     */
    public static String toDot(GraphSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("digraph ").append(quote(spec.name())).append(" {\n");
        b.append("  graph [rankdir=\"").append(spec.rankDir().name()).append("\", dpi=").append(spec.dpi())
                .append(", concentrate=true, nodesep=0.3, ranksep=0.45, fontname=\"Helvetica\"];\n");
        b.append("  node [shape=plaintext, margin=0, fontname=\"Helvetica\", fontsize=12];\n");
        b.append("  edge [arrowsize=0.8];\n");
        Map<String, List<GraphSpec.Node>> nodesIn = new HashMap<>();
        Map<String, List<GraphSpec.Cluster>> clustersIn = new HashMap<>();
        for (GraphSpec.Node n : spec.nodes()) {
            nodesIn.computeIfAbsent(key(n.cluster()), k -> new ArrayList<>()).add(n);
        }
        for (GraphSpec.Cluster c : spec.clusters()) {
            clustersIn.computeIfAbsent(key(c.parent()), k -> new ArrayList<>()).add(c);
        }
        writeLevel(b, null, nodesIn, clustersIn, "  ");
        for (GraphSpec.Edge e : spec.edges()) {
            b.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to())).append(";\n");
        }
        return b.append("}\n").toString();
    }

    private static String key(String cluster) {
        return Objects.requireNonNullElse(cluster, "\u0000root");
    }

    private static void writeLevel(StringBuilder b, String cluster, Map<String, List<GraphSpec.Node>> nodesIn,
                                   Map<String, List<GraphSpec.Cluster>> clustersIn, String indent) {
        for (GraphSpec.Node n : nodesIn.getOrDefault(key(cluster), List.of())) {
            b.append(indent).append(quote(n.id())).append(" [label=<").append(htmlLabel(n.label()))
                    .append(">];\n");
        }
        for (GraphSpec.Cluster c : clustersIn.getOrDefault(key(cluster), List.of())) {
            b.append(indent).append("subgraph ").append(quote("cluster_" + c.id())).append(" {\n");
            b.append(indent).append("  label=").append(quote(c.label())).append(";\n");
            b.append(indent).append("  style=\"dashed\";\n");
            b.append(indent).append("  labeljust=\"l\";\n");
            writeLevel(b, c.id(), nodesIn, clustersIn, indent + "  ");
            b.append(indent).append("}\n");
        }
    }

    /** The HTML-like table of a node label, without the enclosing angle brackets. */
    static String htmlLabel(NodeLabel label) {
        int columns = Math.max(1, label.maxCells());
        StringBuilder b = new StringBuilder();
        b.append("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"6\">");
        b.append("<tr><td colspan=\"").append(columns).append("\" bgcolor=\"black\">")
                .append("<font color=\"white\" point-size=\"14\"><b>").append(html(label.title()))
                .append("</b></font></td></tr>");
        for (List<String> row : label.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                int span = i == row.size() - 1 ? columns - row.size() + 1 : 1;
                b.append(span > 1 ? "<td colspan=\"" + span + "\">" : "<td>").append(html(row.get(i)))
                        .append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    /** A DOT double-quoted string. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Text for an HTML-like label: XML-escaped, apostrophes as a numeric entity. */
    static String html(String s) {
        return SvgCanvas.escape(s).replace("&apos;", "&#39;");
    }
}
