package dev.airfoil.spark;

import dev.airfoil.models.Model;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arrays of one {@link MultiExample}: one {@link ArraySpec} per model input and one per model
 * output's target, in the model's order ({@code model.inputNames()}, {@code model.outputNames()}).
 * Named specs are checked against the model's names; unnamed ones match by position.
 *
 * <pre>{@code
 * MultiDataSpec spec = new MultiDataSpec(
 *         List.of(ArraySpec.floats("title", 16), ArraySpec.floats("body", 32)),
 *         List.of(ArraySpec.floats("priority", 1), ArraySpec.integers("department")));
 * }</pre>
 *
 * @param inputs  one spec per model input, in the model's order
 * @param targets one spec per model output, in the model's order
 */
public record MultiDataSpec(List<ArraySpec> inputs, List<ArraySpec> targets) implements Serializable {
    /** Copies the lists; both need at least one entry. */
    public MultiDataSpec {
        inputs = new ArrayList<>(inputs);
        targets = new ArrayList<>(targets);
        if (inputs.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("a MultiDataSpec needs at least one input and one target, but has "
                    + inputs.size() + " inputs and " + targets.size() + " targets");
        }
        inputs = java.util.Collections.unmodifiableList(inputs);
        targets = java.util.Collections.unmodifiableList(targets);
    }

    /**
     * The spec of single-input {@link Example}s: one unnamed input and one unnamed target.
     *
     * @param spec a single-input spec
     * @return the same arrays as a multi-input spec
     */
    public static MultiDataSpec of(DataSpec spec) {
        return new MultiDataSpec(List.of(new ArraySpec(null, spec.featureShape(), false)),
                List.of(new ArraySpec(null, spec.targetShape(), spec.labels())));
    }

    /**
     * Checks one example against the spec.
     *
     * @param e the example
     * @throws IllegalArgumentException naming the first input or target whose array count or length
     *                                  differs, with the expected and received values
     */
    public void check(MultiExample e) {
        checkArrays("input", inputs, e.inputs());
        checkArrays("target", targets, e.targets());
    }

    private static void checkArrays(String what, List<ArraySpec> specs, float[][] arrays) {
        if (arrays.length != specs.size()) {
            throw new IllegalArgumentException("an example has " + arrays.length + " " + what + " arrays, but the "
                    + "MultiDataSpec expects " + specs.size() + " " + specs + "; give one array per model " + what);
        }
        for (int i = 0; i < arrays.length; i++) {
            ArraySpec s = specs.get(i);
            if (arrays[i].length != s.size()) {
                throw new IllegalArgumentException("an example's " + what + " " + s.describe(i) + " has "
                        + arrays[i].length + " values, but the MultiDataSpec expects " + s.size() + " (shape "
                        + Arrays.toString(s.shape()) + "); fix the MultiDataSpec or the data");
            }
        }
    }

    /**
     * Stacks flat rows into the model's input tensors.
     *
     * @param flat one array per input, each rows times that input's size
     * @param rows the number of examples
     * @return one tensor per input
     */
    public List<Tensor> inputTensors(float[][] flat, int rows) {
        return tensors(inputs, flat, rows);
    }

    /**
     * Stacks flat rows into the target tensors.
     *
     * @param flat one array per target, each rows times that target's size
     * @param rows the number of examples
     * @return one tensor per target
     */
    public List<Tensor> targetTensors(float[][] flat, int rows) {
        return tensors(targets, flat, rows);
    }

    private static List<Tensor> tensors(List<ArraySpec> specs, float[][] flat, int rows) {
        List<Tensor> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            out.add(specs.get(i).tensor(flat[i], rows));
        }
        return out;
    }

    /**
     * Checks that the spec fits a model: as many inputs and targets as the model has inputs and
     * outputs, names (where given) equal to the model's at the same position, and input shapes equal
     * to the model's per-example input shapes (unknown dimensions accept any size). Input names and
     * shapes are known for functional and {@code Sequential} models with an input; a subclassed
     * model is checked on its one output only.
     *
     * @param model the model
     * @param op    the operation named in messages ({@code "DataParallelTrainer.fit"})
     * @throws IllegalArgumentException naming the model, the mismatch, and how to fix it
     */
    public void checkModel(Model model, String op) {
        checkInputs(inputs, model, op);
        String who = op + ": model '" + model.name() + "'";
        List<String> outs = model.outputNames();
        if (outs.size() != targets.size()) {
            throw new IllegalArgumentException(who + " has " + outs.size() + " outputs " + outs
                    + " but the MultiDataSpec gives " + targets.size() + " targets " + targets
                    + "; give one target ArraySpec per output");
        }
        for (int i = 0; i < targets.size(); i++) {
            if (model.isFunctional()) {
                checkName(who, "outputs", outs, targets.get(i), i);
            }
        }
    }

    /**
     * Checks input specs against a functional or {@code Sequential} model's inputs: as many specs as
     * inputs, names (where given) equal to the model's at the same position, and per-example shapes
     * equal to the model's (unknown dimensions accept any size). A subclassed model, whose inputs are
     * unknown, is not checked.
     *
     * @param inputs the input specs, in the model's order
     * @param model  the model
     * @param op     the operation named in messages
     * @throws IllegalArgumentException naming the model, the mismatch, and how to fix it
     */
    public static void checkInputs(List<ArraySpec> inputs, Model model, String op) {
        if (!model.isFunctional()) {
            return;
        }
        String who = op + ": model '" + model.name() + "'";
        List<String> names = model.inputNames();
        if (names.size() != inputs.size()) {
            throw new IllegalArgumentException(who + " has " + names.size() + " inputs " + names
                    + " but " + inputs.size() + " input specs were given " + inputs + "; give one ArraySpec per input");
        }
        for (int i = 0; i < inputs.size(); i++) {
            ArraySpec s = inputs.get(i);
            checkName(who, "inputs", names, s, i);
            int[] expected = model.inputs().get(i).shape();
            if (!fits(Arrays.copyOfRange(expected, 1, expected.length), s.shape())) {
                throw new IllegalArgumentException(who + ": input '" + names.get(i) + "' takes examples of shape "
                        + Shape.str(expected) + " but the input spec " + s.describe(i) + " has shape "
                        + Arrays.toString(s.shape()) + " per example; fix the ArraySpec's shape");
            }
        }
    }

    private static void checkName(String who, String what, List<String> names, ArraySpec s, int i) {
        if (s.name() != null && !s.name().equals(names.get(i))) {
            throw new IllegalArgumentException(who + " has " + what + " " + names + " (in this order), but the "
                    + "MultiDataSpec's entry #" + i + " is named '" + s.name() + "'; list the ArraySpecs in the model's "
                    + "order with its names, or leave the names null to match by position");
        }
    }

    private static boolean fits(int[] expected, int[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Describes a model with more than one input or output ({@code "model 'm' has 2 inputs [a, b] and
     * 2 outputs [c, d]"}), or returns null for a model with one input and one output (or a
     * subclassed model, whose inputs are unknown, with one output).
     */
    static String severalInputsOrOutputs(Model model) {
        int in = model.isFunctional() ? model.inputNames().size() : 1;
        int out = model.outputNames().size();
        if (in == 1 && out == 1) {
            return null;
        }
        return "model '" + model.name() + "' has " + in + " input" + (in == 1 ? " " : "s ") + model.inputNames()
                + " and " + out + " output" + (out == 1 ? " " : "s ") + model.outputNames();
    }

    /**
     * Refuses a model with several inputs or outputs for an API built on one features array and one
     * target.
     *
     * @param model   the model
     * @param op      the operation named in the message
     * @param instead what to use instead
     * @param cause   the error the model gave, or null
     * @throws IllegalArgumentException if the model has more than one input or output
     */
    static void requireOneInputOneOutput(Model model, String op, String instead, Throwable cause) {
        String several = severalInputsOrOutputs(model);
        if (several != null) {
            throw new IllegalArgumentException(op + ": " + several + ", but " + op + " takes one features array and"
                    + " one target per example; " + instead, cause);
        }
    }

    /**
     * Stacks examples into one flat array per input and one per target (row-major, example after
     * example), the layout {@link #inputTensors} and {@link #targetTensors} take.
     *
     * @param examples examples that fit this spec
     * @return {@code {inputs, targets}}
     */
    float[][][] stack(List<MultiExample> examples) {
        float[][] xs = new float[inputs.size()][];
        float[][] ys = new float[targets.size()][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = stackOne(examples, true, i, inputs.get(i).size());
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = stackOne(examples, false, i, targets.get(i).size());
        }
        return new float[][][] {xs, ys};
    }

    private static float[] stackOne(List<MultiExample> examples, boolean input, int which, int size) {
        float[] out = new float[examples.size() * size];
        for (int r = 0; r < examples.size(); r++) {
            MultiExample e = examples.get(r);
            System.arraycopy(input ? e.inputs()[which] : e.targets()[which], 0, out, r * size, size);
        }
        return out;
    }

    /** The names of the inputs (null where unnamed). */
    List<String> inputNames() {
        return inputs.stream().map(ArraySpec::name).toList();
    }

    /** The names of the targets (null where unnamed). */
    List<String> targetNames() {
        return targets.stream().map(ArraySpec::name).toList();
    }
}
