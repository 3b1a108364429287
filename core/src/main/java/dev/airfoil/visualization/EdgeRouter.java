package dev.airfoil.visualization;

import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes edges between node boxes and turns routes into drawable shapes. Several edges leaving or
 * entering the same side of a node get ports spread along that side, ordered by where the edges come
 * from, so they do not cross at the node.
 */
final class EdgeRouter {

    private final RankDir dir;

    EdgeRouter(RankDir dir) {
        this.dir = dir;
    }

    private double across(GraphLayout.Point p) {
        return dir.vertical() ? p.x() : p.y();
    }

    private double along(GraphLayout.Point p) {
        return dir.vertical() ? p.y() : p.x();
    }

    private GraphLayout.Point point(double across, double along) {
        return dir.vertical() ? new GraphLayout.Point(across, along) : new GraphLayout.Point(along, across);
    }

    private static GraphLayout.Point centre(GraphLayout.NodeBox b) {
        return new GraphLayout.Point(b.centerX(), b.centerY());
    }

    private record Port(int edge, boolean source, boolean after, double neighbour) {
    }

    List<GraphLayout.EdgeRoute> route(List<GraphSpec.Edge> edges, Map<String, GraphLayout.NodeBox> boxes,
                                      Map<Integer, List<GraphLayout.Point>> bends, Map<Integer, double[]> exitEntry,
                                      Map<Integer, Boolean> reversed) {
        Map<String, List<Port>> ports = new LinkedHashMap<>();
        for (int e = 0; e < edges.size(); e++) {
            GraphSpec.Edge edge = edges.get(e);
            List<GraphLayout.Point> b = bends.getOrDefault(e, List.of());
            boolean rev = reversed.getOrDefault(e, false);
            GraphLayout.Point afterSource = b.isEmpty() ? centre(boxes.get(edge.to())) : b.get(0);
            GraphLayout.Point beforeTarget = b.isEmpty() ? centre(boxes.get(edge.from())) : b.get(b.size() - 1);
            ports.computeIfAbsent(edge.from() + "\u0000" + !rev, k -> new ArrayList<>())
                    .add(new Port(e, true, !rev, across(afterSource)));
            ports.computeIfAbsent(edge.to() + "\u0000" + rev, k -> new ArrayList<>())
                    .add(new Port(e, false, rev, across(beforeTarget)));
        }
        GraphLayout.Point[] start = new GraphLayout.Point[edges.size()];
        GraphLayout.Point[] end = new GraphLayout.Point[edges.size()];
        for (Map.Entry<String, List<Port>> entry : ports.entrySet()) {
            String node = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
            GraphLayout.NodeBox box = boxes.get(node);
            List<Port> list = entry.getValue();
            list.sort(Comparator.comparingDouble(Port::neighbour).thenComparingInt(Port::edge));
            double size = dir.vertical() ? box.width() : box.height();
            double centreAcross = across(centre(box));
            double side = dir.vertical()
                    ? (list.get(0).after() ? box.y() + box.height() : box.y())
                    : (list.get(0).after() ? box.x() + box.width() : box.x());
            for (int i = 0; i < list.size(); i++) {
                double spacing = Math.min(0.6 * size / list.size(), 48);
                double offset = spacing * (i - (list.size() - 1) / 2.0);
                GraphLayout.Point p = point(centreAcross + offset, side);
                Port port = list.get(i);
                if (port.source()) {
                    start[port.edge()] = p;
                } else {
                    end[port.edge()] = p;
                }
            }
        }
        List<GraphLayout.EdgeRoute> routes = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            List<GraphLayout.Point> pts = new ArrayList<>();
            pts.add(start[e]);
            double[] ends = exitEntry.get(e);
            // run straight out of the source's band and into the target's band; bend only between bands
            addIfNew(pts, point(across(start[e]), ends[0]));
            for (GraphLayout.Point p : bends.getOrDefault(e, List.of())) {
                addIfNew(pts, p);
            }
            addIfNew(pts, point(across(end[e]), ends[1]));
            if (Math.abs(along(pts.get(pts.size() - 1)) - along(end[e])) < 0.5) {
                pts.remove(pts.size() - 1);
            }
            pts.add(end[e]);
            routes.add(new GraphLayout.EdgeRoute(edges.get(e).from(), edges.get(e).to(), pts));
        }
        return routes;
    }

    private void addIfNew(List<GraphLayout.Point> pts, GraphLayout.Point p) {
        GraphLayout.Point last = pts.get(pts.size() - 1);
        if (Math.abs(along(last) - along(p)) >= 0.5) {
            pts.add(p);
        }
    }

    /** The points of a route with the last one pulled back by the arrow length. */
    private List<GraphLayout.Point> shortened(GraphLayout.EdgeRoute route) {
        List<GraphLayout.Point> pts = new ArrayList<>(route.points());
        GraphLayout.Point tip = pts.get(pts.size() - 1);
        while (pts.size() > 2 && Math.abs(along(tip) - along(pts.get(pts.size() - 2))) < Theme.ARROW_LENGTH + 1) {
            pts.remove(pts.size() - 2);
        }
        double sign = Math.signum(along(tip) - along(pts.get(pts.size() - 2)));
        if (sign == 0) {
            sign = 1;
        }
        pts.set(pts.size() - 1, point(across(tip), along(tip) - sign * Theme.ARROW_LENGTH));
        return pts;
    }

    /** The edge line: cubic segments whose tangents run along the rank axis at every route point. */
    Path2D curve(GraphLayout.EdgeRoute route) {
        List<GraphLayout.Point> pts = shortened(route);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(pts.get(0).x(), pts.get(0).y());
        for (int i = 0; i + 1 < pts.size(); i++) {
            GraphLayout.Point a = pts.get(i);
            GraphLayout.Point b = pts.get(i + 1);
            double mid = (along(a) + along(b)) / 2;
            GraphLayout.Point c1 = point(across(a), mid);
            GraphLayout.Point c2 = point(across(b), mid);
            path.curveTo(c1.x(), c1.y(), c2.x(), c2.y(), b.x(), b.y());
        }
        return path;
    }

    /** The filled arrowhead at the end of a route. */
    Path2D arrowhead(GraphLayout.EdgeRoute route) {
        List<GraphLayout.Point> pts = shortened(route);
        GraphLayout.Point base = pts.get(pts.size() - 1);
        GraphLayout.Point tip = route.points().get(route.points().size() - 1);
        GraphLayout.Point left = point(across(base) - Theme.ARROW_HALF_WIDTH, along(base));
        GraphLayout.Point right = point(across(base) + Theme.ARROW_HALF_WIDTH, along(base));
        Path2D.Double path = new Path2D.Double();
        path.moveTo(tip.x(), tip.y());
        path.lineTo(left.x(), left.y());
        path.lineTo(right.x(), right.y());
        path.closePath();
        return path;
    }
}
