package dev.airfoil.layers.convolutional;

import java.util.Arrays;
import java.util.Locale;

/**
 * The geometry of a sliding window over 1 to 3 spatial axes: input and output sizes, kernel,
 * strides, dilation and the padding before each axis, plus the index map that every convolution
 * and pooling kernel works from.
 *
 * <p>The map has one row per output position and one column per kernel position; each entry is
 * the flat (row-major) spatial index of the input element under that kernel tap, or {@code -1}
 * where the tap falls into the padding. A convolution gathers its im2col matrix through it and
 * scatters gradients back through it (col2im), for any rank, stride, dilation and padding.
 *
 * <p>Padding follows Keras: {@code "valid"} (no padding), {@code "same"} ({@code out = ceil(in / s)},
 * the smaller half of the padding before) and {@code "causal"} (all padding before, 1-D only).
 */
public final class ConvGeometry {
    private final int[] in;
    private final int[] out;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilation;
    private final int[] padBefore;
    private final int inSize;
    private final int outSize;
    private final int kernelSize;
    private volatile int[] map;
    private volatile int[] runs;
    private volatile int[] tapOffsets;
    private volatile boolean tapOffsetsKnown;
    private volatile ConvGeometry withPaddingInInput;
    /** The last geometry {@link #croppedOutput} or {@link #croppedInput} returned (with its map, reused per step). */
    private volatile ConvGeometry cropped;

    /** A geometry from explicit sizes (the output size is given, not derived). */
    public ConvGeometry(int[] in, int[] out, int[] kernel, int[] strides, int[] dilation, int[] padBefore) {
        int r = in.length;
        if (out.length != r || kernel.length != r || strides.length != r || dilation.length != r || padBefore.length != r) {
            throw new IllegalArgumentException("ConvGeometry: all arguments need " + r + " spatial entries");
        }
        this.in = in.clone();
        this.out = out.clone();
        this.kernel = kernel.clone();
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.padBefore = padBefore.clone();
        this.inSize = prod(in);
        this.outSize = prod(out);
        this.kernelSize = prod(kernel);
    }

    /** The geometry of a convolution or pooling window over an input of spatial size {@code in}. */
    public static ConvGeometry forward(int[] in, int[] kernel, int[] strides, int[] dilation, String padding) {
        int r = in.length;
        int[] out = new int[r];
        int[] pad = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = outputLength(in[i], kernel[i], strides[i], dilation[i], padding);
            int eff = (kernel[i] - 1) * dilation[i] + 1;
            switch (padding.toLowerCase(Locale.ROOT)) {
                case "same" -> pad[i] = Math.max((out[i] - 1) * strides[i] + eff - in[i], 0) / 2;
                case "causal" -> pad[i] = eff - 1;
                default -> pad[i] = 0;
            }
            if (out[i] <= 0) {
                throw new IllegalArgumentException("the window (kernel " + kernel[i] + ", dilation " + dilation[i]
                        + ") is larger than the input size " + in[i] + " along spatial axis " + i
                        + " with padding 'valid'; use padding='same' or a larger input");
            }
        }
        return new ConvGeometry(in, out, kernel, strides, dilation, pad);
    }

    /**
     * The geometry of a transposed convolution with input spatial size {@code in}, as Keras (JAX
     * backend) defines it: the returned geometry is that of the forward convolution whose
     * gradient the transposed convolution is, so its {@link #in()} is the transposed output and
     * its {@link #out()} the transposed input.
     */
    public static ConvGeometry transposed(int[] in, int[] kernel, int[] strides, int[] dilation, String padding,
                                          int[] outputPadding) {
        int r = in.length;
        int[] outT = new int[r];
        int[] crop = new int[r];
        for (int i = 0; i < r; i++) {
            int[] lr = transposePads(kernel[i], strides[i], dilation[i], padding,
                    outputPadding == null ? null : outputPadding[i]);
            int eff = (kernel[i] - 1) * dilation[i] + 1;
            outT[i] = (in[i] - 1) * strides[i] + 1 + lr[0] + lr[1] - eff + 1;
            crop[i] = eff - 1 - lr[0];
        }
        return new ConvGeometry(outT, in, kernel, strides, dilation, crop);
    }

    /** The output length of a transposed convolution along one axis ({@code -1} for unknown input). */
    public static int transposedLength(int in, int kernel, int stride, int dilation, String padding, Integer outputPadding) {
        if (in < 0) {
            return -1;
        }
        int[] lr = transposePads(kernel, stride, dilation, padding, outputPadding);
        int eff = (kernel - 1) * dilation + 1;
        return (in - 1) * stride + 1 + lr[0] + lr[1] - eff + 1;
    }

    /** Left and right padding of the dilated input, as Keras converts its arguments for JAX. */
    private static int[] transposePads(int kernel, int stride, int dilation, String padding, Integer outputPadding) {
        int eff = (kernel - 1) * dilation + 1;
        if ("valid".equalsIgnoreCase(padding)) {
            int op = outputPadding == null ? Math.max(eff, stride) - eff : outputPadding;
            return new int[] {eff - 1, eff - 1 + op};
        }
        int padLen = outputPadding == null ? stride + eff - 2 : eff + eff % 2 - 2 + outputPadding;
        int left = Math.min(padLen / 2 + padLen % 2, eff - 1);
        return new int[] {left, padLen - left};
    }

    /**
     * Refuses, as Keras does ("computed output size would be zero or negative"), a {@code 'valid'}
     * window larger than the input along some spatial axis: {@code (window - 1) * dilation + 1 > size}.
     * Unknown sizes ({@code -1}) and other paddings pass.
     *
     * @param owner      the layer, as {@code Layer.describe()} names it
     * @param inputShape the input's full shape, for the message
     * @param spatial    the input's spatial sizes
     * @param windowArg  the window's argument name ({@code pool_size}, {@code kernel_size})
     */
    public static void requireWindowFits(String owner, int[] inputShape, int[] spatial, String windowArg, int[] window,
                                         int[] dilation, String padding) {
        if (!"valid".equalsIgnoreCase(padding)) {
            return;
        }
        boolean dilated = false;
        boolean fits = true;
        int[] eff = new int[window.length];
        for (int i = 0; i < window.length; i++) {
            eff[i] = (window[i] - 1) * dilation[i] + 1;
            dilated |= dilation[i] != 1;
            fits &= spatial[i] < 0 || spatial[i] >= eff[i];
        }
        if (fits) {
            return;
        }
        throw new IllegalArgumentException(owner + ": computed output size would be zero or negative: the input of shape "
                + dev.airfoil.tensor.Shape.str(inputShape) + " has spatial size " + tuple(spatial) + " but " + windowArg + "="
                + tuple(window) + (dilated ? " with dilation_rate=" + tuple(dilation) + " spans " + tuple(eff) : "")
                + " with padding='valid'; use padding='same', a smaller " + windowArg + " or a larger input");
    }

    private static String tuple(int[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(v[i] < 0 ? "None" : String.valueOf(v[i]));
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** The output length of a convolution or pooling window along one axis ({@code -1} for unknown input). */
    public static int outputLength(int in, int kernel, int stride, int dilation, String padding) {
        if (in < 0) {
            return -1;
        }
        int eff = (kernel - 1) * dilation + 1;
        return switch (padding.toLowerCase(Locale.ROOT)) {
            case "same", "causal" -> (in + stride - 1) / stride;
            case "valid" -> in - eff < 0 ? 0 : (in - eff) / stride + 1;
            default -> throw new IllegalArgumentException("padding must be 'valid', 'same' or 'causal', got '" + padding + "'");
        };
    }

    /** The index map: {@code map[o * kernelSize() + k]} is the input position under tap {@code k} of output {@code o}, or -1. */
    public int[] map() {
        int[] m = map;
        if (m == null) {
            m = buildMap();
            map = m;
        }
        return m;
    }

    /**
     * The map's taps in runs, per output: {@code runs()[o * kernelSize() + t]} is, for a tap {@code t}
     * that starts a run, how many taps from {@code t} on read consecutive input positions (a kernel row
     * at stride and dilation 1) or lie wholly in the padding, and 0 for the taps inside a run. im2col
     * copies a run as one block and col2im adds it as one. Computed once per geometry; the caller must
     * not modify the array.
     */
    int[] runs() {
        int[] r = runs;
        if (r == null) {
            int[] m = map();
            r = new int[m.length];
            for (int base = 0; base < m.length; base += kernelSize) {
                for (int t = 0; t < kernelSize; ) {
                    int p = m[base + t];
                    int run = 1;
                    while (t + run < kernelSize && (p < 0 ? m[base + t + run] < 0 : m[base + t + run] == p + run)) {
                        run++;
                    }
                    r[base + t] = run;
                    t += run;
                }
            }
            runs = r;
        }
        return r;
    }

    private int[] buildMap() {
        int r = in.length;
        int[] m = new int[outSize * kernelSize];
        int[] o = new int[r];
        int[] k = new int[r];
        for (int oi = 0; oi < outSize; oi++) {
            unravel(oi, out, o);
            for (int ki = 0; ki < kernelSize; ki++) {
                unravel(ki, kernel, k);
                int flat = 0;
                boolean inside = true;
                for (int d = 0; d < r; d++) {
                    int p = o[d] * strides[d] + k[d] * dilation[d] - padBefore[d];
                    if (p < 0 || p >= in[d]) {
                        inside = false;
                        break;
                    }
                    flat = flat * in[d] + p;
                }
                m[oi * kernelSize + ki] = inside ? flat : -1;
            }
        }
        return m;
    }

    private static void unravel(int flat, int[] shape, int[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    private static int prod(int[] s) {
        int p = 1;
        for (int v : s) {
            p *= v;
        }
        return p;
    }

    /** The input spatial sizes. */
    public int[] in() {
        return in.clone();
    }

    /** The output spatial sizes. */
    public int[] out() {
        return out.clone();
    }

    /** The kernel's spatial sizes. */
    public int[] kernel() {
        return kernel.clone();
    }

    /** The strides along each spatial axis. */
    public int[] strides() {
        return strides.clone();
    }

    /** The dilation along each spatial axis. */
    public int[] dilation() {
        return dilation.clone();
    }

    /** The number of input positions. */
    public int inSize() {
        return inSize;
    }

    /** The number of output positions. */
    public int outSize() {
        return outSize;
    }

    /** The number of kernel taps. */
    public int kernelSize() {
        return kernelSize;
    }

    /**
     * When no output's window reaches into the padding: the input offsets of the taps relative to
     * each output's first tap, the same for every output ({@code map[o * kernelSize() + k] ==
     * map[o * kernelSize()] + tapOffsets()[k]}); else null.
     */
    public int[] tapOffsets() {
        if (!tapOffsetsKnown) {
            int[] m = map();
            int[] d = new int[kernelSize];
            boolean uniform = outSize > 0;
            for (int k = 0; uniform && k < kernelSize; k++) {
                d[k] = m[k] - m[0];
            }
            for (int o = 0; uniform && o < outSize; o++) {
                int first = m[o * kernelSize];
                for (int k = 0; k < kernelSize && uniform; k++) {
                    int p = m[o * kernelSize + k];
                    uniform = first >= 0 && p >= 0 && p - first == d[k];
                }
            }
            tapOffsets = uniform ? d : null;
            tapOffsetsKnown = true;
        }
        int[] d = tapOffsets;
        return d == null ? null : d.clone();
    }

    /** The zero padding before the input along each spatial axis. */
    public int[] padBefore() {
        return padBefore.clone();
    }

    /**
     * The same windows over the input with its padding made real: {@link #in()} grows by the padding
     * the windows reach on each side, which becomes part of the input (zeros written by the caller,
     * the original input starting at {@link #padBefore()}), and the returned geometry has no padding,
     * so its {@link #tapOffsets()} is never null. Computed once per geometry (with its map).
     */
    public ConvGeometry withPaddingInInput() {
        ConvGeometry cached = withPaddingInInput;
        if (cached != null) {
            return cached;
        }
        int r = in.length;
        int[] padded = new int[r];
        for (int d = 0; d < r; d++) {
            int reach = (out[d] - 1) * strides[d] + (kernel[d] - 1) * dilation[d] + 1;
            padded[d] = Math.max(in[d] + padBefore[d], reach);
        }
        cached = new ConvGeometry(padded, out, kernel, strides, dilation, new int[r]);
        withPaddingInInput = cached;
        return cached;
    }

    /**
     * Per spatial axis, how many leading input positions some window reads: the input extent past
     * which nothing is read (the 11th row and column of an 11×11 map under 2×2 windows of stride 2).
     * Equals {@link #in()} when the last window reaches the end of the input.
     */
    public int[] readExtent() {
        int[] extent = new int[in.length];
        for (int d = 0; d < in.length; d++) {
            int last = (out[d] - 1) * strides[d] + (kernel[d] - 1) * dilation[d] - padBefore[d];
            extent[d] = Math.max(0, Math.min(in[d], last + 1));
        }
        return extent;
    }

    /** The same windows with only the first {@code out[d]} outputs along each axis (each at most {@link #out()}'s). */
    public ConvGeometry croppedOutput(int[] out) {
        for (int d = 0; d < in.length; d++) {
            if (out[d] < 1 || out[d] > this.out[d]) {
                throw new IllegalArgumentException("croppedOutput: " + Arrays.toString(out) + " is not within "
                        + Arrays.toString(this.out));
            }
        }
        return cropped(in, out);
    }

    /**
     * The same windows over an input cropped to its first {@code in[d]} positions along each axis,
     * which must hold every position a window reads (at least {@link #readExtent()}).
     */
    public ConvGeometry croppedInput(int[] in) {
        int[] extent = readExtent();
        for (int d = 0; d < in.length; d++) {
            if (in[d] < extent[d] || in[d] > this.in[d]) {
                throw new IllegalArgumentException("croppedInput: " + Arrays.toString(in) + " must lie between "
                        + Arrays.toString(extent) + " and " + Arrays.toString(this.in));
            }
        }
        return cropped(in, out);
    }

    private ConvGeometry cropped(int[] in, int[] out) {
        ConvGeometry c = cropped;
        if (c == null || !Arrays.equals(c.in, in) || !Arrays.equals(c.out, out)) {
            c = new ConvGeometry(in, out, kernel, strides, dilation, padBefore);
            cropped = c;
        }
        return c;
    }

    /** Whether every tap of every output lies inside the input and the map is the identity (1x1, stride 1). */
    public boolean isPointwise() {
        if (kernelSize != 1 || inSize != outSize) {
            return false;
        }
        for (int d = 0; d < in.length; d++) {
            if (strides[d] != 1 || padBefore[d] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ConvGeometry[in=" + Arrays.toString(in) + ", out=" + Arrays.toString(out) + ", kernel="
                + Arrays.toString(kernel) + ", strides=" + Arrays.toString(strides) + ", dilation="
                + Arrays.toString(dilation) + ", padBefore=" + Arrays.toString(padBefore) + "]";
    }
}
