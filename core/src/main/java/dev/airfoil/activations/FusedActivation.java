package dev.airfoil.activations;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.Parallel;

/**
 * The float32 form of a built-in activation ({@code tanh}, {@code sigmoid}, {@code silu}, exact and
 * approximate {@code gelu}, {@code elu}, {@code selu}, {@code leaky_relu}, {@code softplus}, {@code mish}):
 * the values and the derivative computed over whole arrays with the vector kernels
 * ({@link Kernels#tanh(float[], int, float[], int, int)}, {@link Kernels#sigmoid(float[], int, float[], int,
 * int)}, {@link Kernels#erfc}, {@link Kernels#exp}, {@link Kernels#expm1}, {@link Kernels#softplus}), in
 * chunks that stay in the first-level cache, recorded as one autodiff node. The formulas they replace
 * build a chain of tensor operations per call; the exact GELU went through a float64 series per element
 * (about 180 ns each). Conventions at kinks are the formulas' (JAX's): ELU's derivative at 0 is
 * {@code alpha}, leaky ReLU's is 1.
 *
 * <p>Applying a built-in activation to a float32 tensor takes this path ({@link Activation#apply}); the
 * fused Dense primitive applies it to its product in place. Float64 tensors keep the formulas (the
 * reference the gradient checks and the Keras goldens test; this path is tested against them). The
 * system property {@code airfoil.activations.fused=false} switches it off.
 *
 * <p>The chunk code is one method per direction with a case per activation, and each case writes its
 * loops out: C2 compiles that method on its own, with the vector kernels inlined a few levels deep. Two
 * alternatives measured worse: the GELU's shared steps as helper methods (C2 then ran out of inlining
 * budget and left erfc's vectors boxed, 16 % of a GELU MLP's training profile allocating them) and a
 * subclass per activation (inlined into its callers, the kernels' vector calls sat deeper than C2 inlines:
 * the GELU forward 3.9 against 3.0 ns per element).
 */
public final class FusedActivation {
    /** The activations with a fused form. */
    enum Kind { TANH, SIGMOID, SILU, GELU, GELU_TANH, ELU, LEAKY_RELU, SOFTPLUS, MISH }

    static volatile boolean enabled = !"false".equals(System.getProperty("airfoil.activations.fused"));

    static final FusedActivation TANH = new FusedActivation(Kind.TANH, "tanh");
    static final FusedActivation SIGMOID = new FusedActivation(Kind.SIGMOID, "sigmoid");
    static final FusedActivation SILU = new FusedActivation(Kind.SILU, "silu");
    static final FusedActivation GELU = new FusedActivation(Kind.GELU, "gelu");
    static final FusedActivation GELU_TANH = new FusedActivation(Kind.GELU_TANH, "gelu");
    static final FusedActivation SELU = new FusedActivation(Kind.ELU, "selu", (float) ActivationMath.SELU_ALPHA,
            (float) ActivationMath.SELU_SCALE);
    static final FusedActivation SOFTPLUS = new FusedActivation(Kind.SOFTPLUS, "softplus");
    static final FusedActivation MISH = new FusedActivation(Kind.MISH, "mish");

    /** Elements per kernel call: the chunk and its scratch stay in L1. */
    private static final int CHUNK = 512;
    /** Elements per parallel task. */
    private static final int GRAIN = 1 << 14;
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    /** The approximate GELU's {@code 2·sqrt(2/π)} and cubic coefficient: {@code 1 + tanh(u) = 2·sigmoid(2u)}. */
    private static final float TWO_C = (float) (2 * Math.sqrt(2 / Math.PI));
    private static final float CUBIC = 0.044715f;

    private final Kind kind;
    private final String name;
    /** ELU's alpha or leaky ReLU's negative slope. */
    private final float alpha;
    /** SELU's scale (1 for ELU). */
    private final float scale;

    private FusedActivation(Kind kind, String name) {
        this(kind, name, 0f, 1f);
    }

    private FusedActivation(Kind kind, String name, float alpha, float scale) {
        this.kind = kind;
        this.name = name;
        this.alpha = alpha;
        this.scale = scale;
    }

    /** ELU: {@code x > 0 ? x : alpha·expm1(x)}. */
    static FusedActivation elu(double alpha) {
        return new FusedActivation(Kind.ELU, "elu", (float) alpha, 1f);
    }

    /** Leaky ReLU: {@code x >= 0 ? x : slope·x}. */
    static FusedActivation leakyRelu(double slope) {
        return new FusedActivation(Kind.LEAKY_RELU, "leaky_relu", (float) slope, 1f);
    }

    /** The fused form of {@code a}, or null when it has none or the fused path is switched off. */
    public static FusedActivation of(Activation a) {
        return enabled && a instanceof BuiltinActivation b ? b.fused() : null;
    }

    /**
     * Whether {@link #backward} reads the activation's input; when it does not, {@link #forward} may
     * overwrite its input and the derivative comes from the output alone (tanh, sigmoid).
     */
    public boolean needsInput() {
        return kind != Kind.TANH && kind != Kind.SIGMOID;
    }

    /**
     * The work per element of {@link #forward}, in multiply-adds of a float32 GEMM (about 0.02 ns each on
     * one core here; one thread, ns per element: leaky ReLU 0.1, tanh, sigmoid and ELU about 1, SiLU and the
     * approximate GELU 1.2, softplus 1.5, the exact GELU and mish 2.5): what a fused Dense layer adds to its
     * product's cost when the product decides how many threads to wake.
     */
    public int cost() {
        return switch (kind) {
            case LEAKY_RELU -> 5;
            case TANH, SIGMOID, ELU -> 50;
            case SILU, GELU_TANH -> 60;
            case SOFTPLUS -> 75;
            case GELU, MISH -> 125;
        };
    }

    /** {@code y[yOff + i] = f(z[zOff + i])} for {@code i < n}, in parallel for long arrays; the ranges may be the same. */
    public void forward(float[] z, int zOff, float[] y, int yOff, int n) {
        Parallel.forRanges(n, GRAIN, (lo, hi) -> {
            float[] s = new float[Math.min(CHUNK, hi - lo)];
            Kernels k = Kernels.get();
            for (int c = lo; c < hi; c += CHUNK) {
                forwardChunk(k, z, zOff + c, y, yOff + c, Math.min(CHUNK, hi - c), s);
            }
        });
    }

    /**
     * {@code dz[dzOff + i] = g[gOff + i] · f'(z[zOff + i])} for {@code i < n}, from the input {@code z}
     * (unused, and may be null, unless {@link #needsInput}) and the output {@code y} of {@link #forward}.
     */
    public void backward(float[] g, int gOff, float[] z, int zOff, float[] y, int yOff, float[] dz, int dzOff, int n) {
        Parallel.forRanges(n, GRAIN, (lo, hi) -> {
            int len = Math.min(CHUNK, hi - lo);
            float[] s = new float[len];
            float[] e = kind == Kind.GELU || kind == Kind.MISH ? new float[len] : null;
            Kernels k = Kernels.get();
            for (int c = lo; c < hi; c += CHUNK) {
                backwardChunk(k, g, gOff + c, z, zOff + c, y, yOff + c, dz, dzOff + c, Math.min(CHUNK, hi - c), s, e);
            }
        });
    }

    /** {@code f(x)} for a float32 tensor, one autodiff node when a gradient is needed. */
    Tensor apply(Tensor x) {
        int n = x.size();
        float[] xs = x.floatStorage();
        int xo = x.storageOffset();
        float[] y = new float[n];
        forward(xs, xo, y, 0, n);
        int[] shape = x.shape();
        Tensor out = Tensor.wrap(y, shape);
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, name, new Tensor[] {x}, g -> {
            float[] gs = (g.dtype() == DType.FLOAT32 ? g : g.cast(DType.FLOAT32)).floatData();
            float[] dz = new float[n];
            backward(gs, 0, xs, xo, y, 0, dz, 0, n);
            return new Tensor[] {Tensor.freshGradient(dz, shape)};
        });
    }

    private void forwardChunk(Kernels k, float[] z, int zo, float[] y, int yo, int len, float[] s) {
        switch (kind) {
            case TANH -> k.tanh(z, zo, y, yo, len);
            case SIGMOID -> k.sigmoid(z, zo, y, yo, len);
            case SILU -> {
                k.sigmoid(z, zo, s, 0, len);
                for (int i = 0; i < len; i++) {
                    y[yo + i] = z[zo + i] * s[i];
                }
            }
            case GELU -> {
                // Φ(z) = erfc(-z/√2) / 2 keeps the negative tail's relative accuracy, which 1 + erf(z/√2) loses
                for (int i = 0; i < len; i++) {
                    s[i] = -INV_SQRT2 * z[zo + i];
                }
                k.erfc(s, 0, s, 0, len);
                for (int i = 0; i < len; i++) {
                    y[yo + i] = z[zo + i] * (0.5f * s[i]);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    s[i] = TWO_C * (zi + CUBIC * zi * zi * zi);
                }
                k.sigmoid(s, 0, s, 0, len);
                for (int i = 0; i < len; i++) {
                    y[yo + i] = z[zo + i] * s[i];
                }
            }
            case ELU -> {
                k.expm1(z, zo, s, 0, len);
                float sa = scale * alpha;
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    y[yo + i] = zi > 0f ? scale * zi : sa * s[i];
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    y[yo + i] = zi >= 0f ? zi : alpha * zi;
                }
            }
            case SOFTPLUS -> k.softplus(z, zo, y, yo, len);
            case MISH -> {
                k.softplus(z, zo, s, 0, len);
                k.tanh(s, 0, s, 0, len);
                for (int i = 0; i < len; i++) {
                    y[yo + i] = z[zo + i] * s[i];
                }
            }
        }
    }

    private void backwardChunk(Kernels k, float[] g, int go, float[] z, int zo, float[] y, int yo, float[] dz, int dzo,
                               int len, float[] s, float[] e) {
        switch (kind) {
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    float yi = y[yo + i];
                    dz[dzo + i] = g[go + i] * (1f - yi * yi);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    float yi = y[yo + i];
                    dz[dzo + i] = g[go + i] * (yi * (1f - yi));
                }
            }
            case SILU -> {
                // (z·σ(z))' = σ(z)·(1 + z·(1 - σ(z)))
                k.sigmoid(z, zo, s, 0, len);
                for (int i = 0; i < len; i++) {
                    float si = s[i];
                    dz[dzo + i] = g[go + i] * (si * (1f + z[zo + i] * (1f - si)));
                }
            }
            case GELU -> {
                // (z·Φ(z))' = Φ(z) + z·φ(z), φ(z) = exp(-z²/2) / √(2π)
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    s[i] = -INV_SQRT2 * zi;
                    e[i] = -0.5f * zi * zi;
                }
                k.erfc(s, 0, s, 0, len);
                k.exp(e, 0, e, 0, len);
                for (int i = 0; i < len; i++) {
                    dz[dzo + i] = g[go + i] * (0.5f * s[i] + z[zo + i] * (INV_SQRT_2PI * e[i]));
                }
            }
            case GELU_TANH -> {
                // (z·σ(2u))' = σ + z·σ·(1 - σ)·2u', u = c·(z + 0.044715·z³)
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    s[i] = TWO_C * (zi + CUBIC * zi * zi * zi);
                }
                k.sigmoid(s, 0, s, 0, len);
                for (int i = 0; i < len; i++) {
                    float zi = z[zo + i];
                    float si = s[i];
                    float ds = si * (1f - si);
                    // σ' is 0 where σ saturated; z·u' may then overflow, and ∞·0 must not turn it into NaN
                    float slope = ds == 0f ? 0f : zi * ds * (TWO_C * (1f + 3f * CUBIC * zi * zi));
                    dz[dzo + i] = g[go + i] * (si + slope);
                }
            }
            case ELU -> {
                k.exp(z, zo, s, 0, len);
                float sa = scale * alpha;
                for (int i = 0; i < len; i++) {
                    dz[dzo + i] = g[go + i] * (z[zo + i] > 0f ? scale : sa * s[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < len; i++) {
                    dz[dzo + i] = g[go + i] * (z[zo + i] >= 0f ? 1f : alpha);
                }
            }
            case SOFTPLUS -> {
                k.sigmoid(z, zo, s, 0, len);
                for (int i = 0; i < len; i++) {
                    dz[dzo + i] = g[go + i] * s[i];
                }
            }
            case MISH -> {
                // (z·tanh(sp(z)))' = t + z·(1 - t²)·σ(z), t = tanh(softplus(z))
                k.softplus(z, zo, s, 0, len);
                k.tanh(s, 0, s, 0, len);
                k.sigmoid(z, zo, e, 0, len);
                for (int i = 0; i < len; i++) {
                    float t = s[i];
                    float d = 1f - t * t;
                    dz[dzo + i] = g[go + i] * (t + (d == 0f ? 0f : z[zo + i] * d * e[i]));
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.GELU_TANH ? "gelu(approximate)" : name;
    }
}
