package dev.airfoil.spark;

import dev.airfoil.evaluation.SeedStreams;
import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
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
import java.util.List;

/**
 * The body of one replica in the barrier stage of {@link DataParallelTrainer} (package-private):
 * loads the model, stacks its shard, and runs the epochs, meeting the other replicas at every
 * collective.
 */
final class ReplicaTask extends AbstractFunction1<scala.collection.Iterator<Tuple2<Long, Example>>,
        scala.collection.Iterator<ReplicaOutput>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final TrainPlan plan;

    ReplicaTask(Broadcast<byte[]> model, TrainPlan plan) {
        this.model = model;
        this.plan = plan;
    }

    @Override
    public scala.collection.Iterator<ReplicaOutput> apply(scala.collection.Iterator<Tuple2<Long, Example>> rows) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        ReplicaOutput out = run(ctx, CollectionConverters.asJava(rows));
        return CollectionConverters.asScala(List.of(out).iterator());
    }

    private ReplicaOutput run(BarrierTaskContext ctx, Iterator<Tuple2<Long, Example>> rows) {
        int p = ctx.partitionId();
        DataSpec spec = plan.spec();
        List<Tuple2<Long, Example>> shard = new ArrayList<>();
        rows.forEachRemaining(shard::add);
        shard.sort((a, b) -> Long.compare(a._1(), b._1()));
        if (shard.size() != plan.shardSize(p)) {
            throw new IllegalStateException("replica " + p + " got " + shard.size() + " examples, expected "
                    + plan.shardSize(p) + " (example i must live on partition i % " + plan.workers() + ")");
        }
        int fs = spec.featureSize();
        int ts = spec.targetSize();
        float[] xs = new float[shard.size() * fs];
        float[] ys = new float[shard.size() * ts];
        for (int i = 0; i < shard.size(); i++) {
            Example e = shard.get(i)._2();
            spec.check(e);
            System.arraycopy(e.features(), 0, xs, i * fs, fs);
            System.arraycopy(e.target(), 0, ys, i * ts, ts);
        }
        Seeds.setGlobalSeed(SeedStreams.derive(plan.seed(), p));
        Model m = ModelBytes.fromBytes(model.value());
        if (m.compiled() == null) {
            throw new IllegalArgumentException("the model must be compiled before distributed training");
        }
        try (Collective coll = new Collective(ctx)) {
            return train(ctx, m, coll, xs, ys, p);
        }
    }

    private ReplicaOutput train(BarrierTaskContext ctx, Model m, Collective coll, float[] xs, float[] ys, int p) {
        int n = plan.shardSize(p);
        List<Variable> trainable = m.trainableWeights();
        if (!m.optimizer().isBuilt()) {
            m.optimizer().build(trainable);
        }
        long t0 = System.nanoTime();
        int b = plan.localBatch();
        int steps = plan.stepsPerEpoch();
        double[] epochLoss = new double[plan.epochs()];
        long globalStep = 0;
        long trainedSinceAverage = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            int[] order = plan.shuffle()
                    ? SeedStreams.permutation(n, SeedStreams.derive(SeedStreams.derive(plan.seed(), epoch), p))
                    : identity(n);
            double lossSum = 0;
            double count = 0;
            for (int s = 0; s < steps; s++) {
                int lo = Math.min(n, s * b);
                int hi = Math.min(n, lo + b);
                int rowsHere = hi - lo;
                Step step = rowsHere == 0 ? null : forwardBackward(m, trainable, xs, ys, order, lo, hi);
                globalStep++;
                if (plan.mode() == TrainingMode.SYNCHRONOUS_GRADIENTS) {
                    float[] g = step == null ? new float[ModelBytes.size(trainable)] : step.grad;
                    Collective.Reduced r = coll.weightedMean(g, rowsHere, step == null ? 0 : step.loss * rowsHere);
                    applyFlat(m.optimizer(), trainable, r.mean());
                    lossSum += r.scalarSums()[0];
                    count += r.weightSum();
                } else {
                    if (step != null) {
                        applyFlat(m.optimizer(), trainable, step.grad);
                        lossSum += step.loss * rowsHere;
                        count += rowsHere;
                        trainedSinceAverage += rowsHere;
                    }
                    boolean endOfEpoch = s == steps - 1;
                    if (globalStep % plan.averageEvery() == 0 || endOfEpoch) {
                        double[] sums = average(m, coll, trainedSinceAverage, endOfEpoch ? lossSum : 0,
                                endOfEpoch ? count : 0);
                        trainedSinceAverage = 0;
                        if (endOfEpoch) {
                            lossSum = sums[0];
                            count = sums[1];
                        }
                    }
                }
            }
            epochLoss[epoch] = count == 0 ? Double.NaN : lossSum / count;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean identical = coll.allEqual(checksum(m));
        byte[] bytes = p == 0 ? ModelBytes.toBytes(m) : null;
        return new ReplicaOutput(p, bytes, epochLoss, identical, coll.bytesSent(), coll.calls(), seconds, n);
    }

    /** A shard batch's mean loss and the flattened gradient of the trainable variables. */
    private record Step(double loss, float[] grad) {
    }

    private Step forwardBackward(Model m, List<Variable> trainable, float[] xs, float[] ys, int[] order, int lo, int hi) {
        DataSpec spec = plan.spec();
        int rows = hi - lo;
        int fs = spec.featureSize();
        int ts = spec.targetSize();
        float[] bx = new float[rows * fs];
        float[] by = new float[rows * ts];
        for (int i = 0; i < rows; i++) {
            int r = order[lo + i];
            System.arraycopy(xs, r * fs, bx, i * fs, fs);
            System.arraycopy(ys, r * ts, by, i * ts, ts);
        }
        m.clearActivityLosses();
        List<Tensor> preds = m.apply(List.of(spec.features(bx, rows)), true);
        Tensor loss = m.compiled().computeLoss(List.of(spec.targets(by, rows)), preds, null, m.losses());
        loss.backward();
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
        return new Step(loss.item(), g);
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
     * returns the summed loss and count that rode along.
     */
    private double[] average(Model m, Collective coll, long trained, double lossSum, double count) {
        List<Variable> vars = floatVariables(m.weights());
        List<Variable> slots = plan.optimizerState() == OptimizerStateMode.AVERAGE ? slots(m.optimizer()) : List.of();
        List<Variable> all = new ArrayList<>(vars);
        all.addAll(slots);
        Collective.Reduced r = coll.weightedMean(ModelBytes.flatten(all), trained, lossSum, count);
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
