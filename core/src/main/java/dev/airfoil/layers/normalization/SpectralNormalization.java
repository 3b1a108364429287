package dev.airfoil.layers.normalization;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.initializers.TruncatedNormal;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.recurrent.Wrappers;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spectral normalization of a wrapped layer's kernel (Keras {@code SpectralNormalization}, Miyato et al.,
 * 2018): in training, each call runs {@code power_iterations} steps of the power method on the kernel
 * (reshaped to {@code (-1, kernel_shape[-1])}) to estimate its largest singular value {@code sigma}, then
 * assigns {@code kernel / sigma} to the kernel and the new estimate to {@code vector_u} before calling the
 * wrapped layer, exactly as Keras does (the assignment carries no gradient; a kernel of zeros is left
 * alone). In inference the wrapped layer runs with its kernel as it is.
 *
 * <p>Arguments: {@code layer} (a layer with a {@code kernel}, such as {@code Dense} or a convolution, or
 * with {@code embeddings}); {@code power_iterations} (1, positive). Weights, in Keras's order: the wrapped
 * kernel, {@code vector_u} of shape {@code (1, kernel_shape[-1])} (non-trainable, truncated normal with
 * standard deviation 0.02), then the wrapped layer's other weights. Input and output shapes: the wrapped
 * layer's.
 *
 * <pre>{@code
 * new SpectralNormalization(new Dense(10), 1, null);
 * new SpectralNormalization(new Conv2D(32, 3), 3, "sn_conv");
 * }</pre>
 */
public class SpectralNormalization extends Layer {
    /** Keras's {@code backend.epsilon()}, which bounds the power method's normalization. */
    private static final double EPSILON = 1e-7;

    private final Layer layer;
    private final int powerIterations;
    private Variable kernel;
    private Variable vectorU;

    /** Wraps {@code layer} with one power iteration per training call. */
    public SpectralNormalization(Layer layer) {
        this(layer, 1, null);
    }

    /** Wraps {@code layer}; {@code powerIterations} must be positive. */
    public SpectralNormalization(Layer layer, int powerIterations, String name) {
        super(name);
        if (layer == null) {
            throw new IllegalArgumentException(describe() + ": the layer to wrap is null; pass a layer with a kernel"
                    + " such as new Dense(10)");
        }
        if (powerIterations <= 0) {
            throw new IllegalArgumentException(describe() + ": power_iterations should be greater than zero, got "
                    + powerIterations);
        }
        this.layer = layer;
        this.powerIterations = powerIterations;
    }

    /** From a Keras config ({@code layer}, {@code power_iterations}). */
    public static SpectralNormalization fromConfig(ConfigMap c) {
        return new SpectralNormalization(Layers.deserialize(Wrappers.withDtype(c.getMap("layer"), c.get("dtype"))),
                c.getInt("power_iterations", 1), c.getString("name", null));
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 1 || inputShape[inputShape.length - 1] < 0) {
            throw new IllegalArgumentException(describe() + " needs an input whose last axis is known, got "
                    + Shape.str(inputShape) + "; give Input a full shape");
        }
        layer.ensureBuilt(List.of(inputShape));
        kernel = findKernel();
        int[] ks = kernel.shape();
        vectorU = addWeight("vector_u", new int[] {1, ks[ks.length - 1]}, new TruncatedNormal(0.0, 0.02, null), false);
    }

    private Variable findKernel() {
        for (String n : new String[] {"kernel", "embeddings"}) {
            for (Variable v : layer.weights()) {
                if (v.name().equals(n)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException(describe() + ": the wrapped " + layer.describe() + " has no weight named"
                + " 'kernel' nor 'embeddings' (it has " + layer.weights().stream().map(Variable::name).toList()
                + "); wrap a layer such as Dense, Conv2D or Embedding");
    }

    /** The wrapped kernel, {@code vector_u}, then the wrapped layer's other weights (Keras's order). */
    @Override
    public List<Variable> weights() {
        if (kernel == null) {
            return layer.weights();
        }
        List<Variable> out = new ArrayList<>();
        out.add(kernel);
        out.addAll(super.weights());
        for (Variable v : layer.weights()) {
            if (v != kernel) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        layer.setTrainable(trainable);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (training) {
            normalizeKernel();
        }
        Tensor y = layer.apply(input, training);
        return y.dtype() == input.dtype() ? y : y.cast(input.dtype());
    }

    /** One training call's update: the power method's new {@code vector_u} and the kernel divided by sigma. */
    private void normalizeKernel() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor w = kernel.value();
            if (w.abs().max().item() == 0.0) {
                return;
            }
            int[] ks = w.shape();
            Tensor w2 = w.reshape(-1, ks[ks.length - 1]);
            Tensor u = vectorU.value();
            Tensor v = null;
            for (int i = 0; i < powerIterations; i++) {
                v = l2Normalize(u.matmul(w2.transpose()));
                u = l2Normalize(v.matmul(w2));
            }
            Tensor sigma = v.matmul(w2).matmul(u.transpose());
            Tensor normalized = w.div(sigma.reshape(new int[0]));
            vectorU.assign(u);
            kernel.assign(normalized);
        }
    }

    /** Keras's {@code normalize(x, axis=None)}: {@code x * min(rsqrt(sum(x^2)), 1 / epsilon)}. */
    private static Tensor l2Normalize(Tensor x) {
        return x.mul(x.square().sum().sqrt().reciprocal().minimum(1.0 / EPSILON));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return layer.computeOutputShape(inputShape);
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    /** The wrapped layer's kernel (or embeddings) that this layer normalizes, once built. */
    public Variable kernel() {
        return kernel;
    }

    /** The number of power iterations per training call. */
    public int powerIterations() {
        return powerIterations;
    }

    /** The power method's current estimate of the kernel's first right singular vector, once built. */
    public Variable vectorU() {
        return vectorU;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("layer", Wrappers.serializeInner(layer));
        m.put("power_iterations", powerIterations);
        return m;
    }
}
