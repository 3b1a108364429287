package dev.airfoil.activations;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Package-private: a built-in activation, a Keras name and hyperparameters bound to a formula. */
final class BuiltinActivation implements Activation {
    private final String name;
    private final Map<String, Object> config;
    private final UnaryOperator<Tensor> fn;
    /** The float32 kernels of this activation, or null when float32 tensors take the formula too. */
    private final FusedActivation fused;

    BuiltinActivation(String name, Map<String, Object> config, UnaryOperator<Tensor> fn, FusedActivation fused) {
        this.name = name;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        this.fn = fn;
        this.fused = fused;
    }

    BuiltinActivation(String name, Map<String, Object> config, UnaryOperator<Tensor> fn) {
        this(name, config, fn, null);
    }

    BuiltinActivation(String name, UnaryOperator<Tensor> fn) {
        this(name, Map.of(), fn);
    }

    /** See {@link FusedActivation#of}. */
    FusedActivation fused() {
        return fused;
    }

    @Override
    public Tensor apply(Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("Activation '" + name + "' expects a floating tensor, got "
                    + x.dtype() + "; cast the input with cast(DType.FLOAT32)");
        }
        if (fused != null && FusedActivation.enabled && x.dtype() == DType.FLOAT32) {
            return fused.apply(x);
        }
        return fn.apply(x);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> getConfig() {
        return config;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuiltinActivation && ((BuiltinActivation) o).name.equals(name)
                && ((BuiltinActivation) o).config.equals(config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, config);
    }

    @Override
    public String toString() {
        return config.isEmpty() ? name : name + config;
    }
}
