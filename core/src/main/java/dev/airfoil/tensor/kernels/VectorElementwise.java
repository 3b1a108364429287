package dev.airfoil.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
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
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

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
        int full = lanewiseInto(VectorOperators.MAX, y, yOff, x, xOff, len);
        ScalarKernels.INSTANCE.maxInto(y, yOff + full, x, xOff + full, len - full);
    }

    @Override
    public void addInto(float[] y, int yOff, float[] x, int xOff, int len) {
        int full = lanewiseInto(VectorOperators.ADD, y, yOff, x, xOff, len);
        ScalarKernels.INSTANCE.addInto(y, yOff + full, x, xOff + full, len - full);
    }

    /**
     * {@code tanh(a) = e / (e + 2)} with {@code e = expm1(2a)}, {@code a = |x|}, and the sign of {@code x}
     * (±1 from {@code |x| > 22}, as {@link Math#tanh}). The JDK's vector {@code TANH} runs one lane at a
     * time where C2 has no vector math routine for it (JDK 17 on this AMD machine: 36 ns per element, this
     * kernel about 3); sigmoid computes its exp the same way so as to depend on none either.
     */
    @Override
    public void tanh(double[] x, int xOff, double[] y, int yOff, int len) {
        int full = len - len % D.length();
        for (int i = 0; i < full; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, xOff + i);
            DoubleVector a = v.abs();
            DoubleVector twoA = a.min(TANH_ONE).mul(2.0);
            DoubleVector t = rounded(twoA);
            DoubleVector half = halfPowerOfTwo(t);
            // expm1(2a) = 2^k · p + (2^k - 1), both terms exact but for p's rounding
            DoubleVector e = half.mul(expm1Reduced(twoA, t)).mul(2.0).add(half.mul(2.0).sub(1.0));
            DoubleVector th = e.div(e.add(2.0)).blend(1.0, a.compare(VectorOperators.GT, TANH_ONE));
            th.reinterpretAsLongs().or(v.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()
                    .intoArray(y, yOff + i);
        }
        ScalarKernels.INSTANCE.tanh(x, xOff + full, y, yOff + full, len - full);
    }

    /** {@code 1 / (1 + exp(-x))} as the formula reads, with {@code exp} computed as {@link #expm1Reduced} describes. */
    @Override
    public void sigmoid(double[] x, int xOff, double[] y, int yOff, int len) {
        int full = len - len % D.length();
        for (int i = 0; i < full; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, xOff + i).neg();
            DoubleVector c = v.min(EXP_MAX).max(EXP_MIN);
            DoubleVector t = rounded(c);
            DoubleVector e = halfPowerOfTwo(t).mul(expm1Reduced(c, t).add(1.0)).mul(2.0);
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            // beyond EXP_MAX exp(-x) is infinite and the formula gives 0 (NaN fails both comparisons)
            one.div(e.add(1.0)).blend(0.0, v.compare(VectorOperators.GT, EXP_MAX)).intoArray(y, yOff + i);
        }
        ScalarKernels.INSTANCE.sigmoid(x, xOff + full, y, yOff + full, len - full);
    }

    /** Beyond this, {@code tanh} is ±1 in float64 (as {@link Math#tanh} returns). */
    private static final double TANH_ONE = 22.0;
    /** Largest argument with a finite {@code exp}; below the smallest, {@code 1 + exp} is 1. */
    private static final double EXP_MAX = 709.782712893384;
    private static final double EXP_MIN = -708.0;
    /** 1.5 · 2^52: adding it rounds a double below 2^51 in magnitude to an integer held in the low bits. */
    private static final double ROUNDER = 6755399441055744.0;
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts (fdlibm's): {@code k · LN2_HI} is exact for {@code |k| < 2^11}. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1/n! for n = 2 .. 13: the Taylor series of expm1 to degree 13 errs below 2^-56 of it on |r| <= ln2/2. */
    private static final double F2 = 1.0 / 2;
    private static final double F3 = F2 / 3;
    private static final double F4 = F3 / 4;
    private static final double F5 = F4 / 5;
    private static final double F6 = F5 / 6;
    private static final double F7 = F6 / 7;
    private static final double F8 = F7 / 8;
    private static final double F9 = F8 / 9;
    private static final double F10 = F9 / 10;
    private static final double F11 = F10 / 11;
    private static final double F12 = F11 / 12;
    private static final double F13 = F12 / 13;

    /** {@code x·log2(e)} rounded to the nearest integer k, held in the low bits of the result (|x| < 2^50). */
    private static DoubleVector rounded(DoubleVector x) {
        return x.fma(LOG2E, ROUNDER);
    }

    /** {@code 2^(k-1)} for the k {@link #rounded} holds, {@code -1022 <= k <= 1024} (0 at k = -1022). */
    private static DoubleVector halfPowerOfTwo(DoubleVector t) {
        return t.reinterpretAsLongs().sub(Double.doubleToRawLongBits(ROUNDER) - 1022L)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /**
     * {@code expm1(r)} for {@code r = x - k·ln2}, {@code |r| <= ln2/2} (k from {@link #rounded}, ln 2 in two
     * parts): the Taylor polynomial of degree 13 with fused multiply-adds. NaN propagates.
     */
    private static DoubleVector expm1Reduced(DoubleVector x, DoubleVector t) {
        DoubleVector k = t.sub(ROUNDER);
        DoubleVector r = x.sub(k.mul(LN2_HI));
        r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r);
        // Estrin's scheme: a dependency chain of five steps instead of Horner's twelve
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector q0 = r.fma(F5, F4).fma(r2, r.fma(F3, F2));
        DoubleVector q1 = r.fma(F9, F8).fma(r2, r.fma(F7, F6));
        DoubleVector q2 = r.fma(F13, F12).fma(r2, r.fma(F11, F10));
        DoubleVector s = q2.fma(r4, q1).fma(r4, q0);
        return r2.fma(s, r);
    }

    /**
     * As the float64 {@link #tanh(double[], int, double[], int, int)}, in float32 over twice the lanes:
     * ±1 from |x| > 10, x itself below 2^-12 (±0 included), the sign by a masked negation (JDK 17's C2
     * left a copy of the sign bit through int lanes to the Vector API's slow generic path).
     */
    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector a = v.abs();
            FloatVector twoA = a.min(TANH_ONE_F).mul(2f);
            // expm1(2a) = 2^k · p + (2^k - 1)
            FloatVector t = rounded(twoA);
            FloatVector half = halfPowerOfTwo(t);
            FloatVector e = half.mul(expm1Reduced(twoA, t)).mul(2f).add(half.mul(2f).sub(1f));
            FloatVector th = e.div(e.add(2f)).blend(1f, a.compare(VectorOperators.GT, TANH_ONE_F));
            th.lanewise(VectorOperators.NEG, v.compare(VectorOperators.LT, 0f))
                    .blend(v, a.compare(VectorOperators.LT, TANH_IDENTITY_F)).intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::tanh, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /** As the float64 {@link #sigmoid(double[], int, double[], int, int)}, in float32; 0 below x = -87 or so. */
    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            // exp(-x) as exp computes it (its flush of results below 2^-125 leaves 1 + e at 1 all the same)
            FloatVector e = expOf(FloatVector.fromArray(S, x, xOff + i).neg());
            FloatVector s = FloatVector.broadcast(S, 1f).div(e.add(1f));
            // flushed where the result would fall below the smallest normal float (NaN fails the test)
            s.blend(0f, s.compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::sigmoid, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /**
     * {@code exp(x) = 2^k · (1 + expm1(r))} as in the float32 sigmoid; +∞ above {@link #EXP_MAX_F}, and 0 where
     * the power of two would fall below 2^-126 (x below about -86.6), which {@link Kernels#exp} allows.
     */
    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            expOf(v).blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.GT, EXP_MAX_F)).intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::exp, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /** {@code exp(v)} for {@code v} in [-87, 88.72] (clamped there first; NaN propagates), flushed to 0 below 2^-125. */
    private static FloatVector expOf(FloatVector v) {
        FloatVector c = v.min(EXP_MAX_F).max(EXP_MIN_F);
        FloatVector t = rounded(c);
        FloatVector e = halfPowerOfTwo(t).mul(expm1Reduced(c, t).add(1f)).mul(2f);
        return e.blend(0f, e.compare(VectorOperators.LT, 0x1p-125f));
    }

    /**
     * {@code erfc(a) = t · exp(-a² + P(t))}, {@code t = 1 / (1 + a/2)}, {@code a = |x|}, with the degree-9
     * polynomial of Numerical Recipes' {@code erfcc} (relative error below 1.2e-7 for every a ≥ 0), {@code a²}
     * carried in two parts so that its rounding does not reach the exponent; {@code erfc(-a) = 2 - erfc(a)}.
     */
    @Override
    public void erfc(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            // erfc is 0 in float32 from a = 10 on; clamping there keeps ∞ out of a² (NaN stays NaN)
            FloatVector a = v.abs().min(10f);
            FloatVector t = FloatVector.broadcast(S, 1f).div(a.fma(0.5f, 1f));
            FloatVector p = t.fma(0.17087277f, -0.82215223f).fma(t, FloatVector.broadcast(S, 1.48851587f))
                    .fma(t, FloatVector.broadcast(S, -1.13520398f)).fma(t, FloatVector.broadcast(S, 0.27886807f))
                    .fma(t, FloatVector.broadcast(S, -0.18628806f)).fma(t, FloatVector.broadcast(S, 0.09678418f))
                    .fma(t, FloatVector.broadcast(S, 0.37409196f)).fma(t, FloatVector.broadcast(S, 1.00002368f))
                    .fma(t, FloatVector.broadcast(S, -1.26551223f));
            FloatVector hi = a.mul(a);
            FloatVector lo = a.fma(a, hi.neg());
            FloatVector r = t.mul(expOf(p.sub(lo).sub(hi)));
            r.blend(FloatVector.broadcast(S, 2f).sub(r), v.compare(VectorOperators.LT, 0f)).intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::erfc, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /**
     * {@code expm1(x) = 2^k · p + (2^k - 1)} (as in the float32 tanh) for x up to 1, with x clamped at -20
     * (where float32's expm1 is -1); beyond 1, {@code exp(x) - 1} loses at most one bit; +∞ above
     * {@link #EXP_MAX_F}.
     */
    @Override
    public void expm1(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector c = v.min(1f).max(-20f);
            FloatVector t = rounded(c);
            FloatVector half = halfPowerOfTwo(t);
            FloatVector small = half.mul(expm1Reduced(c, t)).mul(2f).add(half.mul(2f).sub(1f));
            FloatVector large = expOf(v).sub(1f).blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.GT, EXP_MAX_F));
            // ±0 kept (a product with 2^k would give +0 for -0)
            small.blend(large, v.compare(VectorOperators.GT, 1f)).blend(v, v.compare(VectorOperators.EQ, 0f))
                    .intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::expm1, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /**
     * {@code max(x, 0) + log1p(u)}, {@code u = exp(-|x|)} in (0, 1], with {@code log1p(u) = 2·atanh(s)},
     * {@code s = u / (2 + u)} in (0, 1/3]: the odd series {@code 2s·(1 + s²/3 + … + s¹⁴/15)}, whose first
     * omitted term is below 2e-9 of the sum.
     */
    @Override
    public void softplus(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector u = expOf(v.abs().neg());
            FloatVector s = u.div(u.add(2f));
            FloatVector s2 = s.mul(s);
            FloatVector p = s2.fma(1f / 15, 1f / 13).fma(s2, FloatVector.broadcast(S, 1f / 11))
                    .fma(s2, FloatVector.broadcast(S, 1f / 9)).fma(s2, FloatVector.broadcast(S, 1f / 7))
                    .fma(s2, FloatVector.broadcast(S, 1f / 5)).fma(s2, FloatVector.broadcast(S, 1f / 3))
                    .fma(s2, FloatVector.broadcast(S, 1f));
            v.max(0f).add(s.add(s).mul(p)).intoArray(y, yOff + i);
        }
        if (full < len) {
            padded(this::softplus, x, xOff + full, y, yOff + full, len - full);
        }
    }

    /** One of the float32 functions below, as {@link #padded} calls it. */
    @FunctionalInterface
    private interface FloatFunction {
        void apply(float[] x, int xOff, float[] y, int yOff, int len);
    }

    /**
     * {@code f} over the last {@code len < L} elements through a zero-padded copy: the float32 functions run
     * their tail through the same vector formula as the rest (a second pass of their loop on the copy), so an
     * element's value depends on its input alone, not on where a chunk, a row block or a batch ends (a fused
     * Dense layer's activation runs on blocks of rows whose bounds depend on the thread count). The loop
     * itself stays in the public method: one more call level between a caller and the loop left the vectors
     * boxed in GELU training (C2's inlining depth).
     */
    private static void padded(FloatFunction f, float[] x, int xOff, float[] y, int yOff, int len) {
        float[] t = new float[L];
        System.arraycopy(x, xOff, t, 0, len);
        f.apply(t, 0, t, 0, L);
        System.arraycopy(t, 0, y, yOff, len);
    }

    /** float32 counterparts of the constants above: tanh is 1 in float32 beyond 10; exp's finite range. */
    private static final float TANH_ONE_F = 10f;
    /** Below this in magnitude float32 tanh(x) rounds to x: x³/3 is under half a unit in the last place of x. */
    private static final float TANH_IDENTITY_F = 0x1p-12f;
    private static final float EXP_MAX_F = 88.72283f;
    private static final float EXP_MIN_F = -87f;
    /** 1.5 · 2^23. */
    private static final float ROUNDER_F = 12582912f;
    private static final float LOG2E_F = 1.44269504f;
    /** ln 2 = LN2_HI_F + LN2_LO_F with {@code k · LN2_HI_F} exact for {@code |k| < 2^15} (Cephes's split). */
    private static final float LN2_HI_F = 0.693359375f;
    private static final float LN2_LO_F = -2.12194440e-4f;
    /** The bits to subtract from {@code t}'s so that k - 1 + 127 remains, shifted into the exponent: {@code 2^(k-1)}. */
    private static final int HALF_BIAS_F = Float.floatToRawIntBits(ROUNDER_F) - 126;
    /** 1/n! for n = 2 .. 7: expm1's Taylor polynomial of degree 7, below 0.2 float32 ulps of it on |r| <= ln2/2. */
    private static final float F2F = 0.5f;
    private static final float F3F = (float) (1.0 / 6);
    private static final float F4F = (float) (1.0 / 24);
    private static final float F5F = (float) (1.0 / 120);
    private static final float F6F = (float) (1.0 / 720);
    private static final float F7F = (float) (1.0 / 5040);

    /** As {@link #rounded(DoubleVector)} in float32 ({@code |x·log2(e)| < 2^22}). */
    private static FloatVector rounded(FloatVector x) {
        return x.fma(LOG2E_F, ROUNDER_F);
    }

    /** {@code 2^(k-1)} for the k {@code x·log2(e)} rounds to, held in the low bits of {@code t} (float32). */
    private static FloatVector halfPowerOfTwo(FloatVector t) {
        return t.reinterpretAsInts().sub(HALF_BIAS_F).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** {@code expm1(r)} for {@code r = x - k·ln2} in float32: expm1's Taylor polynomial of degree 7 by Horner's rule. */
    private static FloatVector expm1Reduced(FloatVector x, FloatVector t) {
        FloatVector k = t.sub(ROUNDER_F);
        FloatVector r = x.sub(k.mul(LN2_HI_F)).sub(k.mul(LN2_LO_F));
        FloatVector s = r.fma(F7F, F6F).fma(r, FloatVector.broadcast(S, F5F)).fma(r, FloatVector.broadcast(S, F4F))
                .fma(r, FloatVector.broadcast(S, F3F)).fma(r, FloatVector.broadcast(S, F2F));
        return r.mul(r).fma(s, r);
    }

    /**
     * {@code y[yOff + i] = op(y[yOff + i], x[xOff + i])} over the whole vectors of {@code len}; returns how
     * many elements that covered (the caller finishes the tail). {@code op} is a constant at every call
     * site, so C2 compiles each inlined copy to the one instruction.
     */
    private static int lanewiseInto(VectorOperators.Binary op, float[] y, int yOff, float[] x, int xOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, y, yOff + i).lanewise(op, FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        return full;
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
    public void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int len) {
        int full = len - len % L;
        if (code == null) {
            for (int i = 0; i < full; i += L) {
                FloatVector m = FloatVector.fromArray(S, x, taps[0] + i);
                for (int t = 1; t < tapCount; t++) {
                    m = m.max(FloatVector.fromArray(S, x, taps[t] + i));
                }
                m.intoArray(y, yOff + i);
            }
        } else {
            // One pass: the code moves to a tap only when it beats the running maximum (strictly, or as
            // the first NaN), so it ends at the first tap equal to the final maximum, NaN matching NaN.
            for (int i = 0; i < full; i += L) {
                FloatVector m = FloatVector.fromArray(S, x, taps[0] + i);
                FloatVector c = FloatVector.broadcast(S, 1f);
                for (int t = 1; t < tapCount; t++) {
                    FloatVector v = FloatVector.fromArray(S, x, taps[t] + i);
                    VectorMask<Float> beats = v.compare(VectorOperators.GT, m)
                            .or(v.compare(VectorOperators.NE, v).and(m.compare(VectorOperators.EQ, m)));
                    c = c.blend(t + 1, beats);
                    m = m.max(v);
                }
                m.intoArray(y, yOff + i);
                c.intoArray(code, yOff + i);
            }
        }
        ScalarKernels.maxPoolWindow(x, taps, tapCount, y, yOff, code, full, len);
    }

    @Override
    public void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int len,
                                      boolean accumulate) {
        FloatVector zero = FloatVector.zero(S);
        int full = len - len % L;
        // Two straight loops rather than a branch inside one (a vector merged from branches may be boxed).
        if (accumulate) {
            for (int i = 0; i < full; i += L) {
                FloatVector c = FloatVector.fromArray(S, code, gOff + i);
                FloatVector gv = FloatVector.fromArray(S, g, gOff + i);
                for (int t = 0; t < tapCount; t++) {
                    VectorMask<Float> at = c.compare(VectorOperators.EQ, t + 1);
                    FloatVector.fromArray(S, dx, taps[t] + i).add(zero.blend(gv, at)).intoArray(dx, taps[t] + i);
                }
            }
        } else {
            for (int i = 0; i < full; i += L) {
                FloatVector c = FloatVector.fromArray(S, code, gOff + i);
                // 0 + g, as the accumulating pass onto a zeroed dx gives: -0 becomes +0.
                FloatVector gv = zero.add(FloatVector.fromArray(S, g, gOff + i));
                for (int t = 0; t < tapCount; t++) {
                    VectorMask<Float> at = c.compare(VectorOperators.EQ, t + 1);
                    zero.blend(gv, at).intoArray(dx, taps[t] + i);
                }
            }
        }
        ScalarKernels.maxPoolWindowBackward(code, g, gOff, taps, tapCount, dx, full, len, accumulate);
    }

    @Override
    public void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                               float[] y, int yOff) {
        int kk = taps.length;
        int j = 0;
        for (; j + 4 * L <= f; j += 4 * L) {
            int r = 0;
            // Two rows share each load of the kernel's rows (the loop is bound by loads, as the small-k GEMM).
            for (; r + 1 < rows; r += 2) {
                int b0 = rowBase[r];
                int b1 = rowBase[r + 1];
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                FloatVector t0 = s0;
                FloatVector t1 = s0;
                FloatVector t2 = s0;
                FloatVector t3 = s0;
                for (int t = 0, wi = j; t < kk; t++, wi += f) {
                    FloatVector w0 = FloatVector.fromArray(S, w, wi);
                    FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
                    FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
                    FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
                    int tap = taps[t];
                    FloatVector a = FloatVector.broadcast(S, x[b0 + tap]);
                    s0 = a.fma(w0, s0);
                    s1 = a.fma(w1, s1);
                    s2 = a.fma(w2, s2);
                    s3 = a.fma(w3, s3);
                    a = FloatVector.broadcast(S, x[b1 + tap]);
                    t0 = a.fma(w0, t0);
                    t1 = a.fma(w1, t1);
                    t2 = a.fma(w2, t2);
                    t3 = a.fma(w3, t3);
                }
                int o = yOff + r * f + j;
                epilogue(s0, bias, j, relu, y, o);
                epilogue(s1, bias, j + L, relu, y, o + L);
                epilogue(s2, bias, j + 2 * L, relu, y, o + 2 * L);
                epilogue(s3, bias, j + 3 * L, relu, y, o + 3 * L);
                o += f;
                epilogue(t0, bias, j, relu, y, o);
                epilogue(t1, bias, j + L, relu, y, o + L);
                epilogue(t2, bias, j + 2 * L, relu, y, o + 2 * L);
                epilogue(t3, bias, j + 3 * L, relu, y, o + 3 * L);
            }
            for (; r < rows; r++) {
                for (int q = 0; q < 4; q++) {
                    convColumnVector(x, rowBase[r], taps, w, f, j + q * L, bias, relu, y, yOff + r * f + j + q * L);
                }
            }
        }
        for (; j + L <= f; j += L) {
            for (int r = 0; r < rows; r++) {
                convColumnVector(x, rowBase[r], taps, w, f, j, bias, relu, y, yOff + r * f + j);
            }
        }
        if (j < f) {
            ScalarKernels.convOneChannel(x, rowBase, rows, taps, w, f, bias, relu, y, yOff, j);
        }
    }

    /** One vector of columns {@code [j, j + L)} of one row of {@link #convOneChannel}. */
    private static void convColumnVector(float[] x, int base, int[] taps, float[] w, int f, int j, float[] bias, boolean relu,
                                         float[] y, int o) {
        FloatVector s = FloatVector.zero(S);
        for (int t = 0, wi = j; t < taps.length; t++, wi += f) {
            s = FloatVector.broadcast(S, x[base + taps[t]]).fma(FloatVector.fromArray(S, w, wi), s);
        }
        epilogue(s, bias, j, relu, y, o);
    }

    /** {@code y[o..] = act(s + bias[j..])}, as {@link #biasRelu}. */
    private static void epilogue(FloatVector s, float[] bias, int j, boolean relu, float[] y, int o) {
        FloatVector v = bias == null ? s : s.add(FloatVector.fromArray(S, bias, j));
        (relu ? v.max(FloatVector.zero(S)) : v).intoArray(y, o);
    }

    /** Rows of dY per pass of {@link #convOneChannelKernelGrad} (32 KB of a 32-filter dY: cached while the taps take turns). */
    private static final int GRAD_ROW_BLOCK = 256;

    @Override
    public void convOneChannelKernelGrad(float[] x, int[] rowBase, int rows, int[] taps, float[] dy, int dyOff, int f,
                                         float[] dw) {
        int kk = taps.length;
        int full = f - f % L;
        for (int r0 = 0; r0 < rows; r0 += GRAD_ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + GRAD_ROW_BLOCK);
            int j = 0;
            for (; j + 4 * L <= full; j += 4 * L) {
                int t = 0;
                // Three taps by four vectors: twelve independent sums, each row of dY loaded once for three broadcasts of x.
                for (; t + 3 <= kk; t += 3) {
                    kernelGradThreeTaps(x, rowBase, r0, r1, taps[t], taps[t + 1], taps[t + 2], dy, dyOff, f, dw, t * f + j);
                }
                for (; t < kk; t++) {
                    for (int q = 0; q < 4; q++) {
                        kernelGradOneTap(x, rowBase, r0, r1, taps[t], dy, dyOff + j + q * L, f, dw, t * f + j + q * L);
                    }
                }
            }
            for (; j < full; j += L) {
                for (int t = 0; t < kk; t++) {
                    kernelGradOneTap(x, rowBase, r0, r1, taps[t], dy, dyOff + j, f, dw, t * f + j);
                }
            }
            if (full < f) {
                ScalarKernels.convOneChannelKernelGrad(x, rowBase, r0, r1, taps, dy, dyOff, f, dw, full);
            }
        }
    }

    /** Rows {@code [r0, r1)} of three taps' gradients for the four vectors of columns starting at {@code dw[w]} (taps {@code w}, {@code w + f}, {@code w + 2f}). */
    private static void kernelGradThreeTaps(float[] x, int[] rowBase, int r0, int r1, int q0, int q1, int q2,
                                            float[] dy, int dyOff, int f, float[] dw, int w) {
        int j = w % f;
        FloatVector a00 = FloatVector.fromArray(S, dw, w);
        FloatVector a01 = FloatVector.fromArray(S, dw, w + L);
        FloatVector a02 = FloatVector.fromArray(S, dw, w + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, dw, w + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, dw, w + f);
        FloatVector a11 = FloatVector.fromArray(S, dw, w + f + L);
        FloatVector a12 = FloatVector.fromArray(S, dw, w + f + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, dw, w + f + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, dw, w + 2 * f);
        FloatVector a21 = FloatVector.fromArray(S, dw, w + 2 * f + L);
        FloatVector a22 = FloatVector.fromArray(S, dw, w + 2 * f + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, dw, w + 2 * f + 3 * L);
        for (int r = r0, d = dyOff + r0 * f + j; r < r1; r++, d += f) {
            FloatVector g0 = FloatVector.fromArray(S, dy, d);
            FloatVector g1 = FloatVector.fromArray(S, dy, d + L);
            FloatVector g2 = FloatVector.fromArray(S, dy, d + 2 * L);
            FloatVector g3 = FloatVector.fromArray(S, dy, d + 3 * L);
            int b = rowBase[r];
            FloatVector v = FloatVector.broadcast(S, x[b + q0]);
            a00 = v.fma(g0, a00);
            a01 = v.fma(g1, a01);
            a02 = v.fma(g2, a02);
            a03 = v.fma(g3, a03);
            v = FloatVector.broadcast(S, x[b + q1]);
            a10 = v.fma(g0, a10);
            a11 = v.fma(g1, a11);
            a12 = v.fma(g2, a12);
            a13 = v.fma(g3, a13);
            v = FloatVector.broadcast(S, x[b + q2]);
            a20 = v.fma(g0, a20);
            a21 = v.fma(g1, a21);
            a22 = v.fma(g2, a22);
            a23 = v.fma(g3, a23);
        }
        a00.intoArray(dw, w);
        a01.intoArray(dw, w + L);
        a02.intoArray(dw, w + 2 * L);
        a03.intoArray(dw, w + 3 * L);
        a10.intoArray(dw, w + f);
        a11.intoArray(dw, w + f + L);
        a12.intoArray(dw, w + f + 2 * L);
        a13.intoArray(dw, w + f + 3 * L);
        a20.intoArray(dw, w + 2 * f);
        a21.intoArray(dw, w + 2 * f + L);
        a22.intoArray(dw, w + 2 * f + 2 * L);
        a23.intoArray(dw, w + 2 * f + 3 * L);
    }

    /** Rows {@code [r0, r1)} of one tap's gradient for one vector of columns: {@code dw[w..] += Σ_r x[rowBase[r] + q] · dy[d0 + r·f..]}. */
    private static void kernelGradOneTap(float[] x, int[] rowBase, int r0, int r1, int q, float[] dy, int d0, int f,
                                         float[] dw, int w) {
        FloatVector a = FloatVector.fromArray(S, dw, w);
        for (int r = r0, d = d0 + r0 * f; r < r1; r++, d += f) {
            a = FloatVector.broadcast(S, x[rowBase[r] + q]).fma(FloatVector.fromArray(S, dy, d), a);
        }
        a.intoArray(dw, w);
    }

    /*
     * The Winograd tile transforms work one row of the 4x4 tile at a time, each row with its own loop
     * over the channels and one call site in the caller: a whole tile's 60-odd vector operations in one
     * compiled method exhausted C2's inlining budget, and the vectors were boxed (6 GB allocated per
     * 10,000 convnet inferences).
     */
    /** Rows {@code P} and {@code Q} of the input patch, and the sign, for each row {@code i} of {@code Bᵀ d} ({@code d_P + sign·d_Q}). */
    private static final int[] IN_P = {0, 1, 2, 1};
    private static final int[] IN_Q = {2, 2, 1, 3};
    private static final float[] IN_SIGN = {-1f, 1f, -1f, -1f};

    @Override
    public void winogradInputTile(float[] d, int base, int colStride, int rowStride, float[] v, int vOff, int slab, int len) {
        int full = len - len % L;
        for (int i = 0; i < 4; i++) {
            inputRow(d, base + IN_P[i] * rowStride, base + IN_Q[i] * rowStride, IN_SIGN[i], colStride, v, vOff + 4 * i * slab,
                    slab, full);
        }
        ScalarKernels.INSTANCE.winogradInputTile(d, base + full, colStride, rowStride, v, vOff + full, slab, len - full);
    }

    /** Row {@code a = d_P + sign·d_Q} of {@code Bᵀ d} through {@code B}: {@code a0 - a2, a1 + a2, a2 - a1, a1 - a3} to {@code v[p + j·slab]}. */
    private static void inputRow(float[] d, int oP, int oQ, float sign, int colStride, float[] v, int p, int slab, int full) {
        for (int k = 0; k < full; k += L) {
            FloatVector a0 = FloatVector.fromArray(S, d, oP + k).add(FloatVector.fromArray(S, d, oQ + k).mul(sign));
            FloatVector a1 = FloatVector.fromArray(S, d, oP + colStride + k)
                    .add(FloatVector.fromArray(S, d, oQ + colStride + k).mul(sign));
            FloatVector a2 = FloatVector.fromArray(S, d, oP + 2 * colStride + k)
                    .add(FloatVector.fromArray(S, d, oQ + 2 * colStride + k).mul(sign));
            FloatVector a3 = FloatVector.fromArray(S, d, oP + 3 * colStride + k)
                    .add(FloatVector.fromArray(S, d, oQ + 3 * colStride + k).mul(sign));
            a0.sub(a2).intoArray(v, p + k);
            a1.add(a2).intoArray(v, p + slab + k);
            a2.sub(a1).intoArray(v, p + 2 * slab + k);
            a1.sub(a3).intoArray(v, p + 3 * slab + k);
        }
    }

    @Override
    public void winogradOutputTile(float[] m, int mOff, int slab, float[] y, int o00, int o01, int o10, int o11, int len) {
        int full = len - len % L;
        // one call site in a loop, as for the input tile: two inlined copies of the row overran C2's inlining
        // budget and left its vector operations boxed (a JFR allocation profile of convnet training)
        for (int r = 0; r < 2; r++) {
            outputRow(m, mOff + 4 * slab, mOff + 8 * slab, mOff + 12 * r * slab, r == 0 ? 1f : -1f, slab, y,
                    r == 0 ? o00 : o10, r == 0 ? o01 : o11, full);
        }
        ScalarKernels.INSTANCE.winogradOutputTile(m, mOff + full, slab, y, o00 + full, o01 + full, o10 + full, o11 + full,
                len - full);
    }

    /**
     * Row {@code r = (M_1 + sign·M_2) + sign·M_X} of {@code Aᵀ M} (rows of slabs from {@code p1}, {@code p2},
     * {@code pX}) through {@code A}: {@code (r1 + r2) + r0} to {@code y[a]}, {@code (r1 - r2) - r3} to {@code y[b]}.
     */
    private static void outputRow(float[] m, int p1, int p2, int pX, float sign, int slab, float[] y, int a, int b, int full) {
        for (int k = 0; k < full; k += L) {
            FloatVector r0 = FloatVector.fromArray(S, m, p1 + k).add(FloatVector.fromArray(S, m, p2 + k).mul(sign))
                    .add(FloatVector.fromArray(S, m, pX + k).mul(sign));
            FloatVector r1 = FloatVector.fromArray(S, m, p1 + slab + k).add(FloatVector.fromArray(S, m, p2 + slab + k).mul(sign))
                    .add(FloatVector.fromArray(S, m, pX + slab + k).mul(sign));
            FloatVector r2 = FloatVector.fromArray(S, m, p1 + 2 * slab + k)
                    .add(FloatVector.fromArray(S, m, p2 + 2 * slab + k).mul(sign))
                    .add(FloatVector.fromArray(S, m, pX + 2 * slab + k).mul(sign));
            FloatVector r3 = FloatVector.fromArray(S, m, p1 + 3 * slab + k)
                    .add(FloatVector.fromArray(S, m, p2 + 3 * slab + k).mul(sign))
                    .add(FloatVector.fromArray(S, m, pX + 3 * slab + k).mul(sign));
            r1.add(r2).add(r0).intoArray(y, a + k);
            r1.sub(r2).sub(r3).intoArray(y, b + k);
        }
    }

    @Override
    public void winogradOutputGradientTile(float[] g, int o00, int o01, int o10, int o11, float[] dm, int dmOff, int slab,
                                           int len) {
        int full = len - len % L;
        // Rows of A dY: y0, y0 + y1, y0 - y1, -y1 (y0 = (g00, g01), y1 = (g10, g11)).
        for (int r = 0; r < 4; r++) {
            gradientRow(g, o00, o01, o10, o11, GRAD_S0[r], GRAD_S1[r], dm, dmOff + 4 * r * slab, slab, full);
        }
        ScalarKernels.INSTANCE.winogradOutputGradientTile(g, o00 + full, o01 + full, o10 + full, o11 + full, dm, dmOff + full,
                slab, len - full);
    }

    /**
     * One row {@code x} of {@code A dY} through {@code Aᵀ}: {@code x0, x0 + x1, x0 - x1, -x1} to
     * {@code dm[p + j·slab]}, where {@code x = y0} ({@code s0 == 0}, {@code s1 == 0}), {@code y0 + s1·y1}
     * ({@code s0 == 1}) or {@code s1·y1} ({@code s0 == 0}, {@code s1 != 0}): the rows are chosen by
     * branches outside the loop, not by multiplying by 0 (which would turn an infinity into NaN).
     */
    private static void gradientRow(float[] g, int o00, int o01, int o10, int o11, float s0, float s1, float[] dm, int p,
                                    int slab, int full) {
        boolean first = s0 != 0f || s1 == 0f;
        boolean second = s1 != 0f;
        // one loop per case: vectors merged from branches inside a loop (phis) were boxed by C2
        if (first && second) {
            for (int k = 0; k < full; k += L) {
                gradientColumns(FloatVector.fromArray(S, g, o00 + k).add(FloatVector.fromArray(S, g, o10 + k).mul(s1)),
                        FloatVector.fromArray(S, g, o01 + k).add(FloatVector.fromArray(S, g, o11 + k).mul(s1)), dm, p + k, slab);
            }
        } else if (first) {
            for (int k = 0; k < full; k += L) {
                gradientColumns(FloatVector.fromArray(S, g, o00 + k), FloatVector.fromArray(S, g, o01 + k), dm, p + k, slab);
            }
        } else {
            for (int k = 0; k < full; k += L) {
                gradientColumns(FloatVector.fromArray(S, g, o10 + k).mul(s1), FloatVector.fromArray(S, g, o11 + k).mul(s1), dm,
                        p + k, slab);
            }
        }
    }

    /** {@code x0, x0 + x1, x0 - x1, -x1} to {@code dm[p + j·slab]}. */
    private static void gradientColumns(FloatVector x0, FloatVector x1, float[] dm, int p, int slab) {
        x0.intoArray(dm, p);
        x0.add(x1).intoArray(dm, p + slab);
        x0.sub(x1).intoArray(dm, p + 2 * slab);
        x1.neg().intoArray(dm, p + 3 * slab);
    }

    /** {@link #gradientRow}'s {@code s0} and {@code s1} for the rows of {@code A dY}: y0, y0 + y1, y0 - y1, -y1. */
    private static final float[] GRAD_S0 = {0f, 1f, 1f, 0f};
    private static final float[] GRAD_S1 = {0f, 1f, -1f, -1f};

    @Override
    public void winogradInputGradientTile(float[] dv, int dvOff, int slab, float[] out, int outOff, int outStride, int len) {
        int full = len - len % L;
        // Rows of B dV: v0, (v1 - v2) + v3, (v1 + v2) - v0, -v3.
        // one loop per case, each in a method of its own called straight from here (no vector phis; in one
        // method, or one level deeper, C2's inlining gave out before the second loop and boxed its vectors)
        for (int r = 0; r < 4; r++) {
            int o = outOff + 4 * r * outStride;
            if (PATCH_MIXED[r]) {
                patchRowMixed(dv, dvOff + PATCH_A[r] * slab, dvOff + PATCH_B[r] * slab, dvOff + PATCH_C[r] * slab, PATCH_SB[r],
                        PATCH_SC[r], slab, out, o, outStride, full);
            } else {
                patchRowScaled(dv, dvOff + PATCH_A[r] * slab, PATCH_SC[r], slab, out, o, outStride, full);
            }
        }
        ScalarKernels.INSTANCE.winogradInputGradientTile(dv, dvOff + full, slab, out, outOff + full, outStride, len - full);
    }

    /**
     * One row {@code x} of {@code B dV} through {@code Bᵀ}: {@code x0, (x1 - x2) + x3, (x1 + x2) - x0, -x3} to
     * {@code out[o + j·stride]}, where {@code x = (V_a + sb·V_b) + sc·V_c} (rows of slabs from {@code pa},
     * {@code pb}, {@code pc}; the signs are ±1, exact).
     */
    private static void patchRowMixed(float[] dv, int pa, int pb, int pc, float sb, float sc, int slab, float[] out, int o,
                                      int stride, int full) {
        for (int k = 0; k < full; k += L) {
            FloatVector x0 = FloatVector.fromArray(S, dv, pa + k).add(FloatVector.fromArray(S, dv, pb + k).mul(sb))
                    .add(FloatVector.fromArray(S, dv, pc + k).mul(sc));
            FloatVector x1 = FloatVector.fromArray(S, dv, pa + slab + k).add(FloatVector.fromArray(S, dv, pb + slab + k).mul(sb))
                    .add(FloatVector.fromArray(S, dv, pc + slab + k).mul(sc));
            FloatVector x2 = FloatVector.fromArray(S, dv, pa + 2 * slab + k)
                    .add(FloatVector.fromArray(S, dv, pb + 2 * slab + k).mul(sb))
                    .add(FloatVector.fromArray(S, dv, pc + 2 * slab + k).mul(sc));
            FloatVector x3 = FloatVector.fromArray(S, dv, pa + 3 * slab + k)
                    .add(FloatVector.fromArray(S, dv, pb + 3 * slab + k).mul(sb))
                    .add(FloatVector.fromArray(S, dv, pc + 3 * slab + k).mul(sc));
            x0.intoArray(out, o + k);
            x1.sub(x2).add(x3).intoArray(out, o + stride + k);
            x1.add(x2).sub(x0).intoArray(out, o + 2 * stride + k);
            x3.neg().intoArray(out, o + 3 * stride + k);
        }
    }

    /**
     * {@link #patchRowMixed} with {@code x = sc·V_a}. Its stores are written out rather than shared in a helper:
     * this small method is inlined deep into the convolution's backward pass, and one more level put its vector
     * operations beyond C2's inlining depth in some JVMs (boxed, 1–2 % of a convnet training profile).
     */
    private static void patchRowScaled(float[] dv, int pa, float sc, int slab, float[] out, int o, int stride, int full) {
        for (int k = 0; k < full; k += L) {
            FloatVector x0 = FloatVector.fromArray(S, dv, pa + k).mul(sc);
            FloatVector x1 = FloatVector.fromArray(S, dv, pa + slab + k).mul(sc);
            FloatVector x2 = FloatVector.fromArray(S, dv, pa + 2 * slab + k).mul(sc);
            FloatVector x3 = FloatVector.fromArray(S, dv, pa + 3 * slab + k).mul(sc);
            x0.intoArray(out, o + k);
            x1.sub(x2).add(x3).intoArray(out, o + stride + k);
            x1.add(x2).sub(x0).intoArray(out, o + 2 * stride + k);
            x3.neg().intoArray(out, o + 3 * stride + k);
        }
    }

    /**
     * The patch rows' arguments for the rows of {@code B dV}: v0, (v1 - v2) + v3, (v1 + v2) - v0, -v3 (slab
     * rows of a, b and c in units of four slabs; the signs of b and c; whether the row mixes three).
     */
    private static final int[] PATCH_A = {0, 4, 4, 12};
    private static final int[] PATCH_B = {0, 8, 8, 0};
    private static final int[] PATCH_C = {0, 12, 0, 0};
    private static final float[] PATCH_SB = {0f, -1f, 1f, 0f};
    private static final float[] PATCH_SC = {1f, 1f, -1f, -1f};
    private static final boolean[] PATCH_MIXED = {false, true, true, false};
}
