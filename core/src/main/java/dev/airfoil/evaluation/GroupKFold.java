package dev.airfoil.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * K-fold where all samples of a group (a patient, a writer, a session) fall in the same fold, so
 * no group is both trained and tested on. Groups are placed largest first, each into the fold with
 * the fewest samples so far (scikit-learn's {@code GroupKFold} greedy balancing; groups of equal size
 * are taken in descending order of group id).
 *
 * <pre>{@code
 * List<Fold> folds = new GroupKFold(4, writerIds).split(n, null);
 * }</pre>
 */
public final class GroupKFold implements Splitter {
    private final int k;
    private final int[] groups;

    /**
     * @param k      number of folds, at least 2 and at most the number of distinct groups
     * @param groups group id of every sample
     */
    public GroupKFold(int k, int[] groups) {
        if (k < 2) {
            throw new IllegalArgumentException("group k-fold needs k >= 2, but k was " + k);
        }
        this.k = k;
        this.groups = groups.clone();
    }

    @Override
    public List<Fold> split(int n, int[] labels) {
        if (groups.length != n) {
            throw new IllegalArgumentException("got " + groups.length + " group ids for " + n + " samples");
        }
        Map<Integer, Integer> code = new TreeMap<>();
        for (int gid : groups) {
            code.put(gid, 0);
        }
        int c = 0;
        for (Map.Entry<Integer, Integer> e : code.entrySet()) {
            e.setValue(c++);
        }
        int[] enc = new int[n];
        for (int i = 0; i < n; i++) {
            enc[i] = code.get(groups[i]);
        }
        int g = code.size();
        if (k > g) {
            throw new IllegalArgumentException("cannot make " + k + " folds from " + g + " distinct groups");
        }
        int[] size = new int[g];
        for (int e : enc) {
            size[e]++;
        }
        Integer[] order = new Integer[g];
        for (int i = 0; i < g; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -size[i]).thenComparing(i -> -i));
        long[] weight = new long[k];
        int[] foldOfGroup = new int[g];
        for (int gi : order) {
            int light = 0;
            for (int f = 1; f < k; f++) {
                if (weight[f] < weight[light]) {
                    light = f;
                }
            }
            weight[light] += size[gi];
            foldOfGroup[gi] = light;
        }
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                m += foldOfGroup[enc[i]] == f ? 1 : 0;
            }
            int[] test = new int[m];
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (foldOfGroup[enc[i]] == f) {
                    test[q++] = i;
                }
            }
            out.add(Fold.ofTest(n, test));
        }
        return out;
    }

    @Override
    public String toString() {
        return "GroupKFold(k=" + k + ")";
    }
}
