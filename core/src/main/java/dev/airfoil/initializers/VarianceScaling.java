package dev.airfoil.initializers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Initializer that adapts its scale to the shape of the weight.
 *
 * <p>With {@code distribution = "truncated_normal"} or {@code "untruncated_normal"}, samples come
 * from a (truncated) normal distribution with mean 0 and standard deviation (after truncation)
 * {@code sqrt(scale / n)}, where {@code n} is {@code fan_in} ({@code mode = "fan_in"}),
 * {@code fan_out} ({@code "fan_out"}) or their average ({@code "fan_avg"}), at least 1; the
 * truncated normal's parameter is therefore {@code sqrt(scale / n) / 0.87962566103423978}. With
 * {@code "uniform"}, samples come from {@code U[-limit, limit)} with {@code limit = sqrt(3 scale / n)}.
 * Fans follow Keras's {@code compute_fans} (see {@link Fans}).
 *
 * <p>Arguments: {@code scale} (positive, default 1), {@code mode} (default {@code "fan_in"}),
 * {@code distribution} (default {@code "truncated_normal"}; {@code "normal"} is accepted as an
 * alias), {@code seed}, {@code input_axes} / {@code output_axes} (default null: Keras's rule).
 *
 * <pre>{@code
 * Initializer init = new VarianceScaling(0.1, "fan_in", "uniform", 42L);
 * Tensor w = init.generate(2, 2);
 * }</pre>
 */
public class VarianceScaling extends RandomInitializer {
    /** The standard deviation of a standard normal truncated to {@code [-2, 2]}. */
    public static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private final double scale;
    private final String mode;
    private final String distribution;
    private final int[] inputAxes;
    private final int[] outputAxes;

    /** Keras's defaults: scale 1, {@code fan_in}, {@code truncated_normal}, no seed. */
    public VarianceScaling() {
        this(1.0, "fan_in", "truncated_normal", null);
    }

    /** A variance-scaling initializer with Keras's fan rule. */
    public VarianceScaling(double scale, String mode, String distribution, Long seed) {
        this(scale, mode, distribution, seed, null, null);
    }

    /**
     * @param scale scaling factor, positive
     * @param mode {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}
     * @param distribution {@code "truncated_normal"} ({@code "normal"}), {@code "untruncated_normal"} or {@code "uniform"}
     * @param seed seed or null
     * @param inputAxes axes counted as inputs, or null for Keras's rule
     * @param outputAxes axes counted as outputs, or null for Keras's rule
     */
    public VarianceScaling(double scale, String mode, String distribution, Long seed, int[] inputAxes,
                           int[] outputAxes) {
        super(seed);
        if (!(scale > 0.0)) {
            throw new IllegalArgumentException("VarianceScaling: argument 'scale' must be a positive float, got " + scale);
        }
        if (!List.of("fan_in", "fan_out", "fan_avg").contains(mode)) {
            throw new IllegalArgumentException("VarianceScaling: invalid 'mode' " + mode
                    + "; use one of fan_in, fan_out, fan_avg");
        }
        String d = distribution.toLowerCase(Locale.ROOT);
        if (d.equals("normal")) {
            d = "truncated_normal";
        }
        if (!List.of("truncated_normal", "untruncated_normal", "uniform").contains(d)) {
            throw new IllegalArgumentException("VarianceScaling: invalid 'distribution' " + distribution
                    + "; use one of truncated_normal, untruncated_normal, uniform");
        }
        if ((inputAxes == null) != (outputAxes == null)) {
            throw new IllegalArgumentException("VarianceScaling: input_axes and output_axes must be given together");
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = d;
        this.inputAxes = inputAxes == null ? null : inputAxes.clone();
        this.outputAxes = outputAxes == null ? null : outputAxes.clone();
    }

    static VarianceScaling fromConfig(ConfigMap c) {
        return new VarianceScaling(c.getDouble("scale", 1.0), c.getString("mode", "fan_in"),
                c.getString("distribution", "truncated_normal"), seedOf(c),
                c.getIntArray("input_axes", null), c.getIntArray("output_axes", null));
    }

    /** The variance {@code scale / max(1, n)} for a shape. */
    public double variance(int[] shape) {
        return variance(shape, inputAxes, outputAxes);
    }

    private double variance(int[] shape, int[] in, int[] out) {
        Fans f = Fans.of(shape, in, out);
        double n;
        switch (mode) {
            case "fan_in": n = f.fanIn(); break;
            case "fan_out": n = f.fanOut(); break;
            default: n = (f.fanIn() + f.fanOut()) / 2.0;
        }
        return scale / Math.max(1.0, n);
    }

    /**
     * The values for a kernel whose fan-in and fan-out axes the layer knows (Keras's {@code EinsumDense}
     * passes its kernel's input and output axes): this initializer's own axes when it was given some, else
     * {@code inputAxes} / {@code outputAxes}. Same seed, so the same values as {@link #generate} wherever
     * the fans agree.
     */
    public Tensor generate(int[] shape, DType dtype, int[] inputAxes, int[] outputAxes) {
        if (this.inputAxes != null) {
            return generate(shape, dtype);
        }
        Sampling.requireFloating(dtype, className());
        int n = Sampling.size(shape, className());
        return Sampling.wrap(draw(variance(shape, inputAxes, outputAxes), n, effectiveSeed()), shape, dtype);
    }

    @Override
    protected double[] sample(int[] shape, int n, long seed) {
        return draw(variance(shape), n, seed);
    }

    private double[] draw(double s, int n, long seed) {
        switch (distribution) {
            case "truncated_normal":
                return Sampling.normal(seed, 0.0, Math.sqrt(s) / TRUNCATED_STDDEV, true, n);
            case "untruncated_normal":
                return Sampling.normal(seed, 0.0, Math.sqrt(s), false, n);
            default:
                double limit = Math.sqrt(3.0 * s);
                return Sampling.uniform(seed, -limit, limit, n);
        }
    }

    @Override
    public String className() {
        return "VarianceScaling";
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return ConfigMap.of("scale", scale, "mode", mode, "distribution", distribution,
                "input_axes", axesList(inputAxes), "output_axes", axesList(outputAxes));
    }

    /** The axes config entries alone (what the named subclasses such as {@code GlorotUniform} store). */
    protected final Map<String, Object> axesConfig() {
        return ConfigMap.of("input_axes", axesList(inputAxes), "output_axes", axesList(outputAxes));
    }

    private static List<Object> axesList(int[] axes) {
        if (axes == null) {
            return null;
        }
        List<Object> l = new ArrayList<>();
        for (int a : axes) {
            l.add(a);
        }
        return l;
    }
}
