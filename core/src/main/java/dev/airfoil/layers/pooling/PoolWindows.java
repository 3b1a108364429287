package dev.airfoil.layers.pooling;

import dev.airfoil.layers.convolutional.ConvGeometry;

/**
 * The windows a pooling reduces, as {@link PoolOps} walks them: per output position, {@code kernelSize}
 * taps, each the flat (row-major) spatial input position it reads or {@code -1} for none. Max pooling
 * routes a gradient to the first tap, in this order, that holds its window's maximum.
 *
 * @param out        the output spatial sizes
 * @param inSize     the number of input spatial positions
 * @param kernelSize the number of taps per output (some may be {@code -1})
 * @param map        {@code map[o * kernelSize + t]}: the input position under tap {@code t} of output {@code o}, or -1
 */
record PoolWindows(int[] out, int inSize, int kernelSize, int[] map) {
    /** The windows of a strided pooling geometry (its cached index map, not a copy). */
    static PoolWindows of(ConvGeometry g) {
        return new PoolWindows(g.out(), g.inSize(), g.kernelSize(), g.map());
    }

    /** The number of output spatial positions. */
    int outSize() {
        return map.length / kernelSize;
    }
}
