package dev.airfoil.spark;

import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.Compiled;
import dev.airfoil.utils.Seeds;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one replica in the barrier stage of {@link DataParallelTrainer} (package-private):
 * loads the model, stacks its shard (one array per model input and per target), and runs the
 * epochs, meeting the other replicas at every collective. The epoch's log sums ({@link LogSums})
 * ride along with the epoch's last collective, so logging costs no extra round.
 */
final class ReplicaTask extends AbstractFunction1<scala.collection.Iterator<Tuple2<Long, MultiExample>>,
        scala.collection.Iterator<ReplicaOutput>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final TrainPlan plan;

    ReplicaTask(Broadcast<byte[]> model, TrainPlan plan) {
        this.model = model;
        this.plan = plan;
    }

    @Override
    public scala.collection.Iterator<ReplicaOutput> apply(scala.collection.Iterator<Tuple2<Long, MultiExample>> rows) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        ReplicaOutput out = run(ctx, CollectionConverters.asJava(rows));
        return CollectionConverters.asScala(List.of(out).iterator());
    }

    private ReplicaOutput run(BarrierTaskContext ctx, Iterator<Tuple2<Long, MultiExample>> rows) {
        int p = ctx.partitionId();
        MultiDataSpec spec = plan.spec();
        List<Tuple2<Long, MultiExample>> shard = new ArrayList<>();
        rows.forEachRemaining(shard::add);
        shard.sort((a, b) -> Long.compare(a._1(), b._1()));
        if (shard.size() != plan.shardSize(p)) {
            throw new IllegalStateException("replica " + p + " got " + shard.size() + " examples, expected "
                    + plan.shardSize(p) + " (example i must live on partition i % " + plan.workers() + ")");
        }
        List<MultiExample> examples = new ArrayList<>(shard.size());
        for (Tuple2<Long, MultiExample> t : shard) {
            spec.check(t._2());
            examples.add(t._2());
        }
        Shard data = new Shard(spec, examples);
        Seeds.setGlobalSeed(SeedStreams.derive(plan.seed(), p));
        Model m = ModelBytes.fromBytes(model.value());
        if (m.compiled() == null) {
            throw new IllegalArgumentException("the model must be compiled before distributed training");
        }
        try (Collective coll = new Collective(ctx)) {
            return train(m, coll, data, p);
        }
    }

    /** A shard stacked into one flat array per input and per target. */
    private static final class Shard {
        final float[][] xs;
        final float[][] ys;
        final int[] xSize;
        final int[] ySize;

        Shard(MultiDataSpec spec, List<MultiExample> examples) {
            xSize = spec.inputs().stream().mapToInt(ArraySpec::size).toArray();
            ySize = spec.targets().stream().mapToInt(ArraySpec::size).toArray();
            float[][][] flat = spec.stack(examples);
            xs = flat[0];
            ys = flat[1];
        }

        /** Rows {@code order[lo..hi)} of every array. */
        float[][][] batch(int[] order, int lo, int hi) {
            return new float[][][] {gather(xs, xSize, order, lo, hi), gather(ys, ySize, order, lo, hi)};
        }

        private static float[][] gather(float[][] arrays, int[] sizes, int[] order, int lo, int hi) {
            float[][] out = new float[arrays.length][];
            for (int i = 0; i < arrays.length; i++) {
                int n = sizes[i];
                out[i] = new float[(hi - lo) * n];
                for (int r = lo; r < hi; r++) {
                    System.arraycopy(arrays[i], order[r] * n, out[i], (r - lo) * n, n);
                }
            }
            return out;
        }
    }

    private ReplicaOutput train(Model m, Collective coll, Shard data, int p) {
        int n = plan.shardSize(p);
        List<Variable> trainable = m.trainableWeights();
        if (!m.optimizer().isBuilt()) {
            m.optimizer().build(trainable);
        }
        if (n == 0) {
            createMetrics(m);
        }
        long t0 = System.nanoTime();
        int b = plan.localBatch();
        int steps = plan.stepsPerEpoch();
        double[] epochLoss = new double[plan.epochs()];
        LinkedHashMap<String, double[]> history = new LinkedHashMap<>();
        long globalStep = 0;
        long trainedSinceAverage = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            int[] order = plan.shuffle()
                    ? SeedStreams.permutation(n, SeedStreams.derive(SeedStreams.derive(plan.seed(), epoch), p))
                    : identity(n);
            m.compiled().resetState();
            long rowsThisEpoch = 0;
            double[] sums = null;
            for (int s = 0; s < steps; s++) {
                int lo = Math.min(n, s * b);
                int hi = Math.min(n, lo + b);
                int rowsHere = hi - lo;
                float[] grad = rowsHere == 0 ? null : forwardBackward(m, trainable, data.batch(order, lo, hi), rowsHere);
                rowsThisEpoch += rowsHere;
                globalStep++;
                boolean endOfEpoch = s == steps - 1;
                double[] logs = endOfEpoch ? LogSums.of(m, rowsThisEpoch) : new double[0];
                if (plan.mode() == TrainingMode.SYNCHRONOUS_GRADIENTS) {
                    float[] g = grad == null ? new float[ModelBytes.size(trainable)] : grad;
                    Collective.Reduced r = coll.weightedMean(g, rowsHere, logs);
                    applyFlat(m.optimizer(), trainable, r.mean());
                    sums = r.scalarSums();
                } else {
                    if (grad != null) {
                        applyFlat(m.optimizer(), trainable, grad);
                        trainedSinceAverage += rowsHere;
                    }
                    if (globalStep % plan.averageEvery() == 0 || endOfEpoch) {
                        sums = average(m, coll, trainedSinceAverage, logs);
                        trainedSinceAverage = 0;
                    }
                }
            }
            Map<String, Double> merged = LogSums.merged(m, sums);
            for (Map.Entry<String, Double> e : merged.entrySet()) {
                history.computeIfAbsent(e.getKey(), k -> new double[plan.epochs()])[epoch] = e.getValue();
            }
            epochLoss[epoch] = merged.get("loss");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean identical = coll.allEqual(checksum(m));
        byte[] bytes = p == 0 ? ModelBytes.toBytes(m) : null;
        return new ReplicaOutput(p, bytes, epochLoss, history, identical, coll.bytesSent(), coll.calls(), seconds, n);
    }

    /**
     * Creates the compiled metrics of a replica without examples from the plan's probe example, so
     * that its log vector has the length of the others' (the metric state is reset afterwards).
     */
    private void createMetrics(Model m) {
        MultiExample probe = plan.probe();
        MultiDataSpec spec = plan.spec();
        List<Tensor> xs = spec.inputTensors(probe.inputs(), 1);
        List<Tensor> ys = spec.targetTensors(probe.targets(), 1);
        m.compiled().updateMetrics(ys, m.predictOnBatch(xs), null);
        m.compiled().resetState();
    }

    /**
     * One batch of the shard, as {@code Model.trainStep} takes it: forward in training mode (with the
     * outputs' masks), the compiled loss (per-output losses, loss weights, regularization), backward,
     * and the compiled metrics; returns the flattened gradient of the trainable variables.
     */
    private float[] forwardBackward(Model m, List<Variable> trainable, float[][][] batch, int rows) {
        MultiDataSpec spec = plan.spec();
        List<Tensor> xs = spec.inputTensors(batch[0], rows);
        List<Tensor> ys = spec.targetTensors(batch[1], rows);
        Compiled c = m.compiled();
        m.clearActivityLosses();
        Masks.MaskedCall out = m.callMasked(xs, null, true);
        Tensor loss = c.computeLoss(ys, out.outputs(), null, m.losses(), out.masks());
        if (loss.requiresGrad()) {
            loss.backward();
        }
        c.updateMetrics(ys, out.outputs(), null, out.masks());
        float[] g = new float[ModelBytes.size(trainable)];
        int o = 0;
        for (Variable v : trainable) {
            Tensor gv = v.grad();
            if (gv != null) {
                float[] a = gv.cast(DType.FLOAT32).toFloatArray();
                System.arraycopy(a, 0, g, o, a.length);
            }
            o += v.size();
            v.value().zeroGrad();
        }
        return g;
    }

    /** One optimizer step with a flattened gradient. */
    private static void applyFlat(Optimizer opt, List<Variable> vars, float[] flat) {
        List<Tensor> grads = new ArrayList<>(vars.size());
        int o = 0;
        for (Variable v : vars) {
            grads.add(Tensor.of(Arrays.copyOfRange(flat, o, o + v.size()), v.shape()).cast(v.dtype()));
            o += v.size();
        }
        opt.applyGradients(vars, grads);
    }

    /**
     * Averages the float weights (trainable and not) and, per the plan, the optimizer slots;
     * returns the sums of the log vectors that rode along.
     */
    private double[] average(Model m, Collective coll, long trained, double[] logs) {
        List<Variable> vars = floatVariables(m.weights());
        List<Variable> slots = plan.optimizerState() == OptimizerStateMode.AVERAGE ? slots(m.optimizer()) : List.of();
        List<Variable> all = new ArrayList<>(vars);
        all.addAll(slots);
        Collective.Reduced r = coll.weightedMean(ModelBytes.flatten(all), trained, logs);
        ModelBytes.assign(all, r.mean());
        if (plan.optimizerState() == OptimizerStateMode.RESET) {
            for (Variable v : slots(m.optimizer())) {
                v.assign(Tensor.zerosLike(v.value()));
            }
        }
        return r.scalarSums();
    }

    /** The optimizer's float slot variables (not the iteration counter nor the learning rate). */
    static List<Variable> slots(Optimizer opt) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : opt.variables()) {
            if (v == opt.iterationVariable() || v.name().equals("learning_rate") || v.name().equals("iteration")) {
                continue;
            }
            if (v.dtype() == DType.FLOAT32) {
                out.add(v);
            }
        }
        return out;
    }

    static List<Variable> floatVariables(List<Variable> vars) {
        return vars.stream().filter(v -> v.dtype() == DType.FLOAT32).toList();
    }

    /** A checksum of a replica's weights and optimizer state. */
    private static String checksum(Model m) {
        long h = 1;
        List<Variable> all = new ArrayList<>(m.weights());
        all.addAll(m.optimizer().variables());
        for (Variable v : all) {
            h = 31 * h + Arrays.hashCode(v.value().cast(DType.FLOAT64).toDoubleArray());
        }
        return Long.toHexString(h);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
