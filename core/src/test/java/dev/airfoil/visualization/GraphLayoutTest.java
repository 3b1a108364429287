package dev.airfoil.visualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    private static Map<String, GraphLayout.NodeBox> byId(GraphLayout layout) {
        Map<String, GraphLayout.NodeBox> m = new HashMap<>();
        for (GraphLayout.NodeBox b : layout.nodes()) {
            m.put(b.id(), b);
        }
        return m;
    }

    private static void assertNoOverlap(GraphLayout layout) {
        List<GraphLayout.NodeBox> nodes = layout.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            GraphLayout.NodeBox a = nodes.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= layout.width()
                    && a.y() + a.height() <= layout.height(), a.id() + " lies inside the drawing");
            for (int j = i + 1; j < nodes.size(); j++) {
                assertFalse(a.overlaps(nodes.get(j)), a.id() + " overlaps " + nodes.get(j).id());
            }
        }
    }

    private static void assertForward(GraphSpec spec, GraphLayout layout, boolean checkRanks) {
        Map<String, GraphLayout.NodeBox> boxes = byId(layout);
        for (GraphSpec.Edge e : spec.edges()) {
            GraphLayout.NodeBox a = boxes.get(e.from());
            GraphLayout.NodeBox b = boxes.get(e.to());
            if (spec.rankDir() == RankDir.TB) {
                assertTrue(a.y() + a.height() < b.y(), e + " goes downwards");
            } else {
                assertTrue(a.x() + a.width() < b.x(), e + " goes to the right");
            }
            if (checkRanks) {
                assertTrue(a.rank() < b.rank(), e + " goes from a lower to a higher rank");
            }
        }
    }

    @Test
    void twoInputTwoOutputIsLayeredTopToBottom() {
        GraphSpec spec = Samples.twoInTwoOut().build();
        GraphLayout layout = GraphLayout.of(spec);
        assertEquals(7, layout.nodes().size());
        assertEquals(6, layout.edges().size());
        assertForward(spec, layout, true);
        assertNoOverlap(layout);
        Map<String, GraphLayout.NodeBox> boxes = byId(layout);
        assertEquals(0, boxes.get("in1").rank());
        assertEquals(3, boxes.get("cat").rank());
        assertEquals(2, boxes.get("in2").rank(), "a second input sits just above the layer that consumes it");
        assertEquals(4, boxes.get("main").rank());
    }

    @Test
    void leftToRightFlowsAlongX() {
        GraphSpec spec = Samples.twoInTwoOut().rankDir(RankDir.LR).build();
        GraphLayout layout = GraphLayout.of(spec);
        assertForward(spec, layout, true);
        assertNoOverlap(layout);
    }

    @Test
    void nodeSizesComeFromTheText() {
        GraphLayout layout = GraphLayout.of(Samples.twoInTwoOut().build());
        Map<String, GraphLayout.NodeBox> boxes = byId(layout);
        assertTrue(boxes.get("cat").width() > boxes.get("main").width(), "longer cells make a wider node");
        assertTrue(boxes.get("in1").height() > boxes.get("in2").height(), "more rows make a taller node");
    }

    @Test
    void edgeRoutesStartAndEndOnTheNodeBorders() {
        GraphLayout layout = GraphLayout.of(Samples.twoInTwoOut().build());
        Map<String, GraphLayout.NodeBox> boxes = byId(layout);
        for (GraphLayout.EdgeRoute r : layout.edges()) {
            GraphLayout.NodeBox a = boxes.get(r.from());
            GraphLayout.NodeBox b = boxes.get(r.to());
            GraphLayout.Point first = r.points().get(0);
            GraphLayout.Point last = r.points().get(r.points().size() - 1);
            assertEquals(a.y() + a.height(), first.y(), 1e-9);
            assertTrue(first.x() > a.x() && first.x() < a.x() + a.width());
            assertEquals(b.y(), last.y(), 1e-9);
            assertTrue(last.x() > b.x() && last.x() < b.x() + b.width());
        }
        // in2 -> cat and d1 -> cat enter cat at two different ports
        List<GraphLayout.EdgeRoute> intoCat = layout.edges().stream().filter(e -> e.to().equals("cat")).toList();
        assertEquals(2, intoCat.size());
        GraphLayout.Point p0 = intoCat.get(0).points().get(intoCat.get(0).points().size() - 1);
        GraphLayout.Point p1 = intoCat.get(1).points().get(intoCat.get(1).points().size() - 1);
        assertTrue(Math.abs(p0.x() - p1.x()) > 5);
    }

    @Test
    void longEdgesBendOncePerRankCrossed() {
        GraphSpec spec = GraphSpec.builder()
                .node("a", NodeLabel.of("a")).node("b", NodeLabel.of("b")).node("c", NodeLabel.of("c"))
                .node("d", NodeLabel.of("d"))
                .edge("a", "b").edge("b", "c").edge("c", "d").edge("a", "d").build();
        GraphLayout layout = GraphLayout.of(spec);
        assertEquals(2 + 2 * 2, layout.edges().get(3).points().size(), "two bends per rank crossed");
        assertNoOverlap(layout);
        assertRoutesAvoidOtherNodes(layout);
    }

    /** No route point lies inside a node box other than at its own two ends. */
    private static void assertRoutesAvoidOtherNodes(GraphLayout layout) {
        for (GraphLayout.EdgeRoute r : layout.edges()) {
            for (GraphLayout.Point p : r.points().subList(1, r.points().size() - 1)) {
                for (GraphLayout.NodeBox n : layout.nodes()) {
                    boolean inside = p.x() > n.x() && p.x() < n.x() + n.width() && p.y() > n.y()
                            && p.y() < n.y() + n.height();
                    assertFalse(inside, r.from() + " -> " + r.to() + " passes through " + n.id());
                }
            }
        }
    }

    @Test
    void randomGraphsKeepEveryProperty() {
        for (long seed = 1; seed <= 12; seed++) {
            for (RankDir dir : RankDir.values()) {
                GraphSpec spec = Samples.randomDag(seed, 8 + (int) seed * 2, 0.15, dir);
                GraphLayout layout = GraphLayout.of(spec);
                assertForward(spec, layout, true);
                assertNoOverlap(layout);
                assertRoutesAvoidOtherNodes(layout);
            }
        }
    }

    @Test
    void clustersContainTheirMembersAndNothingElse() {
        GraphSpec spec = Samples.nested().build();
        GraphLayout layout = GraphLayout.of(spec);
        assertForward(spec, layout, false);
        assertNoOverlap(layout);
        Map<String, GraphLayout.ClusterBox> clusters = new HashMap<>();
        for (GraphLayout.ClusterBox c : layout.clusters()) {
            clusters.put(c.id(), c);
        }
        assertEquals(2, clusters.size());
        Map<String, GraphLayout.NodeBox> boxes = byId(layout);
        for (String id : List.of("e1", "b1", "b2", "e2")) {
            assertTrue(clusters.get("enc").contains(boxes.get(id)), id + " is inside encoder");
        }
        for (String id : List.of("b1", "b2")) {
            assertTrue(clusters.get("blk").contains(boxes.get(id)), id + " is inside block");
        }
        GraphLayout.ClusterBox enc = clusters.get("enc");
        GraphLayout.ClusterBox blk = clusters.get("blk");
        assertTrue(blk.x() > enc.x() && blk.y() > enc.y() && blk.x() + blk.width() < enc.x() + enc.width()
                && blk.y() + blk.height() < enc.y() + enc.height(), "block lies inside encoder");
        for (String id : List.of("in", "side", "out", "e1", "e2")) {
            GraphLayout.NodeBox n = boxes.get(id);
            GraphLayout.NodeBox blkAsNode = new GraphLayout.NodeBox("blk", NodeLabel.of(""), blk.x(), blk.y(),
                    blk.width(), blk.height(), 0);
            assertFalse(n.overlaps(blkAsNode), id + " is outside block");
        }
        for (String id : List.of("in", "side", "out")) {
            GraphLayout.NodeBox n = boxes.get(id);
            GraphLayout.NodeBox encAsNode = new GraphLayout.NodeBox("enc", NodeLabel.of(""), enc.x(), enc.y(),
                    enc.width(), enc.height(), 0);
            assertFalse(n.overlaps(encAsNode), id + " is outside encoder");
        }
        assertEquals("enc", layout.clusters().get(0).id(), "parents come before children");
    }

    @Test
    void cyclesDoNotBreakTheLayout() {
        GraphSpec spec = GraphSpec.builder()
                .node("a", NodeLabel.of("a")).node("b", NodeLabel.of("b")).node("c", NodeLabel.of("c"))
                .edge("a", "b").edge("b", "c").edge("c", "a").build();
        GraphLayout layout = GraphLayout.of(spec);
        assertEquals(3, layout.edges().size());
        assertNoOverlap(layout);
    }

    @Test
    void isotonicFitPoolsViolators() {
        double[] fit = LayeredLayout.isotonic(new double[] {1, 3, 2, 4, 0});
        for (int i = 1; i < fit.length; i++) {
            assertTrue(fit[i] >= fit[i - 1] - 1e-12);
        }
        assertEquals(1, fit[0], 1e-12);
        assertEquals(2.25, fit[2], 1e-12);
    }

    @Test
    void invalidSpecsAreRejectedWithClearMessages() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().node("a", NodeLabel.of("a")).edge("a", "zz").build());
        assertTrue(e.getMessage().contains("'zz'"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().node("a", NodeLabel.of("a")).node("a", NodeLabel.of("b")).build());
        assertTrue(e.getMessage().contains("duplicate node id 'a'"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().node("a", NodeLabel.of("a"), "nope").build());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }
}
