package dev.airfoil.layers.pooling;

/**
 * Keras's adaptive pooling bins: along an axis of {@code in} positions pooled to {@code out}, output
 * {@code i} covers the input positions {@code floor(i * in / out)} to {@code ceil((i + 1) * in / out)}
 * (exclusive), so bins overlap when the size does not divide and repeat positions when {@code out > in}.
 * (Keras's JAX backend gathers each bin from two strided poolings of the two possible bin lengths,
 * {@code ceil(in / out)} and one more; the bins are the same as PyTorch's {@code adaptive_avg_pool}.)
 *
 * <p>Keras pools one axis after another, the first spatial axis first, so a max pooling's gradient goes
 * to the tap of the window's maximum with the smallest last-axis index, then the smallest index along
 * the axis before it, and so on; the taps of each window are listed in that order (last axis slowest),
 * which makes {@link PoolOps#maxPool}'s first-maximum rule route gradients as Keras does.
 */
final class AdaptiveWindows {
    private AdaptiveWindows() {
    }

    /** The first input position of bin {@code i} of {@code out} over {@code in} positions. */
    static int start(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    /** The end (exclusive) of bin {@code i} of {@code out} over {@code in} positions. */
    static int end(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    /** The windows pooling spatial sizes {@code in} to {@code out} (both positive, one entry per axis). */
    static PoolWindows of(int[] in, int[] out) {
        int r = in.length;
        int[] widest = new int[r];
        int outSize = 1;
        int inSize = 1;
        int kernelSize = 1;
        for (int d = 0; d < r; d++) {
            for (int i = 0; i < out[d]; i++) {
                widest[d] = Math.max(widest[d], end(i, in[d], out[d]) - start(i, in[d], out[d]));
            }
            outSize *= out[d];
            inSize *= in[d];
            kernelSize *= widest[d];
        }
        int[] map = new int[outSize * kernelSize];
        int[] o = new int[r];
        int[] k = new int[r];
        for (int oi = 0; oi < outSize; oi++) {
            for (int d = r - 1, rest = oi; d >= 0; d--) {
                o[d] = rest % out[d];
                rest /= out[d];
            }
            for (int t = 0; t < kernelSize; t++) {
                // tap order: the first axis varies fastest, the last slowest (Keras's tie order)
                for (int d = 0, rest = t; d < r; d++) {
                    k[d] = rest % widest[d];
                    rest /= widest[d];
                }
                int flat = 0;
                for (int d = 0; d < r && flat >= 0; d++) {
                    int s = start(o[d], in[d], out[d]);
                    int p = s + k[d];
                    flat = p < end(o[d], in[d], out[d]) ? flat * in[d] + p : -1;
                }
                map[oi * kernelSize + t] = flat;
            }
        }
        return new PoolWindows(out.clone(), inSize, kernelSize, map);
    }
}
