package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buckets continuous values by ranges (Keras {@code Discretization}): with boundaries
 * {@code [b0, b1, ..., bk-1]} a value {@code x} falls in bin {@code i} when {@code b(i-1) <= x < b(i)}
 * ({@code digitize}), so there are {@code k + 1} bins; values are compared in the layer's float dtype,
 * as Keras compares float32 inputs with float32 boundaries. {@code output_mode} {@code "int"} returns
 * the bin indices (int32, the input's shape); {@code "one_hot"}, {@code "multi_hot"} and {@code "count"}
 * encode them as {@link CategoryEncoding} does.
 *
 * <p>The boundaries are given ({@code bin_boundaries}) or learnt by {@link #adapt(Tensor)} for
 * {@code num_bins} bins, with Keras's approximate quantiles (error about {@code epsilon}, default 0.01;
 * see {@code QuantileSummary}): adapted boundaries are part of the config, as in Keras, and the layer has
 * no weights. Outputs carry no gradient.
 *
 * <pre>{@code
 * Discretization d = new Discretization(new double[] {0.0, 1.0, 2.5});
 * d.apply(Tensor.of(new double[] {-1, 0, 1.2, 2.5, 3}, 1, 5));   // [[0, 1, 2, 3, 3]] (int32)
 * }</pre>
 */
public class Discretization extends Layer implements Adaptable {
    private double[] binBoundaries;
    private final Integer numBins;
    private final double epsilon;
    private final String outputMode;

    /** Bin indices for the given boundaries. */
    public Discretization(double[] binBoundaries) {
        this(binBoundaries, null, 0.01, "int", false, null);
    }

    /** Bin indices for {@code numBins} bins whose boundaries {@link #adapt} learns. */
    public Discretization(int numBins) {
        this(null, numBins, 0.01, "int", false, null);
    }

    /**
     * A discretization with every argument: exactly one of {@code binBoundaries} and {@code numBins}
     * (both only when restoring an adapted layer from a config).
     *
     * @param sparse must be false
     * @param name   the layer name, or null for an automatic one
     */
    public Discretization(double[] binBoundaries, Integer numBins, double epsilon, String outputMode, boolean sparse,
                          String name) {
        super(name);
        if (numBins != null && numBins < 0) {
            throw new IllegalArgumentException(describe() + ": num_bins must be at least 0, got " + numBins);
        }
        if (binBoundaries == null && numBins == null) {
            throw new IllegalArgumentException(describe() + ": set either bin_boundaries (to give the boundaries) or"
                    + " num_bins (to learn them with adapt)");
        }
        if (sparse) {
            throw new UnsupportedOperationException(describe() + ": sparse=true is not supported (Airfoil has no sparse"
                    + " tensors); use sparse=false");
        }
        if (binBoundaries != null) {
            for (int i = 1; i < binBoundaries.length; i++) {
                if (!(binBoundaries[i - 1] <= binBoundaries[i])) {
                    throw new IllegalArgumentException(describe() + ": bin_boundaries must be sorted in increasing order,"
                            + " got " + Arrays.toString(binBoundaries));
                }
            }
        }
        this.binBoundaries = binBoundaries == null ? null : binBoundaries.clone();
        this.numBins = numBins;
        this.epsilon = epsilon;
        this.outputMode = TokenEncoding.mode(this, outputMode, true);
    }

    /** From a Keras config (an adapted layer's config carries both {@code bin_boundaries} and {@code num_bins}). */
    public static Discretization fromConfig(ConfigMap c) {
        return new Discretization(c.get("bin_boundaries") == null ? null : c.getDoubleArray("bin_boundaries", null),
                c.getIntOrNull("num_bins"), c.getDouble("epsilon", 0.01), c.getString("output_mode", "int"),
                c.getBoolean("sparse", false), c.getString("name", null));
    }

    /** Learns {@code num_bins} bins from the values of one tensor (any shape). */
    @Override
    public void adapt(Tensor data) {
        adaptBatches(List.of(data));
    }

    /**
     * Learns the bins from batches, summarising each and merging the summaries as Keras does; replaces
     * any previous boundaries.
     *
     * @throws IllegalStateException when the layer was given {@code bin_boundaries} rather than {@code num_bins}
     */
    @Override
    public void adaptBatches(Iterable<Tensor> batches) {
        if (numBins == null) {
            throw new IllegalStateException(describe() + ": cannot adapt a layer made with bin_boundaries; make it with"
                    + " num_bins instead");
        }
        QuantileSummary summary = new QuantileSummary();
        for (Tensor b : batches) {
            summary.add(b.cast(DType.FLOAT32).toFloatArray(), epsilon);
        }
        binBoundaries = summary.binBoundaries(numBins);
    }

    /** The bin boundaries (given or adapted), or null before {@link #adapt}. */
    public double[] binBoundaries() {
        return binBoundaries == null ? null : binBoundaries.clone();
    }

    private int depth() {
        return binBoundaries != null ? binBoundaries.length + 1 : numBins;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (binBoundaries == null) {
            throw new IllegalStateException(describe() + ": pass bin_boundaries to the constructor or call adapt(data)"
                    + " before using the layer");
        }
        double[] x = input.toDoubleArray();
        int[] idx = new int[x.length];
        boolean single = dtype != DType.FLOAT64;
        for (int i = 0; i < x.length; i++) {
            idx[i] = bin(single ? (float) x[i] : x[i], single);
        }
        Tensor indices = Tensor.ofInts(idx, input.shape());
        if (outputMode.equals("int")) {
            return indices;
        }
        return TokenEncoding.encode(this, indices, outputMode, depth(), null, dtype);
    }

    /**
     * The number of boundaries at or below {@code v} (NumPy's {@code digitize} with {@code right=False};
     * NaN falls in the last bin), comparing in float32 when {@code single}.
     */
    private int bin(double v, boolean single) {
        if (Double.isNaN(v)) {
            return binBoundaries.length;
        }
        int lo = 0;
        int hi = binBoundaries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double b = single ? (float) binBoundaries[mid] : binBoundaries[mid];
            if (b <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return outputMode.equals("int") ? inputShape.clone() : TokenEncoding.outputShape(inputShape, outputMode, depth());
    }

    @Override
    protected DType outputDType(List<KerasTensor> inputs) {
        return outputMode.equals("int") ? DType.INT32 : dtype;
    }

    /** Keras's config: only these keys, in this order (no {@code trainable}; {@code dtype} as a name). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> bounds = null;
        if (binBoundaries != null) {
            bounds = new ArrayList<>();
            for (double b : binBoundaries) {
                bounds.add(b);
            }
        }
        m.put("bin_boundaries", bounds);
        m.put("num_bins", numBins);
        m.put("epsilon", epsilon);
        m.put("output_mode", outputMode);
        m.put("sparse", false);
        m.put("name", name());
        m.put("dtype", dtype.kerasName());
        return m;
    }
}
