package dev.airfoil.layers;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.layers.normalization.BatchNormalization;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.regularization.SpatialDropout2D;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the convolutional family beyond the harness: the fast path against a direct loop, training-mode gradients, names. */
class ConvolutionalBehaviourTest {

    /** A direct 2-D convolution (channels last, groups 1) from the definition. */
    private static double[] direct(double[] x, int n, int h, int w, int c, double[] k, int kh, int kw, int f,
                                   int stride, int dil, int padTop, int padLeft, int oh, int ow) {
        double[] y = new double[n * oh * ow * f];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < f; o++) {
                        double s = 0;
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int r = i * stride + p * dil - padTop;
                                int t = j * stride + q * dil - padLeft;
                                if (r < 0 || r >= h || t < 0 || t >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    s += x[((b * h + r) * w + t) * c + ch] * k[((p * kw + q) * c + ch) * f + o];
                                }
                            }
                        }
                        y[((b * oh + i) * ow + j) * f + o] = s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void fastFloat32ConvolutionAgreesWithTheDirectDefinition() {
        int n = 3;
        int h = 9;
        int w = 8;
        int c = 5;
        int f = 7;
        Tensor x = Tensor.randomUniform(1, -1, 1, n, h, w, c);
        Tensor k = Tensor.randomUniform(2, -1, 1, 3, 3, c, f);
        ConvGeometry g = ConvGeometry.forward(new int[] {h, w}, new int[] {3, 3}, new int[] {2, 2}, new int[] {2, 2}, "same");
        Tensor y = ConvOps.conv(x, k, g, 1);
        int[] o = g.out();
        // "same" with stride 2, dilation 2: effective kernel 5, total padding per axis
        int padTop = Math.max((o[0] - 1) * 2 + 5 - h, 0) / 2;
        int padLeft = Math.max((o[1] - 1) * 2 + 5 - w, 0) / 2;
        double[] want = direct(x.toDoubleArray(), n, h, w, c, k.toDoubleArray(), 3, 3, f, 2, 2, padTop, padLeft, o[0], o[1]);
        assertTrue(y.allClose(Tensor.of(want, y.shape()).cast(DType.FLOAT32), 1e-4, 1e-4));
    }

    @Test
    void batchNormalizationTrainingGradientsAndMovingStatistics() {
        BatchNormalization bn = new BatchNormalization(-1, 0.9, 1e-3, true, true, null);
        Tensor x = Tensor.randomUniform(3, -2, 2, 5, 3).cast(DType.FLOAT64);
        bn.applyBaseConfig(new dev.airfoil.saving.ConfigMap("test", java.util.Map.of("dtype", "float64")));
        GradCheck.Result r = GradCheck.check(in -> bn.apply(in[0], true), x);
        assertTrue(r.passed(), r.message());
        // one more training call from fresh statistics: moving = 0.9 * moving + 0.1 * batch
        bn.movingMean().assign(Tensor.zeros(DType.FLOAT64, 3));
        bn.movingVariance().assign(Tensor.ones(DType.FLOAT64, 3));
        bn.apply(x, true);
        Tensor mean = x.mean(new int[] {0}, false);
        Tensor var = x.sub(mean).square().mean(new int[] {0}, false);
        assertTrue(bn.movingMean().value().allClose(mean.mul(0.1), 1e-12, 1e-12));
        assertTrue(bn.movingVariance().value().allClose(var.mul(0.1).add(0.9), 1e-12, 1e-12));
        // inference leaves them alone
        Tensor before = bn.movingMean().value().copy();
        bn.apply(x, false);
        assertTrue(bn.movingMean().value().allClose(before, 0, 0));
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        SpatialDropout2D d = new SpatialDropout2D(0.5, "channels_last", 7L, null);
        Tensor y = d.apply(Tensor.ones(4, 3, 3, 6), true);
        for (int b = 0; b < 4; b++) {
            for (int ch = 0; ch < 6; ch++) {
                double first = y.get(b, 0, 0, ch);
                assertTrue(first == 0 || first == 2.0);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(first, y.get(b, i, j, ch));
                    }
                }
            }
        }
    }

    @Test
    void automaticNamesFollowKeras() {
        Names.clearSession();
        assertEquals("conv2d", new Conv2D(1, 1).name());
        assertEquals("max_pooling2d", new MaxPooling2D().name());
        assertEquals("batch_normalization", new BatchNormalization().name());
    }
}
