package dev.airfoil.layers.core;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Wraps a Java function as a layer (Keras {@code Lambda}): {@code output = function(inputs, arguments)}, for
 * one input ({@code Tensor -> Tensor}) or several ({@code List<Tensor> -> Tensor}). The function is
 * differentiated through Airfoil's autodiff like any other layer; it should create no weights.
 *
 * <p>Arguments: the function; {@code output_shape} (the output's shape without the batch axis; when absent it
 * is inferred by running the function on zeros, as Airfoil infers every layer's shape); {@code mask} (a
 * function of the input and its mask giving the output's mask; without one the layer drops masks, as in
 * Keras); {@code arguments} (plain values, numbers, strings or lists, passed to the function and saved in the
 * config).
 *
 * <p>Saving never serialises Java code. As in Keras's safe mode, a function is saved by name only: register it
 * with {@link #register(String, Function)} (or the list and argument forms) and build the layer from that name
 * ({@link #named}); the config then holds Keras's form for a named function, {@code {"module": "builtins",
 * "class_name": "function", "config": name, "registered_name": "function"}}, which Keras loads where a function
 * of that name is registered (for example {@code keras.saving.register_keras_serializable}). Saving a layer
 * built from an unnamed function fails and says so; loading a name that is not registered fails and says how to
 * register it; a Keras file holding a Python lambda is refused (Airfoil never parses nor runs Python).
 *
 * <pre>{@code
 * Layer twice = new Lambda(x -> x.mul(2));                      // not saveable
 * Lambda.register("double", x -> x.mul(2));
 * Layer saveable = Lambda.named("double").outputShape(8).build();
 * Layer sum = Lambda.builderList(xs -> xs.get(0).add(xs.get(1))).build();
 * }</pre>
 */
public class Lambda extends Layer implements SupportsMasking {
    private static final Map<String, Fn> FUNCTIONS = new ConcurrentHashMap<>();

    /**
     * A layer function: the inputs (one entry per input) and the layer's {@code arguments} to one output.
     */
    @FunctionalInterface
    public interface Fn {
        /**
         * Computes the layer's output.
         *
         * @param inputs    the inputs, one per layer input
         * @param arguments the layer's {@code arguments} (empty when none)
         * @return the output
         */
        Tensor apply(List<Tensor> inputs, Map<String, Object> arguments);
    }

    private final Fn function;
    private final String functionName;
    private final int[] outputShape;
    private final BiFunction<Tensor, Tensor, Tensor> mask;
    private final Map<String, Object> arguments;

    /** A layer computing {@code fn} on its single input (not saveable: see {@link #named}). */
    public Lambda(Function<Tensor, Tensor> fn) {
        this(builder(fn));
    }

    /** A Lambda layer from a builder. */
    public Lambda(Builder b) {
        super(b.name);
        if (b.function == null) {
            throw new IllegalArgumentException(describe() + ": the function is null; pass a Java function such as"
                    + " x -> x.mul(2)");
        }
        this.function = b.function;
        this.functionName = b.functionName;
        this.outputShape = b.outputShape == null ? null : b.outputShape.clone();
        this.mask = b.mask;
        this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
    }

    // ---------------------------------------------------------------- the registry of named functions

    /** Registers a single-input function under {@code name}, so that layers using it can be saved and loaded. */
    public static void register(String name, Function<Tensor, Tensor> fn) {
        register(name, single(fn, name));
    }

    /** Registers a function of several inputs under {@code name}. */
    public static void registerList(String name, Function<List<Tensor>, Tensor> fn) {
        register(name, (Fn) (xs, args) -> fn.apply(xs));
    }

    /** Registers a function of the inputs and the layer's {@code arguments} under {@code name}. */
    public static void register(String name, Fn fn) {
        if (name == null || name.isEmpty() || fn == null) {
            throw new IllegalArgumentException("Lambda.register: give a non-empty name and a function, got name "
                    + name + " and function " + fn);
        }
        FUNCTIONS.put(name, fn);
    }

    /** Whether a function is registered under {@code name}. */
    public static boolean isRegistered(String name) {
        return FUNCTIONS.containsKey(name);
    }

    /** A builder for a layer computing the function registered under {@code name} (saveable). */
    public static Builder named(String name) {
        return new Builder(lookup("Lambda", name), name);
    }

    /** The function registered under {@code name}, or a refusal naming {@code owner} and how to register it. */
    static Fn lookup(String owner, String name) {
        Fn fn = FUNCTIONS.get(name);
        if (fn == null) {
            throw new IllegalArgumentException(owner + ": no function is registered under the name '" + name
                    + "'; call Lambda.register(\"" + name + "\", fn) with the Java function before building or"
                    + " loading the layer");
        }
        return fn;
    }

    /** A builder for a single-input function (not saveable). */
    public static Builder builder(Function<Tensor, Tensor> fn) {
        return new Builder(fn == null ? null : single(fn, null), null);
    }

    /** A builder for a function of several inputs (not saveable). */
    public static Builder builderList(Function<List<Tensor>, Tensor> fn) {
        return new Builder(fn == null ? null : (xs, args) -> fn.apply(xs), null);
    }

    /** A builder for a function of the inputs and {@code arguments} (not saveable). */
    public static Builder builder(Fn fn) {
        return new Builder(fn, null);
    }

    private static Fn single(Function<Tensor, Tensor> fn, String name) {
        return (xs, args) -> {
            if (xs.size() != 1) {
                throw new IllegalArgumentException("Lambda function " + (name == null ? "" : "'" + name + "' ")
                        + "takes one input but received " + xs.size() + "; register it with registerList (or build it"
                        + " with builderList) for several inputs");
            }
            return fn.apply(xs.get(0));
        };
    }

    // ---------------------------------------------------------------- loading

    /**
     * From a Keras config. The function must be a named one registered with {@link #register}; a Python lambda
     * ({@code "__lambda__"}) or an unregistered name is refused with a message that says what to do.
     */
    public static Lambda fromConfig(ConfigMap c) {
        return LambdaConfigs.read(c);
    }

    // ---------------------------------------------------------------- computing

    @Override
    protected void build(List<int[]> inputShapes) {
        // no weights
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return call(List.of(input), training).get(0);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor y = function.apply(inputs, arguments);
        if (y == null) {
            throw new IllegalStateException(describe() + ": the function returned null; return a tensor");
        }
        return List.of(y);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (outputShape == null) {
            return super.computeOutputShapes(inputShapes);
        }
        int[] out = new int[outputShape.length + 1];
        out[0] = inputShapes.get(0).length > 0 ? inputShapes.get(0)[0] : -1;
        System.arraycopy(outputShape, 0, out, 1, outputShape.length);
        return List.of(out);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return outputShape == null ? super.computeOutputShape(inputShape) : computeOutputShapes(List.of(inputShape)).get(0);
    }

    /** The mask function's result, or no mask (Keras's Lambda without {@code mask} does not support masking). */
    @Override
    public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks, int outputs) {
        List<Tensor> out = Masks.none(outputs);
        if (mask != null && outputs > 0) {
            out.set(0, mask.apply(inputs.get(0), Masks.first(masks)));
        }
        return out;
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return mask == null ? null : mask.apply(input, previousMask);
    }

    /** The registered name of the function, or null for an unnamed (unsaveable) one. */
    public String functionName() {
        return functionName;
    }

    /** The output shape without the batch axis, or null when inferred. */
    public int[] outputShape() {
        return outputShape == null ? null : outputShape.clone();
    }

    /** The arguments passed to the function. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /**
     * Keras's config; only a layer built from a registered name can be written.
     *
     * @throws IllegalStateException for an unnamed function or a mask function, which are Java code
     */
    @Override
    public Map<String, Object> getConfig() {
        if (functionName == null) {
            throw new IllegalStateException(describe() + ": its function is Java code, which cannot be saved; register"
                    + " it with Lambda.register(\"name\", fn) and build the layer with Lambda.named(\"name\")");
        }
        if (mask != null) {
            throw new IllegalStateException(describe() + ": its mask function is Java code, which cannot be saved;"
                    + " save the model without it, or compute the mask with a Masking layer");
        }
        Map<String, Object> m = getConfigBase();
        m.put("function", ConfigMap.of("module", "builtins", "class_name", "function", "config", functionName,
                "registered_name", "function"));
        if (outputShape != null) {
            m.put("output_shape", ConfigMap.shapeList(outputShape));
        }
        m.put("arguments", new LinkedHashMap<>(arguments));
        return m;
    }

    @Override
    public String toString() {
        return "<Lambda name=" + name() + ", function=" + (functionName == null ? "(unnamed)" : functionName) + ">";
    }

    /** Builder of {@link Lambda} with Keras's argument names. */
    public static final class Builder {
        private final Fn function;
        private final String functionName;
        private int[] outputShape;
        private BiFunction<Tensor, Tensor, Tensor> mask;
        private final Map<String, Object> arguments = new LinkedHashMap<>();
        private String name;

        Builder(Fn function, String functionName) {
            this.function = function;
            this.functionName = functionName;
        }

        /** The output shape without the batch axis ({@code -1} for None); inferred when not given. */
        public Builder outputShape(int... shape) {
            this.outputShape = shape == null ? null : shape.clone();
            return this;
        }

        /** The output's mask from the (first) input and its mask (null when unmasked). */
        public Builder mask(BiFunction<Tensor, Tensor, Tensor> m) {
            this.mask = m;
            return this;
        }

        /** Values passed to the function and saved in the config (numbers, strings, booleans, lists). */
        public Builder arguments(Map<String, Object> args) {
            for (Map.Entry<String, Object> e : args.entrySet()) {
                requirePlain(e.getKey(), e.getValue());
            }
            arguments.putAll(args);
            return this;
        }

        private static void requirePlain(String key, Object v) {
            if (v instanceof List<?> l) {
                new ArrayList<>(l).forEach(x -> requirePlain(key, x));
            } else if (!(v == null || v instanceof Number || v instanceof String || v instanceof Boolean)) {
                throw new IllegalArgumentException("Lambda: argument '" + key + "' is a " + v.getClass().getSimpleName()
                        + "; arguments must be numbers, strings, booleans or lists of them, so that they can be saved");
            }
        }

        /** The layer name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** The layer. */
        public Lambda build() {
            return new Lambda(this);
        }
    }
}
