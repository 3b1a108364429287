package dev.airfoil.layers.core;

import dev.airfoil.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysis of an {@link EinsumDense} equation, with Keras's rules: the three accepted forms
 * ({@code ab,bc->ac}, {@code ...ab,bc->...ac}, {@code ab...,bc->ac...}), the kernel and bias shapes
 * derived from the input shape and the partial {@code output_shape}, the full output shape, and the
 * kernel axes that count as inputs and outputs for the fan of a variance-scaling initializer.
 *
 * <p>Inside, the ellipsis is given one digit per elided axis ({@code '0'}, {@code '1'}, ...), so that
 * every axis of the input, the kernel and the output has a one-character label; {@link #contraction}
 * turns the labels into the permutations and sizes of one batched matrix product.
 */
final class EinsumEquation {
    private static final Pattern PLAIN = Pattern.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");
    private static final Pattern LEFT = Pattern.compile("\\.\\.\\.([a-zA-Z]+),([a-zA-Z]+)->\\.\\.\\.([a-zA-Z]+)");
    private static final Pattern RIGHT = Pattern.compile("([a-zA-Z]{2,})\\.\\.\\.,([a-zA-Z]+)->([a-zA-Z]+)\\.\\.\\.");

    private final String owner;
    private final String equation;
    private final String inputSpec;
    private final String weightSpec;
    private final String outputSpec;
    private final boolean leftElided;
    private final boolean rightElided;

    /**
     * Parses an equation.
     *
     * @param owner    the layer, for messages ({@code "Layer 'e' (EinsumDense)"})
     * @param equation the equation
     */
    EinsumEquation(String owner, String equation) {
        this.owner = owner;
        this.equation = equation;
        if (equation == null) {
            throw new IllegalArgumentException(owner + ": the equation is required, e.g. \"ab,bc->ac\"");
        }
        Matcher m;
        boolean left = false;
        boolean right = false;
        if ((m = PLAIN.matcher(equation)).matches()) {
            // plain form
        } else if ((m = LEFT.matcher(equation)).matches()) {
            left = true;
        } else if ((m = RIGHT.matcher(equation)).matches()) {
            right = true;
        } else {
            throw new IllegalArgumentException(owner + ": invalid einsum equation '" + equation + "'; equations must be"
                    + " in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]... (letters only)");
        }
        this.inputSpec = m.group(1);
        this.weightSpec = m.group(2);
        this.outputSpec = m.group(3);
        this.leftElided = left;
        this.rightElided = right;
        for (String spec : new String[] {inputSpec, weightSpec, outputSpec}) {
            for (int i = 0; i < spec.length(); i++) {
                if (spec.indexOf(spec.charAt(i)) != i) {
                    throw new IllegalArgumentException(owner + ": the equation '" + equation + "' repeats the axis '"
                            + spec.charAt(i) + "' in '" + spec + "'; give each axis of an operand its own letter");
                }
            }
        }
        for (char c : outputSpec.toCharArray()) {
            if (inputSpec.indexOf(c) < 0 && weightSpec.indexOf(c) < 0) {
                throw new IllegalArgumentException(owner + ": dimension '" + c + "' was specified in the output '"
                        + outputSpec + "' but has no corresponding dim in the input spec '" + inputSpec
                        + "' or the weight spec '" + weightSpec + "'");
            }
        }
        for (char c : weightSpec.toCharArray()) {
            if (inputSpec.indexOf(c) < 0 && outputSpec.indexOf(c) < 0) {
                throw new IllegalArgumentException(owner + ": weight dimension '" + c + "' did not have a match in"
                        + " either the input spec '" + inputSpec + "' or the output spec '" + outputSpec
                        + "'; for this layer the weight must be fully specified");
            }
        }
    }

    /**
     * Refuses an {@code output_shape} whose length does not fit the equation: it gives the output's axes
     * less the batch axis (or less the leading ellipsis, which holds the batch axis).
     */
    void requireOutputShape(int[] outputShape) {
        int want = leftElided ? outputSpec.length() : outputSpec.length() - 1;
        if (outputShape.length != want) {
            throw new IllegalArgumentException(owner + ": output_shape " + Shape.str(outputShape) + " must give "
                    + want + " sizes for the equation '" + equation + "' (the output axes '" + outputSpec + "' less "
                    + (leftElided ? "the ellipsis" : "the batch axis") + "); use None (-1) where the input gives the size");
        }
    }

    /**
     * The shapes this equation gives an input of {@code inputShape} (batch first, -1 unknown).
     *
     * @param inputShape   the input shape
     * @param outputShape  the partial output shape ({@code -1}: inferred from the input)
     * @param biasAxes     the output letters that get a bias, or null
     * @return the kernel, bias and output shapes with the labels of every axis
     */
    Analysis analyze(int[] inputShape, int[] outputShape, String biasAxes) {
        requireOutputShape(outputShape);
        int elided = inputShape.length - inputSpec.length();
        boolean elidedForm = leftElided || rightElided;
        if (elidedForm ? elided < (leftElided ? 1 : 0) : elided != 0) {
            throw new IllegalArgumentException(owner + ": the equation '" + equation + "' needs an input of rank "
                    + (elidedForm ? "at least " : "") + (inputSpec.length() + (leftElided ? 1 : 0))
                    + " (batch first), got shape " + Shape.str(inputShape) + "; "
                    + (elidedForm ? "add the missing axes" : "use '...' in the equation for a variable rank"));
        }
        StringBuilder ell = new StringBuilder();
        for (int i = 0; i < elided; i++) {
            ell.append((char) ('0' + i));
        }
        String in = leftElided ? ell + inputSpec : rightElided ? inputSpec + ell : inputSpec;
        String out = leftElided ? ell + outputSpec : rightElided ? outputSpec + ell : outputSpec;
        // Keras's full output shape: the batch size (or the ellipsis), then output_shape, then any trailing ellipsis
        int[] full = new int[out.length()];
        int given = leftElided ? elided : 1;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            int p = in.indexOf(c);
            if (leftElided && i < elided || !leftElided && i == 0) {
                full[i] = inputShape[i];
            } else if (rightElided && i >= outputSpec.length()) {
                full[i] = inputShape[in.indexOf(c)];
            } else {
                full[i] = outputShape[i - given];
                if (p >= 0) {
                    if (full[i] >= 0 && inputShape[p] >= 0 && full[i] != inputShape[p]) {
                        throw new IllegalArgumentException(owner + ": input shape and output shape do not match at"
                                + " shared dimension '" + c + "'. Input shape is " + inputShape[p]
                                + ", and output shape is " + full[i] + "; fix output_shape or the input");
                    }
                    if (full[i] < 0) {
                        full[i] = inputShape[p];
                    }
                }
            }
        }
        int[] kernel = new int[weightSpec.length()];
        List<Integer> inputAxes = new ArrayList<>();
        List<Integer> outputAxes = new ArrayList<>();
        for (int i = 0; i < kernel.length; i++) {
            char c = weightSpec.charAt(i);
            int o = out.indexOf(c);
            if (o >= 0) {
                kernel[i] = full[o];
                outputAxes.add(i);
            } else {
                kernel[i] = inputShape[in.indexOf(c)];
                inputAxes.add(i);
            }
        }
        int[] bias = biasAxes == null ? null : biasShape(biasAxes, out, full, elided);
        return new Analysis(in, weightSpec, out, kernel, bias, full,
                inputAxes.stream().mapToInt(Integer::intValue).toArray(),
                outputAxes.stream().mapToInt(Integer::intValue).toArray());
    }

    private int[] biasShape(String biasAxes, String out, int[] full, int elided) {
        if (biasAxes.isEmpty()) {
            throw new IllegalArgumentException(owner + ": bias_axes is empty; give output letters such as \""
                    + outputSpec.charAt(outputSpec.length() - 1) + "\", or null for no bias");
        }
        int first = Integer.MAX_VALUE;
        for (char c : biasAxes.toCharArray()) {
            int p = outputSpec.indexOf(c);
            if (p < 0) {
                throw new IllegalArgumentException(owner + ": bias dimension '" + c + "' was requested, but is not"
                        + " part of the output spec '" + outputSpec + "'; bias_axes takes letters of the output");
            }
            first = Math.min(first, p);
        }
        int offset = leftElided ? elided : 0;
        int trailing = rightElided ? elided : 0;
        int[] shape = new int[outputSpec.length() - first + trailing];
        Arrays.fill(shape, 1);
        for (int i = first; i < outputSpec.length(); i++) {
            if (biasAxes.indexOf(outputSpec.charAt(i)) >= 0) {
                shape[i - first] = full[i + offset];
            }
        }
        return shape;
    }

    /**
     * Shapes and labels of one use of the equation.
     *
     * @param input       labels of the input axes (the ellipsis as digits)
     * @param weight      labels of the kernel axes
     * @param output      labels of the output axes
     * @param kernelShape the kernel's shape (-1 where nothing gives the size)
     * @param biasShape   the bias's shape, or null without bias
     * @param outputShape the full output shape, batch first
     * @param inputAxes   kernel axes whose size comes from the input (the fan-in axes)
     * @param outputAxes  kernel axes whose size comes from the output (the fan-out axes)
     */
    record Analysis(String input, String weight, String output, int[] kernelShape, int[] biasShape, int[] outputShape,
                    int[] inputAxes, int[] outputAxes) {

        /** The matrix product that computes this einsum for an input of this shape. */
        Contraction contraction(int[] inputShape) {
            StringBuilder b = new StringBuilder();
            StringBuilder m = new StringBuilder();
            StringBuilder n = new StringBuilder();
            StringBuilder k = new StringBuilder();
            StringBuilder summed = new StringBuilder();
            for (char c : output.toCharArray()) {
                boolean inX = input.indexOf(c) >= 0;
                boolean inW = weight.indexOf(c) >= 0;
                (inX && inW ? b : inX ? m : n).append(c);
            }
            for (char c : input.toCharArray()) {
                if (output.indexOf(c) < 0) {
                    (weight.indexOf(c) >= 0 ? k : summed).append(c);
                }
            }
            // the input without its summed axes, then permuted to (B..., M..., K...)
            String kept = input.chars().filter(c -> summed.indexOf(String.valueOf((char) c)) < 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            int[] sumAxes = summed.chars().map(input::indexOf).toArray();
            String xOrder = b.toString() + m + k;
            String wOrder = b.toString() + k + n;
            String yOrder = b.toString() + m + n;
            int[] xPerm = xOrder.chars().map(kept::indexOf).toArray();
            int[] wPerm = wOrder.chars().map(weight::indexOf).toArray();
            int[] yPerm = output.chars().map(yOrder::indexOf).toArray();
            int[] yDims = yOrder.chars().map(c -> {
                int p = input.indexOf(c);
                return p >= 0 ? inputShape[p] : kernelShape[weight.indexOf(c)];
            }).toArray();
            return new Contraction(sumAxes, xPerm, wPerm, b.length(), size(b, inputShape), size(m, inputShape),
                    size(k, inputShape), product(n.chars().map(c -> kernelShape[weight.indexOf(c)]).toArray()),
                    yDims, yPerm, n.toString());
        }

        private int size(CharSequence labels, int[] inputShape) {
            return product(labels.chars().map(c -> inputShape[input.indexOf(c)]).toArray());
        }

        private static int product(int[] dims) {
            int p = 1;
            for (int d : dims) {
                p = Math.multiplyExact(p, d);
            }
            return p;
        }
    }

    /**
     * One batched matrix product: the input summed over {@code sumAxes}, permuted by {@code xPerm} to
     * {@code (batch, rows, depth)}; the kernel permuted by {@code wPerm} to {@code (batch, depth, cols)};
     * the product of shape {@code yDims} permuted by {@code yPerm} to the output's order.
     *
     * @param sumAxes    input axes that appear nowhere else (summed first)
     * @param xPerm      the input's permutation to (batch, rows, depth) axes
     * @param wPerm      the kernel's permutation to (batch, depth, cols) axes
     * @param batchAxes  how many axes make the batch
     * @param batch      the product's batch size (axes in all three operands)
     * @param rows       the product's rows (axes of the input and the output)
     * @param depth      the contracted size (axes of the input and the kernel)
     * @param cols       the product's columns (axes of the kernel and the output)
     * @param yDims      the product's shape, axis by axis, in (batch, rows, cols) order
     * @param yPerm      the permutation from that order to the output's
     * @param colLabels  the labels of the column axes, in order
     */
    record Contraction(int[] sumAxes, int[] xPerm, int[] wPerm, int batchAxes, int batch, int rows, int depth,
                       int cols, int[] yDims, int[] yPerm, String colLabels) {

        /** Whether the product has no batch axes and the output is (rows, cols) in order: one plain GEMM. */
        boolean isPlainMatrixProduct() {
            return batchAxes == 0 && isIdentity(yPerm);
        }

        static boolean isIdentity(int[] perm) {
            for (int i = 0; i < perm.length; i++) {
                if (perm[i] != i) {
                    return false;
                }
            }
            return true;
        }
    }
}
