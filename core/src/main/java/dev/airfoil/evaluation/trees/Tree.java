package dev.airfoil.evaluation.trees;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fitted binary decision tree: node arrays in depth-first order, node 0 the root. An internal node
 * sends a sample left when {@code x[feature] <= threshold}; a leaf holds a value vector (class
 * probabilities, or a single regression value).
 */
public final class Tree {
    static final int LEAF = -1;
    int count;
    int[] feature = new int[16];
    double[] threshold = new double[16];
    int[] left = new int[16];
    int[] right = new int[16];
    double[][] value = new double[16][];
    double[] impurity = new double[16];
    double[] weight = new double[16];
    int[] samples = new int[16];

    Tree() {
    }

    int add(double[] v, double imp, double w, int n) {
        if (count == feature.length) {
            int c = count * 2;
            feature = Arrays.copyOf(feature, c);
            threshold = Arrays.copyOf(threshold, c);
            left = Arrays.copyOf(left, c);
            right = Arrays.copyOf(right, c);
            value = Arrays.copyOf(value, c);
            impurity = Arrays.copyOf(impurity, c);
            weight = Arrays.copyOf(weight, c);
            samples = Arrays.copyOf(samples, c);
        }
        int id = count++;
        feature[id] = LEAF;
        left[id] = LEAF;
        right[id] = LEAF;
        value[id] = v;
        impurity[id] = imp;
        weight[id] = w;
        samples[id] = n;
        return id;
    }

    /** Number of nodes. */
    public int nodeCount() {
        return count;
    }

    /** Number of leaves. */
    public int leafCount() {
        int c = 0;
        for (int i = 0; i < count; i++) {
            c += feature[i] == LEAF ? 1 : 0;
        }
        return c;
    }

    /** Depth: 0 for a single leaf. */
    public int depth() {
        return depth(0);
    }

    private int depth(int node) {
        return feature[node] == LEAF ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    /** Whether a node is a leaf. */
    public boolean isLeaf(int node) {
        return feature[node] == LEAF;
    }

    /** The split feature of an internal node (-1 for a leaf). */
    public int feature(int node) {
        return feature[node];
    }

    /** The split threshold of an internal node. */
    public double threshold(int node) {
        return threshold[node];
    }

    /** The value vector of a node (a copy). */
    public double[] value(int node) {
        return value[node].clone();
    }

    /** Number of training samples that reached a node. */
    public int samples(int node) {
        return samples[node];
    }

    /**
     * The leaf reached by one row of a row-major feature array.
     *
     * @param x      features
     * @param offset index of the row's first feature
     * @return the leaf's node id
     */
    public int leafOf(double[] x, int offset) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = x[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    void setValue(int node, double[] v) {
        value[node] = v;
    }

    /**
     * Weighted impurity decrease per feature, normalised to sum to 1 (scikit-learn's
     * {@code feature_importances_}).
     *
     * @param features number of features
     * @return importance per feature
     */
    public double[] featureImportances(int features) {
        double[] imp = new double[features];
        for (int i = 0; i < count; i++) {
            if (feature[i] != LEAF) {
                imp[feature[i]] += weight[i] * impurity[i] - weight[left[i]] * impurity[left[i]]
                        - weight[right[i]] * impurity[right[i]];
            }
        }
        double s = Arrays.stream(imp).sum();
        if (s > 0) {
            for (int j = 0; j < features; j++) {
                imp[j] /= s;
            }
        }
        return imp;
    }

    /** The tree as indented text, like scikit-learn's {@code export_text}. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        text(0, 0, sb);
        return sb.toString();
    }

    private void text(int node, int indent, StringBuilder sb) {
        String pad = "|   ".repeat(indent);
        if (feature[node] == LEAF) {
            sb.append(pad).append("|--- value: ").append(fmt(value[node])).append('\n');
            return;
        }
        sb.append(pad).append(String.format(Locale.ROOT, "|--- feature_%d <= %.2f%n", feature[node], threshold[node]));
        text(left[node], indent + 1, sb);
        sb.append(pad).append(String.format(Locale.ROOT, "|--- feature_%d >  %.2f%n", feature[node], threshold[node]));
        text(right[node], indent + 1, sb);
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return sb.append(']').toString();
    }
}
