package dev.airfoil.layers.preprocessing;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shifts and scales its input to zero mean and unit variance with statistics fixed in advance
 * (Keras {@code Normalization}): {@code (x - mean) / max(sqrt(variance), 1e-7)}, or with
 * {@code invert = true} the inverse, {@code mean + x * max(sqrt(variance), 1e-7)}. The floor
 * 1e-7 (Keras's {@code backend.epsilon()}) keeps a feature of zero variance finite.
 *
 * <p>The statistics are either given ({@code mean} and {@code variance}, broadcast onto the kept
 * axes from the right, as Keras does; no weights) or learnt by {@link #adapt(Tensor)} from a whole
 * tensor, or by {@link #adapt(dev.airfoil.data.TensorDataset)} / {@link #adaptBatches(Iterable)} from batches, merged
 * with Keras's running formula (weights {@code n_b / n} and {@code 1 - n_b / n}, the lack-of-fit sum of
 * squares for the variance). Adapted statistics live in three non-trainable weights, named and
 * ordered as Keras saves them: {@code mean} and {@code variance} (the kept axes' shape, float) and
 * {@code count} (a scalar int32 that Keras keeps for old files and never updates).
 *
 * <p>Arguments: {@code axis} (-1; the axes that get their own statistics; an empty array is Keras's
 * {@code None}, one statistic for everything); {@code mean}, {@code variance} (null, or both given with
 * the same shape, of rank at most the number of axes); {@code invert} (false).
 * Input and output shape: any, unchanged. The output is differentiable in the input.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(xTrain);                          // per-feature mean and variance of the last axis
 * model.add(Input.shape(4));
 * model.add(norm);
 * model.add(new Dense(1));
 * }</pre>
 */
public class Normalization extends Layer implements SupportsMasking, Adaptable {
    /** Keras's {@code backend.epsilon()}: the smallest standard deviation the layer divides by. */
    public static final double EPSILON = 1e-7;

    private final int[] axis;
    private final Tensor inputMean;
    private final Tensor inputVariance;
    private final boolean invert;
    private int[] keep;
    private int[] reduce;
    private int[] broadcastShape;
    private int[] statsShape;
    private Variable mean;
    private Variable variance;
    private Variable count;
    private Tensor fixedMean;
    private Tensor fixedVariance;

    /** Per-feature normalization of the last axis, to be adapted. */
    public Normalization() {
        this(new int[] {-1}, null, null, false, null);
    }

    /**
     * A normalization with every argument.
     *
     * @param axis     the kept axes ({@code {-1}} by default; empty for one statistic over everything)
     * @param mean     the mean, or null to adapt; a scalar or an array broadcast onto the kept axes
     * @param variance the variance, given exactly when {@code mean} is, with the same shape
     * @param invert   whether to undo a normalization instead
     * @param name     the layer name, or null for an automatic one
     */
    public Normalization(int[] axis, Tensor mean, Tensor variance, boolean invert, String name) {
        super(name);
        this.axis = axis == null ? new int[0] : axis.clone();
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException(describe() + ": when setting values directly, both mean and variance must"
                    + " be set; got mean=" + (mean == null ? "null" : Shape.str(mean.shape())) + " and variance="
                    + (variance == null ? "null" : Shape.str(variance.shape())));
        }
        if (mean != null && !Shape.equal(mean.shape(), variance.shape())) {
            throw new IllegalArgumentException(describe() + ": mean and variance must have the same shape; got mean shape "
                    + Shape.str(mean.shape()) + " and variance shape " + Shape.str(variance.shape()));
        }
        if (mean != null && mean.rank() > this.axis.length) {
            throw new IllegalArgumentException(describe() + ": the rank of mean must be at most the number of axes ("
                    + this.axis.length + "); got mean shape " + Shape.str(mean.shape()) + " for axis "
                    + Arrays.toString(this.axis));
        }
        this.inputMean = mean == null ? null : mean.cast(DType.FLOAT64);
        this.inputVariance = variance == null ? null : variance.cast(DType.FLOAT64);
        this.invert = invert;
    }

    /** From a Keras config ({@code axis} an integer, a list or null; {@code mean}/{@code variance} nested lists). */
    public static Normalization fromConfig(ConfigMap c) {
        int[] axis = c.has("axis") && c.get("axis") == null ? new int[0] : c.getIntArray("axis", new int[] {-1});
        return new Normalization(axis, NestedLists.toTensor(c.get("mean"), "Normalization config 'mean'"),
                NestedLists.toTensor(c.get("variance"), "Normalization config 'variance'"),
                c.getBoolean("invert", false), c.getString("name", null));
    }

    @Override
    protected void build(int[] inputShape) {
        int ndim = inputShape.length;
        boolean[] kept = new boolean[ndim];
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException(describe() + ": every axis must be in [-" + ndim + ", " + ndim
                        + ") for an input of shape " + Shape.str(inputShape) + "; got axis " + Arrays.toString(axis));
            }
            kept[a < 0 ? a + ndim : a] = true;
        }
        List<Integer> k = new ArrayList<>();
        List<Integer> r = new ArrayList<>();
        broadcastShape = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            if (kept[d]) {
                if (inputShape[d] < 0) {
                    throw new IllegalArgumentException(describe() + ": the kept axes must have a known size; axis " + d
                            + " of input shape " + Shape.str(inputShape) + " is unknown (axis " + Arrays.toString(axis)
                            + ")");
                }
                k.add(d);
                broadcastShape[d] = inputShape[d];
            } else {
                r.add(d);
                broadcastShape[d] = 1;
            }
        }
        keep = k.stream().mapToInt(Integer::intValue).toArray();
        reduce = r.stream().mapToInt(Integer::intValue).toArray();
        statsShape = Arrays.stream(keep).map(d -> inputShape[d]).toArray();
        if (inputMean == null) {
            mean = addWeight("mean", statsShape, Initializers.get("zeros"), false);
            variance = addWeight("variance", statsShape, Initializers.get("ones"), false);
            count = addWeight("count", new int[0], Initializers.get("zeros"), false, null, null, DType.INT32);
        } else {
            fixedMean = broadcastGiven(inputMean, "mean");
            fixedVariance = broadcastGiven(inputVariance, "variance");
        }
    }

    /** A given statistic aligned onto the kept axes from the right and broadcast to the kept shape. */
    private Tensor broadcastGiven(Tensor value, String what) {
        int[] expanded = new int[broadcastShape.length];
        Arrays.fill(expanded, 1);
        int[] s = value.shape();
        for (int i = 1; i <= s.length; i++) {
            expanded[keep[keep.length - i]] = s[s.length - i];
        }
        try {
            return value.reshape(expanded).broadcastTo(broadcastShape).cast(dtype).copy();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(describe() + ": " + what + " of shape " + Shape.str(s)
                    + " cannot be broadcast to the kept axes' shape " + Shape.str(broadcastShape)
                    + "; pass a scalar or an array of the kept axes' sizes", e);
        }
    }

    /**
     * Learns the mean and the (population) variance of {@code data} over every axis but the kept ones,
     * building the layer for {@code data}'s shape if needed (Keras {@code adapt} on an array).
     */
    @Override
    public void adapt(Tensor data) {
        prepareAdapt(data.shape());
        Tensor x = data.cast(DType.FLOAT64);
        assignStatistics(x.mean(reduce, false), x.variance(reduce, false));
    }

    /**
     * Learns the statistics from batches (each one batch, the batch axis first), merging them with
     * Keras's formula: with {@code n} the values seen so far including this batch's {@code n_b},
     * {@code w = n_b / n}, {@code m' = m (1 - w) + m_b w} and
     * {@code v' = (v + (m - m')^2)(1 - w) + (v_b + (m_b - m')^2) w}.
     *
     * @throws IllegalArgumentException for no batches, or a batch whose kept axes differ from the first's
     */
    @Override
    public void adaptBatches(Iterable<Tensor> batches) {
        Iterator<Tensor> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(describe() + ": adapt received no batches; pass at least one batch");
        }
        Tensor first = it.next();
        prepareAdapt(first.shape());
        Tensor totalMean = Tensor.zeros(DType.FLOAT64, statsShape);
        Tensor totalVar = Tensor.zeros(DType.FLOAT64, statsShape);
        long total = 0;
        for (Tensor batch = first; batch != null; batch = it.hasNext() ? it.next() : null) {
            requireKeptSizes(batch.shape());
            Tensor x = batch.cast(DType.FLOAT64);
            Tensor batchMean = x.mean(reduce, false);
            Tensor batchVar = x.variance(reduce, false);
            long n = 1;
            for (int d : reduce) {
                n *= batch.dim(d);
            }
            total += n;
            double w = (double) n / total;
            Tensor newMean = totalMean.mul(1 - w).add(batchMean.mul(w));
            totalVar = totalVar.add(totalMean.sub(newMean).square()).mul(1 - w)
                    .add(batchVar.add(batchMean.sub(newMean).square()).mul(w));
            totalMean = newMean;
        }
        assignStatistics(totalMean, totalVar);
    }

    private void prepareAdapt(int[] shape) {
        if (inputMean != null) {
            throw new IllegalStateException(describe() + ": adapt cannot change a mean and variance given to the"
                    + " constructor; create the layer without them to adapt it");
        }
        if (!isBuilt()) {
            ensureBuilt(List.of(shape));
        }
        requireKeptSizes(shape);
    }

    private void requireKeptSizes(int[] shape) {
        int[] built = buildInputShapes().get(0);
        boolean ok = shape.length == built.length;
        for (int i = 0; ok && i < keep.length; i++) {
            ok = shape[keep[i]] == built[keep[i]];
        }
        if (!ok) {
            throw new IllegalArgumentException(describe() + ": the layer was built for input shape " + Shape.str(built)
                    + " but adapt received data of shape " + Shape.str(shape) + "; the kept axes "
                    + Arrays.toString(keep) + " must have the same sizes");
        }
    }

    private void assignStatistics(Tensor m, Tensor v) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            mean.assign(m.reshape(statsShape).cast(mean.dtype()));
            variance.assign(v.reshape(statsShape).cast(variance.dtype()));
        }
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        Tensor x = input.dtype() == dtype ? input : input.cast(dtype);
        Tensor m = fixedMean != null ? fixedMean : mean.value().reshape(broadcastShape);
        Tensor v = fixedVariance != null ? fixedVariance : variance.value().reshape(broadcastShape);
        Tensor std = v.sqrt().maximum(EPSILON);
        return invert ? m.add(x.mul(std)) : x.sub(m).div(std);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The adapted mean weight (null when the statistics were given, or before the layer is built). */
    public Variable mean() {
        return mean;
    }

    /** The adapted variance weight (null when the statistics were given, or before the layer is built). */
    public Variable variance() {
        return variance;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        List<Object> axes = new ArrayList<>();
        for (int a : axis) {
            axes.add(a);
        }
        m.put("axis", axes);
        m.put("invert", invert);
        m.put("mean", NestedLists.of(inputMean));
        m.put("variance", NestedLists.of(inputVariance));
        return m;
    }
}
