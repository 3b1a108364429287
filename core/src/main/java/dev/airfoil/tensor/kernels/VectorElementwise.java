package dev.airfoil.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise epilogues with the JDK Vector API: C2 does not vectorise {@code Math.max} or a
 * conditional select over floats on JDK 17, so the plain loops run one lane at a time. Loaded only
 * when the incubator module is present, like {@link VectorSgemm}.
 */
final class VectorElementwise implements ElementwiseKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void biasRelu(float[] y, int off, int rows, int cols, float[] bias, boolean relu) {
        if (bias == null && !relu) {
            return;
        }
        FloatVector zero = FloatVector.zero(S);
        int full = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            for (int j = 0; j < full; j += L) {
                FloatVector v = FloatVector.fromArray(S, y, o + j);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, j));
                }
                if (relu) {
                    v = v.max(zero);
                }
                v.intoArray(y, o + j);
            }
            for (int j = full; j < cols; j++) {
                float v = bias == null ? y[o + j] : y[o + j] + bias[j];
                y[o + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] y, int yOff, float[] out, int outOff, int len) {
        FloatVector zero = FloatVector.zero(S);
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, y, yOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, g, gOff + i), on).intoArray(out, outOff + i);
        }
        ScalarKernels.INSTANCE.reluBackward(g, gOff + full, y, yOff + full, out, outOff + full, len - full);
    }

    @Override
    public void maxInto(float[] y, int yOff, float[] x, int xOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, y, yOff + i).max(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        ScalarKernels.INSTANCE.maxInto(y, yOff + full, x, xOff + full, len - full);
    }

    @Override
    public void columnSums(float[] a, int off, int rows, int cols, float[] sums) {
        int full = cols - cols % L;
        // Blocks of four vectors of columns held in registers across all rows, then single vectors.
        int j = 0;
        for (; j + 4 * L <= full; j += 4 * L) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            FloatVector s1 = FloatVector.fromArray(S, sums, j + L);
            FloatVector s2 = FloatVector.fromArray(S, sums, j + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, sums, j + 3 * L);
            for (int r = 0, o = off + j; r < rows; r++, o += cols) {
                s0 = s0.add(FloatVector.fromArray(S, a, o));
                s1 = s1.add(FloatVector.fromArray(S, a, o + L));
                s2 = s2.add(FloatVector.fromArray(S, a, o + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, o + 3 * L));
            }
            s0.intoArray(sums, j);
            s1.intoArray(sums, j + L);
            s2.intoArray(sums, j + 2 * L);
            s3.intoArray(sums, j + 3 * L);
        }
        for (; j < full; j += L) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            for (int r = 0, o = off + j; r < rows; r++, o += cols) {
                s0 = s0.add(FloatVector.fromArray(S, a, o));
            }
            s0.intoArray(sums, j);
        }
        ScalarKernels.columnSums(a, off, rows, cols, sums, full);
    }

    @Override
    public void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int len) {
        // Branch-free: which tap holds a maximum is data-dependent, so a scalar branch mispredicts often.
        FloatVector zero = FloatVector.zero(S);
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector m = FloatVector.fromArray(S, y, yOff + i);
            VectorMask<Float> at = v.compare(VectorOperators.EQ, m)
                    .or(v.test(VectorOperators.IS_NAN).and(m.test(VectorOperators.IS_NAN)));
            FloatVector p = FloatVector.fromArray(S, pending, i);
            FloatVector d = FloatVector.fromArray(S, dx, xOff + i);
            d.add(p, at).intoArray(dx, xOff + i);
            p.blend(zero, at).intoArray(pending, i);
        }
        ScalarKernels.maxPoolRoute(x, xOff, y, yOff, pending, dx, full, len);
    }

    @Override
    public void maxPoolArgmax(float[] x, int xOff, float[] y, int yOff, float[] code, int codeOff, float tapCode, int len) {
        FloatVector tap = FloatVector.broadcast(S, tapCode);
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector m = FloatVector.fromArray(S, y, yOff + i);
            FloatVector c = FloatVector.fromArray(S, code, codeOff + i);
            VectorMask<Float> at = v.compare(VectorOperators.EQ, m)
                    .or(v.test(VectorOperators.IS_NAN).and(m.test(VectorOperators.IS_NAN)))
                    .and(c.compare(VectorOperators.EQ, 0f));
            c.blend(tap, at).intoArray(code, codeOff + i);
        }
        ScalarKernels.maxPoolArgmax(x, xOff, y, yOff, code, codeOff, tapCode, full, len);
    }

    @Override
    public void maxPoolUnroute(float[] code, int codeOff, float tapCode, float[] g, int gOff, float[] dx, int dxOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            VectorMask<Float> at = FloatVector.fromArray(S, code, codeOff + i).compare(VectorOperators.EQ, tapCode);
            FloatVector.fromArray(S, dx, dxOff + i).add(FloatVector.fromArray(S, g, gOff + i), at).intoArray(dx, dxOff + i);
        }
        ScalarKernels.maxPoolUnroute(code, codeOff, tapCode, g, gOff, dx, dxOff, full, len);
    }
}
