package dev.airfoil.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * K-fold repeated {@code repeats} times with a different shuffle each time ({@code k * repeats}
 * folds), plain or stratified; repetition {@code r} shuffles with {@code SeedStreams.derive(seed, r)}.
 *
 * <pre>{@code
 * Splitter cv = new RepeatedKFold(5, 3, 42, true);   // 15 stratified folds
 * }</pre>
 */
public final class RepeatedKFold implements Splitter {
    private final int k;
    private final int repeats;
    private final long seed;
    private final boolean stratified;

    /**
     * @param k          folds per repetition
     * @param repeats    repetitions, at least 1
     * @param seed       seed of the shuffles
     * @param stratified whether each repetition is a {@link StratifiedKFold}
     */
    public RepeatedKFold(int k, int repeats, long seed, boolean stratified) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, but was " + repeats);
        }
        this.k = k;
        this.repeats = repeats;
        this.seed = seed;
        this.stratified = stratified;
    }

    @Override
    public List<Fold> split(int n, int[] labels) {
        List<Fold> out = new ArrayList<>(k * repeats);
        for (int r = 0; r < repeats; r++) {
            long s = SeedStreams.derive(seed, r);
            Splitter one = stratified ? StratifiedKFold.shuffled(k, s) : KFold.shuffled(k, s);
            out.addAll(one.split(n, labels));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RepeatedKFold(k=" + k + ", repeats=" + repeats + ", seed=" + seed
                + (stratified ? ", stratified" : "") + ")";
    }
}
