package dev.airfoil.layers;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LayerRandom} draws exactly what {@code SplittableRandom} did (masks unchanged) and resumes from its state. */
class LayerRandomTest {

    @Test
    void sameStreamsAsSplittableRandom() {
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE, Long.MIN_VALUE}) {
            LayerRandom mine = new LayerRandom(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 3) {
                    case 0 -> assertEquals(jdk.nextLong(), mine.nextLong(), "nextLong, seed " + seed + " draw " + i);
                    case 1 -> assertEquals(jdk.nextDouble(), mine.nextDouble(), "nextDouble, seed " + seed + " draw " + i);
                    default -> assertEquals(jdk.nextGaussian(), mine.nextGaussian(), "nextGaussian, seed " + seed + " draw " + i);
                }
            }
        }
    }

    @Test
    void continuesFromASavedState() {
        LayerRandom a = new LayerRandom(5);
        for (int i = 0; i < 17; i++) {
            a.nextGaussian();
        }
        LayerRandom b = new LayerRandom(999);
        b.setState(a.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }
}
