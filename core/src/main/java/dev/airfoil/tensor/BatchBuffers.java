package dev.airfoil.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Output arrays reused from one inference batch to the next on the current thread: fresh arrays
 * are zeroed by the JVM and written to cold memory, which cost about 5 % of batched MLP inference.
 * {@code predict} opens a {@link Scope} around its batches (only for models whose layers cannot keep
 * a tensor across calls); a kernel that overwrites its whole output (the fused Dense primitive
 * without autodiff) takes its array from {@link #floats}; after each batch, every array lent during
 * it becomes free for the next one except those backing the batch's outputs, which belong to the
 * caller from then on.
 *
 * <p>Without an open scope {@link #floats} is {@code new float[n]}. Arrays come back as they were
 * left, not zeroed: only code that writes every element may take them.
 */
public final class BatchBuffers {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** Switch: system property airfoil.predict.reuseBuffers=false gives every output a fresh array. */
    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.predict.reuseBuffers"));

    private BatchBuffers() {
    }

    /** An array of {@code n} floats whose every element the caller overwrites. */
    public static float[] floats(int n) {
        Scope s = CURRENT.get();
        return s == null ? new float[n] : s.take(n);
    }

    /**
     * Opens a scope on this thread; within an open scope (or with the switch off) the result does
     * nothing, so scopes do not nest.
     */
    public static Scope open() {
        if (!enabled || CURRENT.get() != null) {
            return new Scope(false);
        }
        Scope s = new Scope(true);
        CURRENT.set(s);
        return s;
    }

    /** The arrays of one {@link #open} on one thread. */
    public static final class Scope implements AutoCloseable {
        private final boolean active;
        private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
        private final List<float[]> lent = new ArrayList<>();

        private Scope(boolean active) {
            this.active = active;
        }

        float[] take(int n) {
            ArrayDeque<float[]> q = free.get(n);
            float[] a = q == null ? null : q.poll();
            if (a == null) {
                a = new float[n];
            }
            lent.add(a);
            return a;
        }

        /**
         * Ends a batch: the arrays lent during it are free for the next batch, except those behind
         * {@code keep} (the batch's outputs), which the scope forgets.
         */
        public void endBatch(List<Tensor> keep) {
            if (!active) {
                return;
            }
            Set<float[]> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Tensor t : keep) {
                if (t.dtype() == DType.FLOAT32) {
                    kept.add(t.floatStorage());
                }
            }
            for (float[] a : lent) {
                if (!kept.contains(a)) {
                    free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).add(a);
                }
            }
            lent.clear();
        }

        @Override
        public void close() {
            if (active) {
                CURRENT.remove();
            }
        }
    }
}
