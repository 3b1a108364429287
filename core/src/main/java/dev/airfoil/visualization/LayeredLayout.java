package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A Sugiyama-style layered layout of one level of a graph (the compound structure is handled by
 * {@link CompoundLayout}). Items are boxes of known size; the steps are:
 * <ol>
 *   <li>cycle breaking: edges that close a cycle in a depth-first search are reversed;</li>
 *   <li>ranks by longest path from the sources, then each source is pulled down to just above its
 *       nearest successor (so a second input sits next to the layer that consumes it);</li>
 *   <li>edges that span several ranks get a chain of small dummy vertices, one per rank crossed;</li>
 *   <li>crossing reduction: alternate down and up barycenter sweeps, keeping the order with fewest crossings;</li>
 *   <li>coordinates across the ranks: each vertex is pulled to the median of its neighbours, and every rank
 *       is then projected onto its separation constraints exactly (pool-adjacent-violators);</li>
 *   <li>coordinates along the ranks: each rank is a band as thick as its thickest item, with a fixed gap;
 *       edges run straight along the rank axis inside bands and bend only in the gaps between them.</li>
 * </ol>
 */
final class LayeredLayout {

    /**
     * The layout of one level.
     *
     * @param cx       item centre x, relative to the content's top-left corner
     * @param cy       item centre y
     * @param rank     item rank
     * @param width    content width
     * @param height   content height
     * @param bends    for each edge, in the edge's own direction, two points per rank crossed: where the
     *                 edge enters and leaves that rank's band, at its dummy vertex's cross-axis position
     * @param exit     for each edge, the along-axis coordinate where it leaves its source's rank band
     * @param entry    for each edge, the along-axis coordinate where it enters its target's rank band
     * @param reversed for each edge, whether it was reversed to break a cycle
     */
    record Result(double[] cx, double[] cy, int[] rank, double width, double height,
                  List<List<GraphLayout.Point>> bends, double[] exit, double[] entry, boolean[] reversed) {
    }

    private static final int SWEEPS = 8;
    private static final int PLACEMENT_ROUNDS = 12;

    private final int n;
    private final int[][] edges;
    private final RankDir dir;
    /** Per vertex (items first, then dummies). */
    private final List<Integer> vRank = new ArrayList<>();
    private final List<Double> vAcross = new ArrayList<>();
    private final List<Double> vAlong = new ArrayList<>();
    private final List<List<Integer>> preds = new ArrayList<>();
    private final List<List<Integer>> succs = new ArrayList<>();
    private final List<int[]> chains = new ArrayList<>();
    private List<List<Integer>> layers;
    private double[] pos;
    private double[] bandStart;
    private double[] bandEnd;

    private LayeredLayout(int n, int[][] edges, RankDir dir) {
        this.n = n;
        this.edges = edges;
        this.dir = dir;
    }

    /**
     * Lays out items of the given sizes joined by edges.
     *
     * @param widths  item widths
     * @param heights item heights
     * @param edges   {@code {source, target}} item index pairs, source != target
     * @param dir     flow direction
     * @return the layout
     */
    static Result layout(double[] widths, double[] heights, int[][] edges, RankDir dir) {
        LayeredLayout l = new LayeredLayout(widths.length, edges, dir);
        return l.run(widths, heights);
    }

    private Result run(double[] widths, double[] heights) {
        boolean[] reversed = breakCycles();
        int[] rank = assignRanks(reversed);
        for (int v = 0; v < n; v++) {
            addVertex(rank[v], dir.vertical() ? widths[v] : heights[v], dir.vertical() ? heights[v] : widths[v]);
        }
        for (int e = 0; e < edges.length; e++) {
            int s = reversed[e] ? edges[e][1] : edges[e][0];
            int t = reversed[e] ? edges[e][0] : edges[e][1];
            int[] chain = new int[rank[t] - rank[s] + 1];
            chain[0] = s;
            chain[chain.length - 1] = t;
            for (int i = 1; i < chain.length - 1; i++) {
                chain[i] = addVertex(rank[s] + i, Theme.DUMMY_SIZE, 0);
            }
            for (int i = 0; i + 1 < chain.length; i++) {
                succs.get(chain[i]).add(chain[i + 1]);
                preds.get(chain[i + 1]).add(chain[i]);
            }
            chains.add(chain);
        }
        orderLayers();
        double[] across = placeAcross();
        double[] along = placeAlong();

        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int v = 0; v < n; v++) {
            cx[v] = dir.vertical() ? across[v] : along[v];
            cy[v] = dir.vertical() ? along[v] : across[v];
        }
        List<List<GraphLayout.Point>> bends = new ArrayList<>();
        double[] exit = new double[edges.length];
        double[] entry = new double[edges.length];
        for (int e = 0; e < edges.length; e++) {
            int[] chain = chains.get(e);
            List<GraphLayout.Point> pts = new ArrayList<>();
            for (int i = 1; i < chain.length - 1; i++) {
                int d = chain[i];
                int r = vRank.get(d);
                for (double a : new double[] {bandStart[r], bandEnd[r]}) {
                    pts.add(dir.vertical() ? new GraphLayout.Point(across[d], a) : new GraphLayout.Point(a, across[d]));
                }
            }
            int first = vRank.get(chain[0]);
            int last = vRank.get(chain[chain.length - 1]);
            if (reversed[e]) {
                java.util.Collections.reverse(pts);
                exit[e] = bandStart[last];
                entry[e] = bandEnd[first];
            } else {
                exit[e] = bandEnd[first];
                entry[e] = bandStart[last];
            }
            bends.add(List.copyOf(pts));
        }
        double acrossExtent = extent(across, vAcross);
        double alongExtent = extent(along, vAlong);
        return new Result(cx, cy, rank, dir.vertical() ? acrossExtent : alongExtent,
                dir.vertical() ? alongExtent : acrossExtent, bends, exit, entry, reversed);
    }

    private double extent(double[] centre, List<Double> size) {
        double max = 0;
        for (int v = 0; v < centre.length; v++) {
            max = Math.max(max, centre[v] + size.get(v) / 2);
        }
        return max;
    }

    private int addVertex(int rank, double across, double along) {
        vRank.add(rank);
        vAcross.add(across);
        vAlong.add(along);
        preds.add(new ArrayList<>());
        succs.add(new ArrayList<>());
        return vRank.size() - 1;
    }

    private boolean[] breakCycles() {
        List<List<Integer>> out = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.length; e++) {
            out.get(edges[e][0]).add(e);
        }
        boolean[] reversed = new boolean[edges.length];
        int[] state = new int[n];
        for (int v = 0; v < n; v++) {
            if (state[v] == 0) {
                dfs(v, out, state, reversed);
            }
        }
        return reversed;
    }

    private void dfs(int v, List<List<Integer>> out, int[] state, boolean[] reversed) {
        state[v] = 1;
        for (int e : out.get(v)) {
            int t = edges[e][1];
            if (state[t] == 1) {
                reversed[e] = true;
            } else if (state[t] == 0) {
                dfs(t, out, state, reversed);
            }
        }
        state[v] = 2;
    }

    private int[] assignRanks(boolean[] reversed) {
        int[] indeg = new int[n];
        List<List<Integer>> out = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.length; e++) {
            int s = reversed[e] ? edges[e][1] : edges[e][0];
            int t = reversed[e] ? edges[e][0] : edges[e][1];
            out.get(s).add(t);
            indeg[t]++;
        }
        int[] rank = new int[n];
        int[] remaining = indeg.clone();
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (remaining[v] == 0) {
                queue[tail++] = v;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int t : out.get(v)) {
                rank[t] = Math.max(rank[t], rank[v] + 1);
                if (--remaining[t] == 0) {
                    queue[tail++] = t;
                }
            }
        }
        for (int v = 0; v < n; v++) {
            if (indeg[v] == 0 && !out.get(v).isEmpty()) {
                int min = Integer.MAX_VALUE;
                for (int t : out.get(v)) {
                    min = Math.min(min, rank[t]);
                }
                rank[v] = min - 1;
            }
        }
        return rank;
    }

    // ---- crossing reduction ----

    private void orderLayers() {
        int vertices = vRank.size();
        int ranks = 0;
        for (int r : vRank) {
            ranks = Math.max(ranks, r + 1);
        }
        layers = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            layers.add(new ArrayList<>());
        }
        boolean[] seen = new boolean[vertices];
        for (int v = 0; v < n; v++) {
            if (preds.get(v).isEmpty()) {
                visit(v, seen);
            }
        }
        for (int v = 0; v < vertices; v++) {
            visit(v, seen);
        }
        pos = new double[vertices];
        updatePositions();
        List<List<Integer>> best = copy(layers);
        long bestCrossings = crossings();
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            for (int r = 1; r < ranks; r++) {
                sortByBarycenter(layers.get(r), preds);
            }
            for (int r = ranks - 2; r >= 0; r--) {
                sortByBarycenter(layers.get(r), succs);
            }
            long c = crossings();
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(layers);
            }
        }
        layers = best;
        updatePositions();
    }

    private void visit(int v, boolean[] seen) {
        if (seen[v]) {
            return;
        }
        seen[v] = true;
        layers.get(vRank.get(v)).add(v);
        for (int t : succs.get(v)) {
            visit(t, seen);
        }
    }

    private static List<List<Integer>> copy(List<List<Integer>> layers) {
        List<List<Integer>> c = new ArrayList<>();
        for (List<Integer> l : layers) {
            c.add(new ArrayList<>(l));
        }
        return c;
    }

    private void updatePositions() {
        for (List<Integer> layer : layers) {
            for (int i = 0; i < layer.size(); i++) {
                pos[layer.get(i)] = i;
            }
        }
    }

    private void sortByBarycenter(List<Integer> layer, List<List<Integer>> neighbours) {
        double[] key = new double[pos.length];
        for (int v : layer) {
            List<Integer> nb = neighbours.get(v);
            if (nb.isEmpty()) {
                key[v] = pos[v];
            } else {
                double sum = 0;
                for (int u : nb) {
                    sum += pos[u];
                }
                key[v] = sum / nb.size();
            }
        }
        layer.sort(Comparator.comparingDouble(v -> key[v]));
        for (int i = 0; i < layer.size(); i++) {
            pos[layer.get(i)] = i;
        }
    }

    private long crossings() {
        updatePositions();
        long count = 0;
        for (List<Integer> layer : layers) {
            List<int[]> segs = new ArrayList<>();
            for (int a : layer) {
                for (int b : succs.get(a)) {
                    segs.add(new int[] {a, b});
                }
            }
            for (int i = 0; i < segs.size(); i++) {
                for (int j = i + 1; j < segs.size(); j++) {
                    double da = pos[segs.get(i)[0]] - pos[segs.get(j)[0]];
                    double db = pos[segs.get(i)[1]] - pos[segs.get(j)[1]];
                    if (da * db < 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    // ---- coordinates ----

    private boolean dummy(int v) {
        return v >= n;
    }

    private double gap(int a, int b) {
        double sep = dummy(a) || dummy(b) ? Theme.DUMMY_SEP : Theme.NODE_SEP;
        return (vAcross.get(a) + vAcross.get(b)) / 2 + sep;
    }

    private double[] placeAcross() {
        double[] x = new double[vRank.size()];
        for (List<Integer> layer : layers) {
            double at = 0;
            for (int i = 0; i < layer.size(); i++) {
                if (i > 0) {
                    at += gap(layer.get(i - 1), layer.get(i));
                }
                x[layer.get(i)] = at;
            }
        }
        for (int round = 0; round < PLACEMENT_ROUNDS; round++) {
            for (int r = 1; r < layers.size(); r++) {
                relax(layers.get(r), x, preds, null);
            }
            for (int r = layers.size() - 2; r >= 0; r--) {
                relax(layers.get(r), x, succs, null);
            }
        }
        for (List<Integer> layer : layers) {
            relax(layer, x, preds, succs);
        }
        double min = Double.POSITIVE_INFINITY;
        for (int v = 0; v < x.length; v++) {
            min = Math.min(min, x[v] - vAcross.get(v) / 2);
        }
        for (int v = 0; v < x.length; v++) {
            x[v] -= min;
        }
        return x;
    }

    /** Moves each vertex of a layer towards the median of its neighbours, then restores the separations. */
    private void relax(List<Integer> layer, double[] x, List<List<Integer>> first, List<List<Integer>> second) {
        int k = layer.size();
        double[] desired = new double[k];
        for (int i = 0; i < k; i++) {
            int v = layer.get(i);
            List<Double> xs = new ArrayList<>();
            for (List<List<Integer>> nbs : second == null ? List.of(first) : List.of(first, second)) {
                for (int u : nbs.get(v)) {
                    xs.add(x[u]);
                }
            }
            desired[i] = xs.isEmpty() ? x[v] : median(xs);
        }
        double[] offset = new double[k];
        for (int i = 1; i < k; i++) {
            offset[i] = offset[i - 1] + gap(layer.get(i - 1), layer.get(i));
        }
        double[] target = new double[k];
        for (int i = 0; i < k; i++) {
            target[i] = desired[i] - offset[i];
        }
        double[] fitted = isotonic(target);
        for (int i = 0; i < k; i++) {
            x[layer.get(i)] = fitted[i] + offset[i];
        }
    }

    /** The median, or the mean of the two middle values for an even count. */
    private static double median(List<Double> xs) {
        xs.sort(null);
        int k = xs.size();
        return k % 2 == 1 ? xs.get(k / 2) : (xs.get(k / 2 - 1) + xs.get(k / 2)) / 2;
    }

    /** Least-squares nondecreasing fit (pool adjacent violators). */
    static double[] isotonic(double[] y) {
        int k = y.length;
        double[] sum = new double[k];
        int[] count = new int[k];
        int blocks = 0;
        for (double v : y) {
            sum[blocks] = v;
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / count[blocks - 2] > sum[blocks - 1] / count[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[k];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(out, i, i + count[b], sum[b] / count[b]);
            i += count[b];
        }
        return out;
    }

    private double[] placeAlong() {
        double[] thickness = new double[layers.size()];
        for (int v = 0; v < vRank.size(); v++) {
            thickness[vRank.get(v)] = Math.max(thickness[vRank.get(v)], vAlong.get(v));
        }
        double[] centre = new double[layers.size()];
        bandStart = new double[layers.size()];
        bandEnd = new double[layers.size()];
        double at = 0;
        for (int r = 0; r < layers.size(); r++) {
            centre[r] = at + thickness[r] / 2;
            bandStart[r] = at;
            bandEnd[r] = at + thickness[r];
            at += thickness[r] + Theme.RANK_SEP;
        }
        double[] y = new double[vRank.size()];
        for (int v = 0; v < y.length; v++) {
            y[v] = centre[vRank.get(v)];
        }
        return y;
    }
}
