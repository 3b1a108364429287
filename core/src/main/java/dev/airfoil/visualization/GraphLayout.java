package dev.airfoil.visualization;

import java.util.List;

/**
 * The computed geometry of a {@link GraphSpec}: where every node, cluster box and edge goes, in layout
 * units (one unit is one pixel at 96 dpi), with the origin at the top-left corner and y pointing down.
 * Writers draw from this; tests and callers may inspect it.
 *
 * <p>Compute one with {@link #of(GraphSpec)}; the algorithm is a small Sugiyama-style layered layout
 * (longest-path ranks, barycenter crossing reduction, neighbour-mean placement with exact separation
 * constraints), applied recursively so that every cluster is laid out as one block inside its parent.
 *
 * @param width    total width, margins included
 * @param height   total height, margins included
 * @param rankDir  the flow direction the layout was made for
 * @param nodes    one box per node, in the order of {@link GraphSpec#nodes()}
 * @param clusters one box per cluster, parents before children
 * @param edges    one route per edge, in the order of {@link GraphSpec#edges()}
 */
public record GraphLayout(double width, double height, RankDir rankDir, List<NodeBox> nodes,
                          List<ClusterBox> clusters, List<EdgeRoute> edges) {

    /** Makes immutable copies. */
    public GraphLayout {
        nodes = List.copyOf(nodes);
        clusters = List.copyOf(clusters);
        edges = List.copyOf(edges);
    }

    /**
     * Lays out a graph; node sizes are measured from their label text with the JDK's font metrics
     * (works headless).
     *
     * @param spec the graph
     * @return its layout
     */
    public static GraphLayout of(GraphSpec spec) {
        return new CompoundLayout(spec).run();
    }

    /**
     * A point in layout units.
     *
     * @param x horizontal coordinate, growing to the right
     * @param y vertical coordinate, growing downwards
     */
    public record Point(double x, double y) {
    }

    /**
     * The box of one node.
     *
     * @param id     the node id
     * @param label  the node label
     * @param x      left edge
     * @param y      top edge
     * @param width  width measured from the label text
     * @param height height measured from the label text
     * @param rank   the node's layer within its enclosing cluster's layout (within the whole graph for
     *               nodes outside clusters); edges between nodes of one level go from lower to higher rank
     *               unless the graph has a cycle
     */
    public record NodeBox(String id, NodeLabel label, double x, double y, double width, double height, int rank) {
        /** @return the x coordinate of the centre */
        public double centerX() {
            return x + width / 2;
        }

        /** @return the y coordinate of the centre */
        public double centerY() {
            return y + height / 2;
        }

        /**
         * Whether this box and another share interior area.
         *
         * @param o the other box
         * @return true if they overlap
         */
        public boolean overlaps(NodeBox o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    /**
     * The box drawn around a cluster's members, its label at the top left.
     *
     * @param id     the cluster id
     * @param label  the cluster label
     * @param x      left edge
     * @param y      top edge
     * @param width  width
     * @param height height
     */
    public record ClusterBox(String id, String label, double x, double y, double width, double height) {
        /**
         * Whether a node box lies inside this box.
         *
         * @param n the node box
         * @return true if it is contained
         */
        public boolean contains(NodeBox n) {
            return n.x() >= x && n.y() >= y && n.x() + n.width() <= x + width && n.y() + n.height() <= y + height;
        }
    }

    /**
     * The route of one edge: a polyline from a port on the source node's outgoing side, through one bend
     * per rank crossed, to the arrow tip on a port of the target node. Writers draw it as a smooth curve
     * whose tangents run along the rank axis at every point, ending in an arrowhead.
     *
     * @param from   source node id
     * @param to     target node id
     * @param points at least two points; the last one is the arrow tip
     */
    public record EdgeRoute(String from, String to, List<Point> points) {
        /** Makes an immutable copy. */
        public EdgeRoute {
            points = List.copyOf(points);
            if (points.size() < 2) {
                throw new IllegalArgumentException("edge " + from + " -> " + to + " needs at least 2 points");
            }
        }
    }
}
