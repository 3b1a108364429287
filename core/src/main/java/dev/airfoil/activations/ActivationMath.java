package dev.airfoil.activations;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Package-private: the formulas of Keras 3's activations (JAX backend), composed from recorded
 * {@link Tensor} operations so that autodiff works. Where a function has a kink, the composition
 * is chosen so that the gradient there follows the JAX convention (checked against the golden file
 * {@code golden/activations.json}).
 */
final class ActivationMath {
    /** SELU's alpha, to double precision. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale, to double precision. */
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private ActivationMath() {
    }

    /** A constant (not recorded) tensor. */
    private static Tensor constant(Tensor t) {
        return t.detach();
    }

    /** {@code mask ? a : b} where only {@code a} carries a gradient (b is a constant). */
    private static Tensor select(Tensor mask, Tensor a, Tensor b) {
        return Tensor.where(mask, a, b);
    }

    private static Tensor scalar(Tensor like, double v) {
        return Tensor.scalar(like.dtype(), v);
    }

    /** The mask as 0/1 values of {@code like}'s dtype, not recorded. */
    private static Tensor mask01(Tensor mask, Tensor like) {
        return mask.cast(like.dtype()).detach();
    }

    /** JAX's {@code jnp.clip}: {@code minimum(maximum(x, lo), hi)} (half gradients at ties). */
    static Tensor jnpClip(Tensor x, double lo, double hi) {
        return x.maximum(lo).minimum(hi);
    }

    static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** JAX's relu6: {@code min(max(x, 0), 6)} with zero gradient at 0 and 6. */
    static Tensor relu6(Tensor x) {
        Tensor inside = x.gt(0).and(x.lt(6));
        Tensor outside;
        try (GradMode.Scope s = GradMode.noGrad()) {
            outside = x.clip(0, 6);
        }
        return select(inside, x, outside);
    }

    /** {@code x >= 0 ? x : slope * x} (gradient 1 at 0, as {@code jax.nn.leaky_relu}). */
    static Tensor leakyRelu(Tensor x, double slope) {
        return select(x.ge(0), x, x.mul(slope));
    }

    /** Keras's {@code ReLU.static_call}: optional negative slope, saturation and threshold. */
    static Tensor relu(Tensor x, double negativeSlope, Double maxValue, double threshold) {
        Tensor negativePart = null;
        if (negativeSlope != 0.0) {
            if (maxValue == null && threshold == 0) {
                return leakyRelu(x, negativeSlope);
            }
            negativePart = threshold != 0 ? x.neg().add(threshold).relu() : x.neg().relu();
        }
        boolean clipMax = maxValue != null;
        Tensor y;
        if (threshold != 0) {
            y = x.mul(mask01(x.gt(threshold), x));
        } else if (maxValue != null && maxValue == 6.0) {
            y = relu6(x);
            clipMax = false;
        } else {
            y = x.relu();
        }
        if (clipMax) {
            y = jnpClip(y, 0.0, maxValue);
        }
        if (negativePart != null) {
            y = y.sub(negativePart.mul(negativeSlope));
        }
        return y;
    }

    /** {@code x > 0 ? x : alpha * expm1(x)} (gradient alpha at 0, as {@code jax.nn.elu}). */
    static Tensor elu(Tensor x, double alpha) {
        Tensor pos = x.gt(0);
        Tensor safe = select(pos, Tensor.zerosLike(x), x);
        return select(pos, x, safe.expm1().mul(alpha));
    }

    static Tensor selu(Tensor x) {
        return elu(x, SELU_ALPHA).mul(SELU_SCALE);
    }

    /** {@code max(x, 0) + alpha * expm1(min(x, 0) / alpha)} (as {@code jax.nn.celu}). */
    static Tensor celu(Tensor x, double alpha) {
        return x.maximum(0.0).add(x.minimum(0.0).div(alpha).expm1().mul(alpha));
    }

    /** GELU: exact {@code x * (1 + erf(x / sqrt 2)) / 2}, or the tanh approximation. */
    static Tensor gelu(Tensor x, boolean approximate) {
        if (approximate) {
            double c = Math.sqrt(2.0 / Math.PI);
            Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(c);
            return x.mul(inner.tanh().add(1.0).mul(0.5));
        }
        return x.mul(x.mul(1.0 / Math.sqrt(2.0)).erf().add(1.0).mul(0.5));
    }

    static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    /** {@code relu6(x + 3) / 6}. */
    static Tensor hardSigmoid(Tensor x) {
        return relu6(x.add(3.0)).div(6.0);
    }

    static Tensor hardSilu(Tensor x) {
        return x.mul(hardSigmoid(x));
    }

    static Tensor mish(Tensor x) {
        return x.mul(x.softplus().tanh());
    }

    /** {@code -softplus(-x)}, stable for large |x|. */
    static Tensor logSigmoid(Tensor x) {
        return x.neg().softplus().neg();
    }

    static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }

    /** {@code x > 1 ? 1 : (x < -1 ? -1 : x)} (gradient 1 at the corners, as {@code jax.nn.hard_tanh}). */
    static Tensor hardTanh(Tensor x) {
        Tensor outside;
        try (GradMode.Scope s = GradMode.noGrad()) {
            outside = x.clip(-1, 1);
        }
        return select(x.ge(-1).and(x.le(1)), x, outside);
    }

    static Tensor hardShrink(Tensor x, double threshold) {
        return select(x.abs().gt(threshold), x, Tensor.zerosLike(x));
    }

    static Tensor softShrink(Tensor x, double threshold) {
        Tensor inner = select(x.lt(-threshold), x.add(threshold), Tensor.zerosLike(x));
        return select(x.gt(threshold), x.sub(threshold), inner);
    }

    static Tensor tanhShrink(Tensor x) {
        return x.sub(x.tanh());
    }

    static Tensor threshold(Tensor x, double threshold, double defaultValue) {
        return select(x.gt(threshold), x, Tensor.full(x.dtype(), defaultValue, x.shape()));
    }

    /** {@code 0} for x <= -1, {@code x} for x >= 1, {@code (x + 1)^2 / 4} between. */
    static Tensor sparsePlus(Tensor x) {
        Tensor middle = x.add(1.0).square().div(4.0);
        Tensor upper = select(x.ge(1), x, middle);
        return select(x.le(-1), Tensor.zerosLike(x), upper);
    }

    /** {@code clip(x + 1, 0, 2) / 2}. */
    static Tensor sparseSigmoid(Tensor x) {
        return jnpClip(x.add(1.0), 0.0, 2.0).mul(0.5);
    }

    static Tensor squareplus(Tensor x, double b) {
        return x.add(x.square().add(b).sqrt()).mul(0.5);
    }

    /** GLU: splits {@code x} in two halves {@code a, b} along the axis and returns {@code a * sigmoid(b)}. */
    static Tensor glu(Tensor x, int axis) {
        int ax = Shape.axis(axis, x.rank(), "glu");
        if (x.dim(ax) % 2 != 0) {
            throw new IllegalArgumentException("glu expects an even size along axis " + axis + ", got shape "
                    + Shape.str(x.shape()) + "; pad or reshape the input so the axis splits into two halves");
        }
        List<Tensor> halves = x.split(2, ax);
        return halves.get(0).mul(halves.get(1).sigmoid());
    }

    /**
     * Sparsemax (Martins and Astudillo, 2016): the Euclidean projection onto the probability simplex,
     * {@code max(x - tau, 0)} with {@code tau = (sum of the support - 1) / |support|}. The support
     * is found without recording; the result is recorded through {@code tau}, which gives the exact
     * Jacobian {@code diag(s) - s s^T / |s|}.
     */
    static Tensor sparsemax(Tensor x, int axis) {
        int ax = Shape.axis(axis, x.rank(), "sparsemax");
        Tensor support;
        try (GradMode.Scope s = GradMode.noGrad()) {
            support = supportMask(x, ax);
        }
        Tensor k = support.sum(new int[] {ax}, true);
        Tensor tau = x.mul(support).sum(new int[] {ax}, true).sub(1.0).div(k);
        return x.sub(tau).maximum(0.0);
    }

    /** The 0/1 support of sparsemax along {@code ax}, computed per slice by sorting. */
    private static Tensor supportMask(Tensor x, int ax) {
        int rank = x.rank();
        int[] perm = new int[rank];
        int p = 0;
        for (int i = 0; i < rank; i++) {
            if (i != ax) {
                perm[p++] = i;
            }
        }
        perm[rank - 1] = ax;
        Tensor moved = x.permute(perm).copy();
        int len = x.dim(ax);
        double[] v = moved.toDoubleArray();
        double[] mask = new double[v.length];
        double[] sorted = new double[len];
        for (int base = 0; base < v.length; base += len) {
            System.arraycopy(v, base, sorted, 0, len);
            java.util.Arrays.sort(sorted);
            double cumsum = 0;
            double tauSum = 0;
            int k = 0;
            for (int j = 0; j < len; j++) {
                double z = sorted[len - 1 - j];
                cumsum += z;
                if (1 + (j + 1) * z > cumsum) {
                    k = j + 1;
                    tauSum = cumsum;
                }
            }
            double tau = (tauSum - 1) / k;
            for (int j = 0; j < len; j++) {
                mask[base + j] = v[base + j] > tau ? 1 : 0;
            }
        }
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
        }
        return Tensor.of(mask, moved.shape()).cast(x.dtype()).permute(inverse).copy();
    }
}
