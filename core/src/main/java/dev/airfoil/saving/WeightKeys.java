package dev.airfoil.saving;

import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names under which variables are stored: each variable's path ({@code dense/kernel}); a path
 * that occurs again (two nested models with a layer of the same name) gets {@code #1}, {@code #2},
 * ... in order, so keys are unique and the same for the same model.
 */
final class WeightKeys {
    private WeightKeys() {
    }

    /** Key to variable, in the variables' order. */
    static Map<String, Variable> keyed(List<Variable> vars) {
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Variable v : vars) {
            String base = v.path() == null || v.path().isEmpty() ? v.name() : v.path();
            if (base == null || base.isEmpty()) {
                base = "variable";
            }
            String key = base;
            for (int i = 1; out.containsKey(key) || key.equals(SafeTensors.METADATA_KEY); i++) {
                key = base + "#" + i;
            }
            out.put(key, v);
        }
        return out;
    }

    /** Key to live value, in the variables' order (for writing right away). */
    static Map<String, Tensor> tensors(List<Variable> vars) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : keyed(vars).entrySet()) {
            out.put(e.getKey(), e.getValue().value());
        }
        return out;
    }
}
