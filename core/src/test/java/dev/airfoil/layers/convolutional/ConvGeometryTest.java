package dev.airfoil.layers.convolutional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The tap runs im2col and col2im copy as blocks, and geometries cropped to what their windows read. */
class ConvGeometryTest {
    @Test
    void validThreeByThreeHasOneRunPerKernelRow() {
        ConvGeometry g = ConvGeometry.forward(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid");
        int[] runs = g.runs();
        for (int o = 0; o < g.outSize(); o++) {
            assertArrayEquals(new int[] {3, 0, 0, 3, 0, 0, 3, 0, 0}, Arrays.copyOfRange(runs, o * 9, o * 9 + 9), "output " + o);
        }
        assertSame(runs, g.runs(), "computed once");
    }

    @Test
    void sameCornerSplitsPaddingFromInput() {
        ConvGeometry g = ConvGeometry.forward(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "same");
        // Output (0, 0): kernel row -1 and the padded column of row 0 are one run of zeros; then two
        // inputs, a padded column, two inputs.
        assertArrayEquals(new int[] {4, 0, 0, 0, 2, 0, 1, 2, 0}, Arrays.copyOfRange(g.runs(), 0, 9));
    }

    @Test
    void runsFollowTheMapForAnyGeometry() {
        int[][][] cases = {
            {{7, 6}, {3, 2}, {2, 1}, {1, 2}}, {{9}, {4}, {1}, {1}}, {{9}, {3}, {1}, {3}}, {{4, 5, 3}, {2, 3, 2}, {1, 2, 1}, {1, 1, 1}},
        };
        for (String padding : new String[] {"valid", "same"}) {
            for (int[][] c : cases) {
                ConvGeometry g = ConvGeometry.forward(c[0], c[1], c[2], c[3], padding);
                int[] map = g.map();
                int[] runs = g.runs();
                int kk = g.kernelSize();
                for (int o = 0; o < g.outSize(); o++) {
                    int covered = 0;
                    for (int t = 0; t < kk; ) {
                        int run = runs[o * kk + t];
                        assertTrue(run >= 1, padding + " " + Arrays.deepToString(c) + " output " + o + " tap " + t);
                        int p = map[o * kk + t];
                        for (int r = 1; r < run; r++) {
                            int q = map[o * kk + t + r];
                            assertTrue(p < 0 ? q < 0 : q == p + r, "run breaks at tap " + (t + r));
                            assertEquals(0, runs[o * kk + t + r], "inside a run");
                        }
                        if (t + run < kk) {
                            int q = map[o * kk + t + run];
                            assertTrue(p < 0 ? q >= 0 : q != p + run, "run could have been longer at tap " + (t + run));
                        }
                        covered += run;
                        t += run;
                    }
                    assertEquals(kk, covered);
                }
            }
        }
    }
    @Test
    void readExtentStopsAtTheLastWindowsReach() {
        ConvGeometry pool = ConvGeometry.forward(new int[] {11, 11}, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid");
        assertArrayEquals(new int[] {10, 10}, pool.readExtent(), "2x2 windows of stride 2 leave the 11th row and column");
        ConvGeometry same = ConvGeometry.forward(new int[] {9, 7}, new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1}, "same");
        assertArrayEquals(new int[] {9, 7}, same.readExtent(), "'same' windows reach the end");
        ConvGeometry wide = ConvGeometry.forward(new int[] {12}, new int[] {2}, new int[] {4}, new int[] {1}, "valid");
        assertArrayEquals(new int[] {10}, wide.readExtent(), "windows at 0, 4, 8 read up to position 9");
    }

    @Test
    void croppedGeometriesKeepTheWindowsTheyKeep() {
        for (String padding : new String[] {"valid", "same"}) {
            ConvGeometry conv = ConvGeometry.forward(new int[] {13, 12}, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}, padding);
            ConvGeometry pool = ConvGeometry.forward(conv.out(), new int[] {2, 3}, new int[] {2, 3}, new int[] {1, 1}, "valid");
            int[] read = pool.readExtent();
            ConvGeometry convC = conv.croppedOutput(read);
            ConvGeometry poolC = pool.croppedInput(read);
            assertArrayEquals(read, convC.out());
            assertArrayEquals(conv.in(), convC.in());
            assertArrayEquals(pool.out(), poolC.out());
            assertSame(convC, conv.croppedOutput(read), "reused with its map");
            int[] full = conv.map();
            int[] cropped = convC.map();
            int kk = conv.kernelSize();
            int[] outFull = conv.out();
            for (int o = 0; o < convC.outSize(); o++) {
                int row = o / read[1];
                int col = o % read[1];
                int of = row * outFull[1] + col;
                assertArrayEquals(Arrays.copyOfRange(full, of * kk, of * kk + kk), Arrays.copyOfRange(cropped, o * kk, o * kk + kk),
                        padding + ": output (" + row + ", " + col + ")");
            }
            // The pooling reads the same (row, column) positions, renumbered over the cropped map.
            int[] pFull = pool.map();
            int[] pCropped = poolC.map();
            for (int i = 0; i < pFull.length; i++) {
                int q = pCropped[i];
                assertEquals(pFull[i], q < 0 ? -1 : q / read[1] * outFull[1] + q % read[1], padding + ": pooling tap " + i);
            }
        }
        ConvGeometry pool = ConvGeometry.forward(new int[] {11, 11}, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pool.croppedInput(new int[] {9, 11}));
        assertTrue(e.getMessage().contains("[10, 10]"), e.getMessage());
    }
}
