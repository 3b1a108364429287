package dev.airfoil.layers.pooling;

import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Max pooling against a direct definition: the maximum of every window (NaN if the window holds
 * one) and the gradient routed to the first tap holding it, on inputs full of ties, in float32 and
 * float64, with padding and overlapping windows.
 */
class MaxPoolTest {

    @ParameterizedTest(name = "{0} pool {1} stride {2} {3}")
    @CsvSource({
        "float32, 2, 2, valid, false",
        "float32, 3, 1, same, false",
        "float32, 3, 2, same, true",
        "float64, 2, 2, valid, true",
        "float64, 3, 1, same, false"})
    void matchesTheDefinitionWithTiesAndNaN(String dtype, int pool, int stride, String padding, boolean withNaN) {
        int n = 3;
        int h = 9;
        int w = 8;
        int c = 5;
        SplittableRandom r = new SplittableRandom(7);
        double[] xv = new double[n * h * w * c];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = r.nextInt(4); // few distinct values: many ties
        }
        if (withNaN) {
            xv[13] = Double.NaN;
            xv[200] = Double.NaN;
        }
        DType dt = DType.valueOf(dtype.toUpperCase(java.util.Locale.ROOT));
        Tensor x = Tensor.of(xv, n, h, w, c).cast(dt).requiresGrad(true);
        ConvGeometry g = ConvGeometry.forward(new int[] {h, w}, new int[] {pool, pool}, new int[] {stride, stride},
                new int[] {1, 1}, padding);
        Tensor y = PoolOps.maxPool(x, g);
        double[] gy = new double[y.size()];
        for (int i = 0; i < gy.length; i++) {
            gy[i] = 1 + r.nextInt(100);
        }
        y.backward(Tensor.of(gy, y.shape()).cast(dt));

        int[] o = g.out();
        int[] map = g.map();
        int kk = pool * pool;
        double[] wantY = new double[y.size()];
        double[] wantDx = new double[xv.length];
        for (int s = 0; s < n; s++) {
            for (int p = 0; p < o[0] * o[1]; p++) {
                for (int ch = 0; ch < c; ch++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int k = 0; k < kk; k++) {
                        int in = map[p * kk + k];
                        if (in < 0) {
                            continue;
                        }
                        double v = xv[(s * h * w + in) * c + ch];
                        if (arg < 0 || Double.isNaN(v) && !Double.isNaN(best) || v > best) {
                            best = v;
                            arg = (s * h * w + in) * c + ch;
                        }
                    }
                    int at = (s * o[0] * o[1] + p) * c + ch;
                    wantY[at] = best;
                    wantDx[arg] += gy[at];
                }
            }
        }
        double[] gotY = y.toDoubleArray();
        double[] gotDx = x.grad().toDoubleArray();
        for (int i = 0; i < wantY.length; i++) {
            assertEquals(wantY[i], gotY[i], 0.0, "output " + i);
        }
        for (int i = 0; i < wantDx.length; i++) {
            assertEquals(wantDx[i], gotDx[i], 0.0, "input gradient " + i);
        }
    }
}
