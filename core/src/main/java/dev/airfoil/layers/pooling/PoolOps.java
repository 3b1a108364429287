package dev.airfoil.layers.pooling;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/**
 * Fused max and average pooling primitives with their own backward rules, on channels-last
 * tensors of 1 to 3 spatial axes, driven by a {@link ConvGeometry} index map. Max pooling keeps
 * the position of each maximum (the first on ties) and routes the gradient there; average
 * pooling divides by the number of taps inside the input, so padding is excluded as in Keras.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /** Max pooling of {@code x (N, *g.in(), C)} to {@code (N, *g.out(), C)}. */
    public static Tensor maxPool(Tensor x, ConvGeometry g) {
        int[] xs = x.shape();
        int n = xs[0];
        int c = xs[xs.length - 1];
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        boolean isFloat = x.dtype() == DType.FLOAT32;
        int total = n * outs * c;
        int[] arg = new int[total];
        Object y = isFloat ? new float[total] : new double[total];
        Object xd = isFloat ? x.floatData() : x.doubleData();
        if (isFloat) {
            float[] xf = (float[]) xd;
            float[] yf = (float[]) y;
            ConvOps.forEachSample(n, (long) outs * kk * c, s -> {
                for (int o = 0; o < outs; o++) {
                    int row = (s * outs + o) * c;
                    boolean firstTap = true;
                    for (int k = 0; k < kk; k++) {
                        int p = map[o * kk + k];
                        if (p < 0) {
                            continue;
                        }
                        int base = (s * ins + p) * c;
                        if (firstTap) {
                            for (int j = 0; j < c; j++) {
                                yf[row + j] = xf[base + j];
                                arg[row + j] = base + j;
                            }
                            firstTap = false;
                        } else {
                            for (int j = 0; j < c; j++) {
                                float v = xf[base + j];
                                if (v > yf[row + j] || v != v) {
                                    yf[row + j] = v;
                                    arg[row + j] = base + j;
                                }
                            }
                        }
                    }
                }
            });
        } else {
            double[] xf = (double[]) xd;
            double[] yf = (double[]) y;
            ConvOps.forEachSample(n, (long) outs * kk * c, s -> {
                for (int o = 0; o < outs; o++) {
                    int row = (s * outs + o) * c;
                    boolean firstTap = true;
                    for (int k = 0; k < kk; k++) {
                        int p = map[o * kk + k];
                        if (p < 0) {
                            continue;
                        }
                        int base = (s * ins + p) * c;
                        for (int j = 0; j < c; j++) {
                            double v = xf[base + j];
                            if (firstTap || v > yf[row + j] || v != v) {
                                yf[row + j] = v;
                                arg[row + j] = base + j;
                            }
                        }
                        firstTap = false;
                    }
                }
            });
        }
        Tensor out = wrap(y, isFloat, outShape(xs, g));
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "max_pool", new Tensor[] {x}, gy -> {
            Object dx = isFloat ? new float[x.size()] : new double[x.size()];
            if (isFloat) {
                float[] d = (float[]) dx;
                float[] gd = gy.floatData();
                for (int i = 0; i < total; i++) {
                    d[arg[i]] += gd[i];
                }
            } else {
                double[] d = (double[]) dx;
                double[] gd = gy.doubleData();
                for (int i = 0; i < total; i++) {
                    d[arg[i]] += gd[i];
                }
            }
            return new Tensor[] {wrap(dx, isFloat, xs)};
        });
    }

    /** Average pooling (padding excluded from the count) of {@code x (N, *g.in(), C)} to {@code (N, *g.out(), C)}. */
    public static Tensor avgPool(Tensor x, ConvGeometry g) {
        int[] xs = x.shape();
        int n = xs[0];
        int c = xs[xs.length - 1];
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        double[] inv = new double[outs];
        for (int o = 0; o < outs; o++) {
            int cnt = 0;
            for (int k = 0; k < kk; k++) {
                cnt += map[o * kk + k] >= 0 ? 1 : 0;
            }
            inv[o] = 1.0 / Math.max(cnt, 1);
        }
        boolean isFloat = x.dtype() == DType.FLOAT32;
        Tensor out = wrap(window(isFloat ? x.floatData() : x.doubleData(), isFloat, n, g, c, inv, false),
                isFloat, outShape(xs, g));
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "avg_pool", new Tensor[] {x}, gy -> new Tensor[] {
                wrap(window(isFloat ? gy.floatData() : gy.doubleData(), isFloat, n, g, c, inv, true), isFloat, xs)});
    }

    /** The scaled window sum (forward) or its adjoint (backward, scattering onto the input positions). */
    private static Object window(Object src, boolean isFloat, int n, ConvGeometry g, int c, double[] inv, boolean adjoint) {
        int outs = g.outSize();
        int ins = g.inSize();
        int kk = g.kernelSize();
        int[] map = g.map();
        int size = n * (adjoint ? ins : outs) * c;
        Object dst = isFloat ? new float[size] : new double[size];
        ConvOps.forEachSample(n, (long) outs * kk * c, s -> {
            for (int o = 0; o < outs; o++) {
                int row = (s * outs + o) * c;
                for (int k = 0; k < kk; k++) {
                    int p = map[o * kk + k];
                    if (p < 0) {
                        continue;
                    }
                    int base = (s * ins + p) * c;
                    int from = adjoint ? row : base;
                    int to = adjoint ? base : row;
                    if (isFloat) {
                        float[] a = (float[]) src;
                        float[] b = (float[]) dst;
                        float w = (float) inv[o];
                        for (int j = 0; j < c; j++) {
                            b[to + j] += a[from + j] * w;
                        }
                    } else {
                        double[] a = (double[]) src;
                        double[] b = (double[]) dst;
                        double w = inv[o];
                        for (int j = 0; j < c; j++) {
                            b[to + j] += a[from + j] * w;
                        }
                    }
                }
            }
        });
        return dst;
    }

    private static int[] outShape(int[] xs, ConvGeometry g) {
        int[] s = xs.clone();
        int[] o = g.out();
        System.arraycopy(o, 0, s, 1, o.length);
        return s;
    }

    private static Tensor wrap(Object data, boolean isFloat, int[] shape) {
        return isFloat ? Tensor.wrap((float[]) data, shape) : Tensor.wrap((double[]) data, shape);
    }
}
