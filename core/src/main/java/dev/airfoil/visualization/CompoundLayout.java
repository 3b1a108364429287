package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out a {@link GraphSpec} with clusters: each cluster (innermost first) is laid out on its own by
 * {@link LayeredLayout} and then takes part in its parent's layout as a single block, so a cluster box
 * always contains its members and nothing else. An edge is laid out at the level of the innermost
 * cluster that holds both of its ends; at the end every edge is routed between the real node boxes.
 */
final class CompoundLayout {

    private final GraphSpec spec;
    private final Map<String, NodeGeometry> geometry = new HashMap<>();
    private final Map<String, GraphSpec.Cluster> clusterById = new HashMap<>();
    private final Map<String, Level> levels = new HashMap<>();
    private final Map<String, GraphLayout.NodeBox> nodeBoxes = new LinkedHashMap<>();
    private final List<GraphLayout.ClusterBox> clusterBoxes = new ArrayList<>();
    /** Absolute bends per spec edge index, and whether the edge was reversed. */
    private final Map<Integer, List<GraphLayout.Point>> bends = new HashMap<>();
    private final Map<Integer, Boolean> reversed = new HashMap<>();
    /** Absolute along-axis coordinates where each spec edge leaves its source band and enters its target band. */
    private final Map<Integer, double[]> exitEntry = new HashMap<>();

    /** One laid-out level: the root (key null) or a cluster. */
    private record Level(List<String> items, List<Boolean> isCluster, List<Integer> edgeIds,
                         LayeredLayout.Result result, double width, double height,
                         double contentX, double contentY) {
    }

    CompoundLayout(GraphSpec spec) {
        this.spec = spec;
        for (GraphSpec.Cluster c : spec.clusters()) {
            clusterById.put(c.id(), c);
        }
        for (GraphSpec.Node node : spec.nodes()) {
            geometry.put(node.id(), NodeGeometry.measure(node.label()));
        }
    }

    GraphLayout run() {
        Level root = level(null);
        place(null, 0, 0);
        List<GraphLayout.EdgeRoute> routes = new EdgeRouter(spec.rankDir()).route(spec.edges(), nodeBoxes, bends,
                exitEntry, reversed);
        List<GraphLayout.NodeBox> nodes = new ArrayList<>();
        for (GraphSpec.Node node : spec.nodes()) {
            nodes.add(nodeBoxes.get(node.id()));
        }
        return new GraphLayout(root.width(), root.height(), spec.rankDir(), nodes, clusterBoxes, routes);
    }

    /** The chain of clusters from the outermost to {@code cluster} itself. */
    private List<String> ancestry(String cluster) {
        List<String> chain = new ArrayList<>();
        for (String c = cluster; c != null; c = clusterById.get(c).parent()) {
            chain.add(0, c);
        }
        return chain;
    }

    private String commonCluster(String a, String b) {
        List<String> ca = ancestry(a);
        List<String> cb = ancestry(b);
        String common = null;
        for (int i = 0; i < Math.min(ca.size(), cb.size()) && ca.get(i).equals(cb.get(i)); i++) {
            common = ca.get(i);
        }
        return common;
    }

    /** The item of level {@code level} that holds a node: the node itself or a child cluster; null if outside. */
    private String representative(GraphSpec.Node node, String level) {
        List<String> chain = ancestry(node.cluster());
        if (level == null) {
            return chain.isEmpty() ? "n:" + node.id() : "c:" + chain.get(0);
        }
        int at = chain.indexOf(level);
        if (at < 0) {
            return null;
        }
        return at == chain.size() - 1 ? "n:" + node.id() : "c:" + chain.get(at + 1);
    }

    private Level level(String cluster) {
        List<String> items = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (GraphSpec.Node node : spec.nodes()) {
            String rep = representative(node, cluster);
            if (rep != null && !index.containsKey(rep)) {
                index.put(rep, items.size());
                items.add(rep);
            }
        }
        for (GraphSpec.Cluster c : spec.clusters()) {
            // empty clusters still get a (small) box
            if (java.util.Objects.equals(c.parent(), cluster) && !index.containsKey("c:" + c.id())) {
                index.put("c:" + c.id(), items.size());
                items.add("c:" + c.id());
            }
        }
        int k = items.size();
        double[] w = new double[k];
        double[] h = new double[k];
        List<Boolean> isCluster = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String item = items.get(i);
            String id = item.substring(2);
            boolean c = item.startsWith("c:");
            isCluster.add(c);
            if (c) {
                Level child = level(id);
                w[i] = child.width();
                h[i] = child.height();
            } else {
                w[i] = geometry.get(id).width();
                h[i] = geometry.get(id).height();
            }
        }
        List<int[]> levelEdges = new ArrayList<>();
        List<Integer> edgeIds = new ArrayList<>();
        for (int e = 0; e < spec.edges().size(); e++) {
            GraphSpec.Node from = spec.node(spec.edges().get(e).from());
            GraphSpec.Node to = spec.node(spec.edges().get(e).to());
            if (java.util.Objects.equals(commonCluster(from.cluster(), to.cluster()), cluster)) {
                levelEdges.add(new int[] {index.get(representative(from, cluster)),
                        index.get(representative(to, cluster))});
                edgeIds.add(e);
            }
        }
        LayeredLayout.Result result = LayeredLayout.layout(w, h, levelEdges.toArray(new int[0][]), spec.rankDir());
        double pad = cluster == null ? Theme.MARGIN : Theme.CLUSTER_PAD;
        double band = cluster == null ? 0 : Theme.CLUSTER_FONT.lineHeight() + Theme.CLUSTER_PAD / 2;
        double labelWidth = cluster == null ? 0 : Theme.CLUSTER_FONT.width(clusterById.get(cluster).label());
        double innerWidth = Math.max(Math.max(result.width(), labelWidth), cluster == null ? 0 : 40);
        double width = Math.ceil(innerWidth + 2 * pad);
        double height = Math.ceil(Math.max(result.height(), cluster == null ? 0 : 20) + 2 * pad + band);
        Level level = new Level(items, isCluster, edgeIds, result, width, height,
                pad + (innerWidth - result.width()) / 2, pad + band);
        levels.put(cluster, level);
        return level;
    }

    /** Places a level whose block has its top-left corner at (x, y), then its children. */
    private void place(String cluster, double x, double y) {
        Level level = levels.get(cluster);
        if (cluster != null) {
            clusterBoxes.add(new GraphLayout.ClusterBox(cluster, clusterById.get(cluster).label(), x, y,
                    level.width(), level.height()));
        }
        double ox = x + level.contentX();
        double oy = y + level.contentY();
        LayeredLayout.Result r = level.result();
        for (int i = 0; i < level.items().size(); i++) {
            String id = level.items().get(i).substring(2);
            double cx = ox + r.cx()[i];
            double cy = oy + r.cy()[i];
            if (level.isCluster().get(i)) {
                Level child = levels.get(id);
                place(id, cx - child.width() / 2, cy - child.height() / 2);
            } else {
                NodeGeometry g = geometry.get(id);
                nodeBoxes.put(id, new GraphLayout.NodeBox(id, spec.node(id).label(), cx - g.width() / 2,
                        cy - g.height() / 2, g.width(), g.height(), r.rank()[i]));
            }
        }
        for (int j = 0; j < level.edgeIds().size(); j++) {
            List<GraphLayout.Point> abs = new ArrayList<>();
            for (GraphLayout.Point p : r.bends().get(j)) {
                abs.add(new GraphLayout.Point(ox + p.x(), oy + p.y()));
            }
            bends.put(level.edgeIds().get(j), abs);
            reversed.put(level.edgeIds().get(j), r.reversed()[j]);
            double shift = spec.rankDir().vertical() ? oy : ox;
            exitEntry.put(level.edgeIds().get(j), new double[] {shift + r.exit()[j], shift + r.entry()[j]});
        }
        clusterBoxes.sort(Comparator.comparingInt(b -> ancestry(b.id()).size()));
    }
}
