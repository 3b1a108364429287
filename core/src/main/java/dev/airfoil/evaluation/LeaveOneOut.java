package dev.airfoil.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-out: {@code n} folds, each holding out one sample (k-fold with {@code k = n}).
 * Expensive for neural networks; fine for trees and small data.
 */
public final class LeaveOneOut implements Splitter {
    /** The splitter (stateless). */
    public LeaveOneOut() {
    }

    @Override
    public List<Fold> split(int n, int[] labels) {
        if (n < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 samples, got " + n);
        }
        List<Fold> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Fold.ofTest(n, new int[] {i}));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LeaveOneOut()";
    }
}
