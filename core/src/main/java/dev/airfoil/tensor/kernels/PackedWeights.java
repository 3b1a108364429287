package dev.airfoil.tensor.kernels;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Right operands packed once for a stretch of work in which they do not change: a {@code predict}
 * call multiplies every batch by the same kernels, so inside its scope each kernel is packed
 * ({@link Kernels#pack}) for the first batch and the packed panels are reused for the rest, instead of
 * packing the kernel again for every batch. Scopes are per thread and do not nest (an inner one does
 * nothing); outside a scope, or with the switch {@code airfoil.predict.packWeights=false}, nothing
 * is cached. Whoever opens a scope promises that no array packed in
 * it changes before it closes.
 */
public final class PackedWeights {
    private static final ThreadLocal<Map<float[], PackedMatrix>> CURRENT = new ThreadLocal<>();
    private static final Scope INERT = () -> { };
    /** Switch: system property {@code airfoil.predict.packWeights=false} packs every batch's kernels anew. */
    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.predict.packWeights"));

    private PackedWeights() {
    }

    /** Ends a scope opened by {@link #open}. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens a scope on this thread, or returns one that does nothing inside an open scope. */
    public static Scope open() {
        if (!enabled || CURRENT.get() != null) {
            return INERT;
        }
        CURRENT.set(new IdentityHashMap<>());
        return CURRENT::remove;
    }

    /**
     * {@code op(B)} ({@code k×n}, transposed when {@code transB}) of {@code b} as stored, packed the first time
     * it is asked for in this thread's scope and the same object after that; null outside a scope.
     */
    public static PackedMatrix get(Kernels kernels, boolean transB, int n, int k, float[] b, int bOff, int ldb) {
        Map<float[], PackedMatrix> cache = CURRENT.get();
        if (cache == null) {
            return null;
        }
        PackedMatrix p = cache.get(b);
        if (p == null || p.transB != transB || p.n != n || p.k != k || p.bOff != bOff || p.ldb != ldb) {
            p = kernels.pack(transB, n, k, b, bOff, ldb);
            cache.put(b, p);
        }
        return p;
    }
}
