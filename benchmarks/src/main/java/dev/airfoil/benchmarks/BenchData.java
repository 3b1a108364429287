package dev.airfoil.benchmarks;

import java.util.Random;

/** Random operands for the benchmarks. */
final class BenchData {
    private BenchData() {
    }

    static float[] floats(Random rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }
}
