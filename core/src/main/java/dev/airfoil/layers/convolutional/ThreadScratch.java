package dev.airfoil.layers.convolutional;

/**
 * Package-private: per-thread float buffers in numbered slots, grown on demand and kept, so that the
 * chunked convolutions reuse their im2col rows, transformed tiles and gradient rows across chunks and
 * calls instead of allocating them. Contents are undefined on return; each user owns its slots.
 */
final class ThreadScratch {
    private final ThreadLocal<float[][]> buffers;

    /** A pool of {@code slots} buffers per thread. */
    ThreadScratch(int slots) {
        this.buffers = ThreadLocal.withInitial(() -> new float[slots][]);
    }

    /** This thread's buffer {@code slot}, at least {@code size} long (contents undefined). */
    float[] get(int slot, int size) {
        float[][] s = buffers.get();
        float[] b = s[slot];
        if (b == null || b.length < size) {
            b = new float[size];
            s[slot] = b;
        }
        return b;
    }
}
