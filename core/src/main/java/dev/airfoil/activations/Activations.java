package dev.airfoil.activations;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;
import dev.airfoil.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Keras 3's activation functions ({@code keras.activations}): typed factories, lookup by name
 * and (de)serialisation.
 *
 * <p>Every function uses Keras's formula and defaults (JAX backend); values and gradients are
 * tested against Keras 3.15.1. Names are Keras's: {@code "relu"}, {@code "gelu"},
 * {@code "log_softmax"}, ... with the aliases {@code "swish"} (= {@code silu}) and
 * {@code "hard_swish"} (= {@code hard_silu}).
 *
 * <p>Example:
 * <pre>{@code
 * Activation a = Activations.get("relu");              // by name, as in a layer config
 * Activation b = Activations.relu(0.1, 6.0, 0.0);      // typed, with hyperparameters
 * Tensor y = Activations.gelu(true).apply(x);          // tanh-approximated GELU
 * Object spec = Activations.serialize(b);              // a Keras-style config map
 * }</pre>
 */
public final class Activations {
    private static final Registry<Activation> REGISTRY = new Registry<>("activation");
    private static final Set<String> NAMES = new TreeSet<>();

    static {
        builtin("linear", c -> linear());
        builtin("relu", c -> relu(c.getDouble("negative_slope", 0.0), c.getDoubleOrNull("max_value"),
                c.getDouble("threshold", 0.0)));
        builtin("relu6", c -> relu6());
        builtin("leaky_relu", c -> leakyRelu(c.getDouble("negative_slope", 0.2)));
        builtin("elu", c -> elu(c.getDouble("alpha", 1.0)));
        builtin("selu", c -> selu());
        builtin("celu", c -> celu(c.getDouble("alpha", 1.0)));
        builtin("gelu", c -> gelu(c.getBoolean("approximate", false)));
        builtin("silu", c -> silu(), "swish");
        builtin("hard_silu", c -> hardSilu(), "hard_swish");
        builtin("mish", c -> mish());
        builtin("sigmoid", c -> sigmoid());
        builtin("hard_sigmoid", c -> hardSigmoid());
        builtin("log_sigmoid", c -> logSigmoid());
        builtin("tanh", c -> tanh());
        builtin("hard_tanh", c -> hardTanh());
        builtin("softplus", c -> softplus());
        builtin("softsign", c -> softsign());
        builtin("softmax", c -> softmax(c.getInt("axis", -1)));
        builtin("log_softmax", c -> logSoftmax(c.getInt("axis", -1)));
        builtin("exponential", c -> exponential());
        builtin("glu", c -> glu(c.getInt("axis", -1)));
        builtin("sparse_plus", c -> sparsePlus());
        builtin("squareplus", c -> squareplus(c.getDouble("b", 4.0)));
        builtin("threshold", c -> {
            if (!c.has("threshold") || !c.has("default_value")) {
                throw new IllegalArgumentException("Activation 'threshold' needs both 'threshold' and 'default_value' "
                        + "(Keras gives them no defaults), got " + c.asMap()
                        + "; use Activations.threshold(threshold, defaultValue)");
            }
            return threshold(c.getDouble("threshold", 0), c.getDouble("default_value", 0));
        });
        builtin("sparse_sigmoid", c -> sparseSigmoid());
        builtin("sparsemax", c -> sparsemax(c.getInt("axis", -1)));
        builtin("hard_shrink", c -> hardShrink(c.getDouble("threshold", 0.5)));
        builtin("soft_shrink", c -> softShrink(c.getDouble("threshold", 0.5)));
        builtin("tanh_shrink", c -> tanhShrink());
    }

    private Activations() {
    }

    private static void builtin(String name, Function<ConfigMap, Activation> factory, String... aliases) {
        REGISTRY.register(name, factory, aliases);
        NAMES.add(name);
        Collections.addAll(NAMES, aliases);
    }

    // ------------------------------------------------------------------ lookup

    /**
     * Resolves an activation like {@code keras.activations.get}: {@code null} gives
     * {@link #linear()}; a name ({@code "relu"}, {@code "swish"}); a serialised map
     * ({@code {"class_name": "relu", "config": {"negative_slope": 0.1}}}, or Keras's
     * {@code {"class_name": "function", "config": "relu"}}); or an {@link Activation}, returned as is.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    @SuppressWarnings("unchecked")
    public static Activation get(Object identifier) {
        if (identifier == null) {
            return linear();
        }
        if (identifier instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) identifier;
            if ("function".equals(m.get("class_name")) && m.get("config") instanceof String) {
                return REGISTRY.get((String) m.get("config"));
            }
        }
        return REGISTRY.resolve(identifier, Activation.class);
    }

    /**
     * The built-in names: every public function of Keras 3.15.1's {@code keras.activations},
     * aliases included ({@code "swish"}, {@code "hard_swish"}), sorted. Custom registrations are
     * not listed.
     */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
    }

    /**
     * Registers a custom activation so configs naming it can be loaded. The factory receives the
     * config map (empty when the activation is named by a bare string).
     */
    public static void register(String name, Function<ConfigMap, Activation> factory) {
        REGISTRY.register(name, factory);
    }

    /**
     * The Keras serialisation of an activation: its name when it has its default hyperparameters
     * (what Keras writes into a layer config, such as {@code "relu"}), otherwise a map
     * {@code {"module": "keras.activations", "class_name": name, "config": {...}, "registered_name": null}}
     * that {@link #get(Object)} reads back.
     */
    public static Object serialize(Activation activation) {
        Map<String, Object> config = activation.getConfig();
        if (config.isEmpty() || (REGISTRY.contains(activation.name())
                && safeDefault(activation.name()).equals(config))) {
            return activation.name();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.activations");
        m.put("class_name", activation.name());
        m.put("config", new LinkedHashMap<>(config));
        m.put("registered_name", null);
        return m;
    }

    private static Map<String, Object> safeDefault(String name) {
        try {
            return REGISTRY.get(name).getConfig();
        } catch (IllegalArgumentException e) {
            return Map.of("<no default>", true);
        }
    }

    private static Activation make(String name, UnaryOperator<Tensor> fn) {
        return new BuiltinActivation(name, fn);
    }

    private static Activation make(String name, Map<String, Object> config,
                                   UnaryOperator<Tensor> fn) {
        return new BuiltinActivation(name, config, fn);
    }

    /** A built-in activation whose float32 applications take {@code fused}'s kernels. */
    private static Activation make(String name, Map<String, Object> config,
                                   UnaryOperator<Tensor> fn, FusedActivation fused) {
        return new BuiltinActivation(name, config, fn, fused);
    }

    // ------------------------------------------------------------------ rectifiers

    /** Linear (identity): returns the input unchanged. {@code Activations.get(null)} gives this. */
    public static Activation linear() {
        return make("linear", x -> x);
    }

    /** Rectified linear unit with Keras's defaults: {@code max(x, 0)}. */
    public static Activation relu() {
        return relu(0.0, null, 0.0);
    }

    /**
     * Rectified linear unit with Keras's options.
     *
     * <p>{@code f(x) = x} for {@code threshold < x < maxValue}, {@code maxValue} above it, and
     * {@code negativeSlope * (x - threshold)} at or below the threshold.
     *
     * @param negativeSlope slope below the threshold (Keras {@code negative_slope}, default 0)
     * @param maxValue saturation value, or null for none (Keras {@code max_value})
     * @param threshold value below which the output is damped (Keras {@code threshold}, default 0)
     *
     * <pre>{@code
     * Activations.relu(0.5, null, 0.0).apply(Tensor.of(new float[] {-10, -5, 0, 5, 10}, 5));  // [-5, -2.5, 0, 5, 10]
     * }</pre>
     */
    public static Activation relu(double negativeSlope, Double maxValue, double threshold) {
        Map<String, Object> c = ConfigMap.of("negative_slope", negativeSlope, "max_value", maxValue,
                "threshold", threshold);
        return make("relu", c, x -> ActivationMath.relu(x, negativeSlope, maxValue, threshold));
    }

    /** ReLU capped at 6: {@code min(max(x, 0), 6)}. */
    public static Activation relu6() {
        return make("relu6", ActivationMath::relu6);
    }

    /** Leaky ReLU with Keras's default slope 0.2: {@code x >= 0 ? x : 0.2 x}. */
    public static Activation leakyRelu() {
        return leakyRelu(0.2);
    }

    /**
     * Leaky ReLU: {@code x >= 0 ? x : negativeSlope * x}.
     *
     * @param negativeSlope slope for negative inputs (Keras {@code negative_slope}, default 0.2)
     */
    public static Activation leakyRelu(double negativeSlope) {
        return make("leaky_relu", ConfigMap.of("negative_slope", negativeSlope),
                x -> ActivationMath.leakyRelu(x, negativeSlope), FusedActivation.leakyRelu(negativeSlope));
    }

    /** Exponential linear unit with {@code alpha = 1}. */
    public static Activation elu() {
        return elu(1.0);
    }

    /**
     * Exponential linear unit (Clevert et al., 2016): {@code x > 0 ? x : alpha * (exp(x) - 1)}.
     *
     * @param alpha scale of the negative part (default 1)
     */
    public static Activation elu(double alpha) {
        return make("elu", ConfigMap.of("alpha", alpha), x -> ActivationMath.elu(x, alpha),
                FusedActivation.elu(alpha));
    }

    /**
     * Scaled exponential linear unit (Klambauer et al., 2017): {@code scale * elu(x, alpha)} with
     * {@code alpha = 1.67326324} and {@code scale = 1.05070098}. Use with {@code lecun_normal}.
     */
    public static Activation selu() {
        return make("selu", Map.of(), ActivationMath::selu, FusedActivation.SELU);
    }

    /** Continuously differentiable ELU with {@code alpha = 1}. */
    public static Activation celu() {
        return celu(1.0);
    }

    /**
     * Continuously differentiable exponential linear unit (Barron, 2017):
     * {@code max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)}.
     *
     * @param alpha the CELU scale (default 1)
     */
    public static Activation celu(double alpha) {
        return make("celu", ConfigMap.of("alpha", alpha), x -> ActivationMath.celu(x, alpha));
    }

    // ------------------------------------------------------------------ smooth gates

    /** Exact Gaussian error linear unit: {@code x * (1 + erf(x / sqrt(2))) / 2}. */
    public static Activation gelu() {
        return gelu(false);
    }

    /**
     * Gaussian error linear unit (Hendrycks and Gimpel, 2016).
     *
     * @param approximate false (Keras's default) for the exact erf form; true for
     *     {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}
     */
    public static Activation gelu(boolean approximate) {
        return make("gelu", ConfigMap.of("approximate", approximate),
                x -> ActivationMath.gelu(x, approximate), approximate ? FusedActivation.GELU_TANH : FusedActivation.GELU);
    }

    /** SiLU, also called swish (Ramachandran et al., 2017): {@code x * sigmoid(x)}. */
    public static Activation silu() {
        return make("silu", Map.of(), ActivationMath::silu, FusedActivation.SILU);
    }

    /** Alias of {@link #silu()}; its name is {@code "silu"}, as in Keras. */
    public static Activation swish() {
        return silu();
    }

    /** Hard SiLU / hard swish (Howard et al., 2019): {@code x * relu6(x + 3) / 6}. */
    public static Activation hardSilu() {
        return make("hard_silu", ActivationMath::hardSilu);
    }

    /** Alias of {@link #hardSilu()}; its name is {@code "hard_silu"}, as in Keras. */
    public static Activation hardSwish() {
        return hardSilu();
    }

    /** Mish (Misra, 2019): {@code x * tanh(softplus(x))}. */
    public static Activation mish() {
        return make("mish", Map.of(), ActivationMath::mish, FusedActivation.MISH);
    }

    /**
     * Gated linear unit (Dauphin et al., 2017) along the last axis: splits the input into halves
     * {@code a, b} and returns {@code a * sigmoid(b)}; the axis length must be even.
     */
    public static Activation glu() {
        return glu(-1);
    }

    /**
     * Gated linear unit along {@code axis}.
     *
     * @param axis the axis split in two halves (default -1)
     */
    public static Activation glu(int axis) {
        return make("glu", ConfigMap.of("axis", axis), x -> ActivationMath.glu(x, axis));
    }

    // ------------------------------------------------------------------ squashing

    /** Logistic sigmoid: {@code 1 / (1 + exp(-x))}. */
    public static Activation sigmoid() {
        return make("sigmoid", Map.of(), x -> x.sigmoid(), FusedActivation.SIGMOID);
    }

    /** Hard sigmoid (Keras 3): {@code relu6(x + 3) / 6}, i.e. 0 below -3, 1 above 3, {@code x / 6 + 0.5} between. */
    public static Activation hardSigmoid() {
        return make("hard_sigmoid", ActivationMath::hardSigmoid);
    }

    /** Log of the sigmoid, {@code -softplus(-x)}, computed stably. */
    public static Activation logSigmoid() {
        return make("log_sigmoid", ActivationMath::logSigmoid);
    }

    /** Sparse sigmoid: 0 for {@code x <= -1}, 1 for {@code x >= 1}, {@code (x + 1) / 2} between. */
    public static Activation sparseSigmoid() {
        return make("sparse_sigmoid", ActivationMath::sparseSigmoid);
    }

    /** Hyperbolic tangent. */
    public static Activation tanh() {
        return make("tanh", Map.of(), x -> x.tanh(), FusedActivation.TANH);
    }

    /** Hard tanh: {@code clip(x, -1, 1)}. */
    public static Activation hardTanh() {
        return make("hard_tanh", ActivationMath::hardTanh);
    }

    /** Softsign: {@code x / (|x| + 1)}. */
    public static Activation softsign() {
        return make("softsign", ActivationMath::softsign);
    }

    // ------------------------------------------------------------------ softplus family

    /** Softplus: {@code log(1 + exp(x))}, computed stably. */
    public static Activation softplus() {
        return make("softplus", Map.of(), x -> x.softplus(), FusedActivation.SOFTPLUS);
    }

    /** Sparse plus: 0 for {@code x <= -1}, {@code x} for {@code x >= 1}, {@code (x + 1)^2 / 4} between. */
    public static Activation sparsePlus() {
        return make("sparse_plus", ActivationMath::sparsePlus);
    }

    /** Squareplus with {@code b = 4}. */
    public static Activation squareplus() {
        return squareplus(4.0);
    }

    /**
     * Squareplus (Barron, 2021): {@code (x + sqrt(x^2 + b)) / 2}.
     *
     * @param b smoothness near zero (default 4)
     */
    public static Activation squareplus(double b) {
        return make("squareplus", ConfigMap.of("b", b), x -> ActivationMath.squareplus(x, b));
    }

    /** Exponential: {@code exp(x)}. */
    public static Activation exponential() {
        return make("exponential", x -> x.exp());
    }

    // ------------------------------------------------------------------ normalising

    /** Softmax over the last axis: {@code exp(x) / sum(exp(x))}, computed stably. */
    public static Activation softmax() {
        return softmax(-1);
    }

    /**
     * Softmax over {@code axis}; each slice along it sums to 1.
     *
     * @param axis the normalised axis (default -1)
     */
    public static Activation softmax(int axis) {
        return make("softmax", ConfigMap.of("axis", axis), x -> x.softmax(axis));
    }

    /** Log-softmax over the last axis, computed stably. */
    public static Activation logSoftmax() {
        return logSoftmax(-1);
    }

    /**
     * Log-softmax over {@code axis}: {@code x - logsumexp(x)}.
     *
     * @param axis the normalised axis (default -1)
     */
    public static Activation logSoftmax(int axis) {
        return make("log_softmax", ConfigMap.of("axis", axis), x -> x.logSoftmax(axis));
    }

    /** Sparsemax over the last axis. */
    public static Activation sparsemax() {
        return sparsemax(-1);
    }

    /**
     * Sparsemax (Martins and Astudillo, 2016): the Euclidean projection of each slice onto the
     * probability simplex, {@code max(x - tau, 0)}; unlike softmax, small entries become exactly 0.
     *
     * @param axis the normalised axis (default -1)
     */
    public static Activation sparsemax(int axis) {
        return make("sparsemax", ConfigMap.of("axis", axis), x -> ActivationMath.sparsemax(x, axis));
    }

    // ------------------------------------------------------------------ shrinkage and thresholds

    /** Hard shrink with threshold 0.5. */
    public static Activation hardShrink() {
        return hardShrink(0.5);
    }

    /**
     * Hard shrink: {@code |x| > threshold ? x : 0}.
     *
     * @param threshold the dead zone half-width (default 0.5)
     */
    public static Activation hardShrink(double threshold) {
        return make("hard_shrink", ConfigMap.of("threshold", threshold), x -> ActivationMath.hardShrink(x, threshold));
    }

    /** Soft shrink with threshold 0.5. */
    public static Activation softShrink() {
        return softShrink(0.5);
    }

    /**
     * Soft shrink: {@code x - threshold} above the threshold, {@code x + threshold} below
     * {@code -threshold}, 0 between.
     *
     * @param threshold the dead zone half-width (default 0.5)
     */
    public static Activation softShrink(double threshold) {
        return make("soft_shrink", ConfigMap.of("threshold", threshold), x -> ActivationMath.softShrink(x, threshold));
    }

    /** Tanh shrink: {@code x - tanh(x)}. */
    public static Activation tanhShrink() {
        return make("tanh_shrink", ActivationMath::tanhShrink);
    }

    /**
     * Threshold: {@code x > threshold ? x : defaultValue}. Keras gives neither argument a default.
     *
     * <pre>{@code
     * Activations.threshold(0.5, -1.0).apply(Tensor.of(new float[] {0.2f, 0.7f}, 2));  // [-1, 0.7]
     * }</pre>
     *
     * @param threshold values at or below it are replaced
     * @param defaultValue the replacement (Keras {@code default_value})
     */
    public static Activation threshold(double threshold, double defaultValue) {
        return make("threshold", ConfigMap.of("threshold", threshold, "default_value", defaultValue),
                x -> ActivationMath.threshold(x, threshold, defaultValue));
    }
}
