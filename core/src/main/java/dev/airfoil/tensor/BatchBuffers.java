package dev.airfoil.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arrays reused from one inference batch or training step to the next on the current thread: fresh
 * arrays are zeroed by the JVM and written to cold memory, which cost about 5 % of batched MLP
 * inference. {@code predict} opens a {@link Scope} around its batches, and {@code Model.trainStep}
 * around each step (only for models whose layers, losses and metrics cannot keep a tensor across
 * calls); a kernel that overwrites its whole output (the fused Dense primitive's output, its
 * pre-activation, output and input gradients; the fused convolution + pooling's output) takes its
 * array from {@link #floats}; after each batch or step, every array lent during it becomes free for
 * the next one except those backing the batch's outputs, which belong to the caller from then on
 * (a training step keeps none: its backward pass is over). The free arrays outlive the scope, softly held, for the next scope on the
 * same thread: large arrays (a convolution's 20 MB output at batch 1000) kept alive per call would
 * otherwise be copied by the collector and promoted anew on every {@code predict}.
 *
 * <p>Without an open scope {@link #floats} is {@code new float[n]}. Arrays come back as they were
 * left, not zeroed: only code that writes every element may take them.
 */
public final class BatchBuffers {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /**
     * The free arrays a closed scope leaves for the next one on the same thread (softly held: the
     * collector may take them back), so that repeated {@code predict} calls do not allocate again.
     */
    private static final ThreadLocal<java.lang.ref.SoftReference<Map<Integer, ArrayDeque<float[]>>>> LEFT =
            new ThreadLocal<>();
    /**
     * Switch: system property airfoil.predict.reuseBuffers=false gives every output a fresh array, in
     * predict and training steps alike (airfoil.fit.reuseBuffers=false only for training steps).
     */
    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.predict.reuseBuffers"));

    private BatchBuffers() {
    }

    /** Forgets the free arrays a closed scope left on this thread (for tests). */
    static void forgetLeftovers() {
        LEFT.remove();
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
            return Scope.INERT;
        }
        java.lang.ref.SoftReference<Map<Integer, ArrayDeque<float[]>>> left = LEFT.get();
        Map<Integer, ArrayDeque<float[]>> free = left == null ? null : left.get();
        LEFT.remove();
        Scope s = new Scope(true, free == null ? new HashMap<>() : free);
        CURRENT.set(s);
        return s;
    }

    /** The arrays of one {@link #open} on one thread. */
    public static final class Scope implements AutoCloseable {
        /** The scope {@link #open} gives inside another one or with the switch off: it does nothing. */
        private static final Scope INERT = new Scope(false, Map.of());
        private final boolean active;
        private final Map<Integer, ArrayDeque<float[]>> free;
        private final List<float[]> lent = new ArrayList<>();

        private Scope(boolean active, Map<Integer, ArrayDeque<float[]>> free) {
            this.active = active;
            this.free = free;
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

        /** Closes the scope; the arrays lent in an unfinished batch are dropped, the free ones left for the next scope. */
        @Override
        public void close() {
            if (active) {
                CURRENT.remove();
                lent.clear();
                LEFT.set(new java.lang.ref.SoftReference<>(free));
            }
        }
    }
}
