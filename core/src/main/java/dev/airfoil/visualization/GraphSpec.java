package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A model-independent description of a directed graph to draw, the input of {@link GraphLayout},
 * {@link DotWriter} and {@link GraphPlotter}: nodes with table-like labels, directed edges, optional
 * clusters (labelled boxes, for nested models drawn with {@code expand_nested}), a rank direction
 * and a resolution for raster output.
 *
 * <p>The order of {@link #nodes()} and {@link #edges()} is kept everywhere: it seeds the left-to-right
 * order of the layout and is the order of statements in the DOT output, so edges into a node with
 * several inputs should be listed in input order.
 *
 * <pre>{@code
 * GraphSpec spec = GraphSpec.builder()
 *         .node("in", NodeLabel.of("input_1 (InputLayer)"))
 *         .node("d", NodeLabel.of("dense (Dense)").withRow("Output shape: (None, 10)"))
 *         .edge("in", "d")
 *         .rankDir(RankDir.TB)
 *         .dpi(200)
 *         .build();
 * }</pre>
 *
 * @param name     the graph name (used as DOT graph id and SVG title); never null
 * @param nodes    the nodes, ids unique
 * @param edges    directed edges between existing nodes; no self loops
 * @param clusters clusters; a node's {@link Node#cluster()} and a cluster's {@link Cluster#parent()}
 *                 refer to these by id
 * @param rankDir  flow direction
 * @param dpi      dots per inch of raster output; 96 draws one pixel per layout unit (Keras default 200)
 */
public record GraphSpec(String name, List<Node> nodes, List<Edge> edges, List<Cluster> clusters,
                        RankDir rankDir, int dpi) {

    /** The default resolution of raster output, as Keras's {@code plot_model}. */
    public static final int DEFAULT_DPI = 200;

    /**
     * One node.
     *
     * @param id      unique id, any non-empty string
     * @param label   what the node shows
     * @param cluster id of the innermost cluster that contains the node, or null for none
     */
    public record Node(String id, NodeLabel label, String cluster) {
        /** Checks the arguments. */
        public Node {
            requireId(id, "node id");
            Objects.requireNonNull(label, () -> "node '" + id + "': label must not be null");
        }
    }

    /**
     * One directed edge.
     *
     * @param from id of the source node
     * @param to   id of the target node
     */
    public record Edge(String from, String to) {
        /** Checks the arguments. */
        public Edge {
            requireId(from, "edge source");
            requireId(to, "edge target");
        }
    }

    /**
     * A labelled box drawn around its member nodes (and nested clusters).
     *
     * @param id     unique id among clusters
     * @param label  the text drawn at the top of the box (for example the nested model's name)
     * @param parent id of the enclosing cluster, or null for a top-level cluster
     */
    public record Cluster(String id, String label, String parent) {
        /** Checks the arguments. */
        public Cluster {
            requireId(id, "cluster id");
            Objects.requireNonNull(label, () -> "cluster '" + id + "': label must not be null");
        }
    }

    /** Validates references and makes immutable copies. */
    public GraphSpec {
        Objects.requireNonNull(name, "graph name must not be null");
        Objects.requireNonNull(rankDir, "rankDir must not be null (use RankDir.TB or RankDir.LR)");
        if (dpi <= 0 || dpi > 2400) {
            throw new IllegalArgumentException("dpi must be in 1..2400, but was " + dpi + " (Keras uses 200)");
        }
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        clusters = List.copyOf(clusters);
        Map<String, Cluster> clusterById = new HashMap<>();
        for (Cluster c : clusters) {
            if (clusterById.put(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate cluster id '" + c.id() + "'");
            }
        }
        for (Cluster c : clusters) {
            Set<String> seen = new HashSet<>();
            for (String p = c.parent(); p != null; p = clusterById.get(p).parent()) {
                if (!clusterById.containsKey(p)) {
                    throw new IllegalArgumentException("cluster '" + c.id() + "' names parent '" + p
                            + "', which is not a cluster of this graph; add it with cluster(...)");
                }
                if (!seen.add(p) || p.equals(c.id())) {
                    throw new IllegalArgumentException("cluster '" + c.id() + "' is its own ancestor");
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("duplicate node id '" + n.id() + "'");
            }
            if (n.cluster() != null && !clusterById.containsKey(n.cluster())) {
                throw new IllegalArgumentException("node '" + n.id() + "' is in cluster '" + n.cluster()
                        + "', which is not a cluster of this graph; add it with cluster(...)");
            }
        }
        for (Edge e : edges) {
            for (String end : List.of(e.from(), e.to())) {
                if (!ids.contains(end)) {
                    throw new IllegalArgumentException("edge " + e.from() + " -> " + e.to() + " names node '"
                            + end + "', which is not a node of this graph");
                }
            }
            if (e.from().equals(e.to())) {
                throw new IllegalArgumentException("edge " + e.from() + " -> " + e.to()
                        + " is a self loop; layer graphs have none");
            }
        }
    }

    /**
     * A new builder with no nodes, rank direction TB and {@value #DEFAULT_DPI} dpi.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The node with an id.
     *
     * @param id the id
     * @return the node
     * @throws IllegalArgumentException if there is none
     */
    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node with id '" + id + "' in graph '" + name + "'");
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty string, but was "
                    + (id == null ? "null" : "\"\""));
        }
    }

    /** A mutable builder of {@link GraphSpec}; not thread-safe. */
    public static final class Builder {
        private String name = "G";
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private final List<Cluster> clusters = new ArrayList<>();
        private RankDir rankDir = RankDir.TB;
        private int dpi = DEFAULT_DPI;

        private Builder() {
        }

        /**
         * Sets the graph name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Adds a node outside any cluster.
         *
         * @param id    unique id
         * @param label the label
         * @return this builder
         */
        public Builder node(String id, NodeLabel label) {
            return node(id, label, null);
        }

        /**
         * Adds a node inside a cluster.
         *
         * @param id      unique id
         * @param label   the label
         * @param cluster the innermost cluster id, or null
         * @return this builder
         */
        public Builder node(String id, NodeLabel label, String cluster) {
            nodes.add(new Node(id, label, cluster));
            return this;
        }

        /**
         * Adds a directed edge; edges into the same node should be added in input order.
         *
         * @param from source node id
         * @param to   target node id
         * @return this builder
         */
        public Builder edge(String from, String to) {
            edges.add(new Edge(from, to));
            return this;
        }

        /**
         * Adds a cluster.
         *
         * @param id     unique cluster id
         * @param label  the box label
         * @param parent the enclosing cluster id, or null
         * @return this builder
         */
        public Builder cluster(String id, String label, String parent) {
            clusters.add(new Cluster(id, label, parent));
            return this;
        }

        /**
         * Sets the flow direction.
         *
         * @param rankDir TB or LR
         * @return this builder
         */
        public Builder rankDir(RankDir rankDir) {
            this.rankDir = rankDir;
            return this;
        }

        /**
         * Sets the raster resolution.
         *
         * @param dpi dots per inch, 1..2400
         * @return this builder
         */
        public Builder dpi(int dpi) {
            this.dpi = dpi;
            return this;
        }

        /**
         * Builds and validates the graph.
         *
         * @return the graph
         * @throws IllegalArgumentException if an id is duplicated or a reference is dangling
         */
        public GraphSpec build() {
            return new GraphSpec(name, nodes, edges, clusters, rankDir, dpi);
        }
    }
}
