package dev.airfoil.spark;

import dev.airfoil.models.Model;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Data-parallel training of any compiled Airfoil model on a Spark RDD or DataFrame of examples.
 *
 * <p>The examples are numbered ({@code zipWithIndex}) and example {@code i} goes to shard
 * {@code i % workers}; one replica per shard runs as a task of a Spark <em>barrier</em> stage (all
 * tasks start together, or none do). Each step, replica {@code p} takes the next
 * {@code batchSize / workers} examples of its shard, so without shuffling global batch {@code s}
 * is exactly examples {@code [s·B, (s+1)·B)}, as in {@code model.fit(x, y, shuffle=false)}. With
 * shuffling each replica permutes its own shard every epoch (seeded), so data never moves between
 * machines after the first placement. The replicas are kept in step by the chosen
 * {@link TrainingMode}; the result is an ordinary model built from replica 0.
 *
 * <pre>{@code
 * TrainingResult r = DataParallelTrainer.builder()
 *         .workers(2).epochs(5).batchSize(64)
 *         .mode(TrainingMode.SYNCHRONOUS_GRADIENTS)
 *         .build()
 *         .fit(compiledModel, examplesRdd, DataSpec.classification(28, 28));
 * Model trained = r.model();
 *
 * // two inputs, two outputs: one array per input and per output, in the model's order
 * MultiDataSpec spec = new MultiDataSpec(List.of(ArraySpec.floats("a", 8), ArraySpec.floats("b", 4)),
 *         List.of(ArraySpec.integers("cls"), ArraySpec.floats("reg", 1)));
 * TrainingResult r2 = trainer.fit(compiledTwoByTwo, SparkData.multiExamples(jsc, xs, ys, 4), spec);
 * Map<String, double[]> history = r2.history();   // loss, cls_loss, reg_loss, cls_accuracy, ...
 * }</pre>
 *
 * <p>Requirements and limits: the cluster needs {@code workers} free task slots at once (barrier
 * stages fail fast otherwise; dynamic allocation must be off); a model with several inputs or
 * outputs takes {@link MultiExample}s described by a {@link MultiDataSpec} (one array per input and
 * per output; per-output losses, loss weights and metrics as compiled); sample and class weights
 * are not supported; an output mask makes that output's loss the mean over each shard's kept
 * positions, so with masks synchronous training equals {@code fit} only when kept positions are
 * spread evenly over the shards; layers with batch statistics (BatchNormalization) normalise over
 * each replica's shard and their moving statistics are those of replica 0 (synchronous mode) or averaged (parameter
 * averaging); dropout masks differ per replica. Thread-safety: a trainer is immutable.
 */
public final class DataParallelTrainer {
    private final TrainingMode mode;
    private final OptimizerStateMode optimizerState;
    private final int workers;
    private final int epochs;
    private final int batchSize;
    private final int averageEvery;
    private final boolean shuffle;
    private final long seed;

    private DataParallelTrainer(Builder b) {
        this.mode = b.mode;
        this.optimizerState = b.optimizerState;
        this.workers = b.workers;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.averageEvery = b.averageEvery;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
    }

    /** A builder with the defaults: synchronous gradients, 2 workers, 1 epoch, batch 32, shuffled, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains a copy of a one-input, one-output model on an RDD of examples.
     *
     * @param model a compiled, built model (its weights are the starting point; it is not changed)
     * @param data  the examples, in their global order
     * @param spec  the shapes and target type of one example
     * @return the trained model and run figures
     * @throws IllegalArgumentException if the model is not compiled, the data are empty, or the spec
     *                                  does not fit the model (use the {@link MultiDataSpec} overload
     *                                  for several inputs or outputs)
     */
    public TrainingResult fit(Model model, JavaRDD<Example> data, DataSpec spec) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spec, "spec");
        MultiDataSpec.requireOneInputOneOutput(model, "DataParallelTrainer.fit(model, JavaRDD<Example>, DataSpec)",
                "use fit(model, JavaRDD<MultiExample>, MultiDataSpec) with one ArraySpec per input and output", null);
        return fit(model, data.map(e -> {
            spec.check(e);
            return MultiExample.of(e);
        }), MultiDataSpec.of(spec));
    }

    /**
     * Trains a copy of a model with any number of inputs and outputs on an RDD of examples that
     * carry one array per input and per output. Each output's loss, its {@code loss_weights} entry
     * and its metrics are those the model was compiled with; without shuffling, synchronous training
     * equals {@code model.fit(xs, ys, batchSize=B, shuffle=false)} up to float rounding.
     *
     * @param model a compiled, built model (its weights are the starting point; it is not changed)
     * @param data  the examples, in their global order
     * @param spec  one array spec per model input and per model output, in the model's order
     * @return the trained model and run figures
     * @throws IllegalArgumentException if the model is not compiled, the data are empty, or the spec
     *                                  does not fit the model's inputs and outputs (names, shapes, counts)
     */
    public TrainingResult fit(Model model, JavaRDD<MultiExample> data, MultiDataSpec spec) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spec, "spec");
        if (model.compiled() == null) {
            throw new IllegalArgumentException("Model '" + model.name() + "' is not compiled; call model.compile(...) "
                    + "before distributed training");
        }
        spec.checkModel(model, "DataParallelTrainer.fit");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
        int w = workers;
        JavaPairRDD<Long, MultiExample> sharded = data.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(new ModuloPartitioner(w), Comparator.naturalOrder())
                .cache();
        try {
            long n = sharded.count();
            if (n == 0) {
                throw new IllegalArgumentException("cannot train on an empty data set");
            }
            MultiExample probe = n < w ? sharded.lookup(0L).get(0) : null;
            TrainPlan plan = new TrainPlan(mode, optimizerState, w, epochs, batchSize, averageEvery, shuffle, seed, n,
                    spec, probe);
            Broadcast<byte[]> bytes = jsc.broadcast(ModelBytes.toBytes(model));
            try {
                ClassTag<ReplicaOutput> tag = ClassTag$.MODULE$.apply(ReplicaOutput.class);
                RDD<ReplicaOutput> out = sharded.rdd().barrier().mapPartitions(new ReplicaTask(bytes, plan), false, tag);
                List<ReplicaOutput> results = new JavaRDD<>(out, tag).collect();
                ReplicaOutput first = results.stream().filter(r -> r.partition() == 0).findFirst()
                        .orElseThrow(() -> new IllegalStateException("replica 0 returned nothing"));
                boolean identical = results.stream().allMatch(ReplicaOutput::identical);
                double seconds = results.stream().mapToDouble(ReplicaOutput::seconds).max().orElse(0);
                int calls = first.collectives();
                long perCall = calls == 0 ? 0 : first.bytesSent() / calls;
                return new TrainingResult(ModelBytes.fromBytes(first.model()), first.epochLoss(), first.history(),
                        identical, seconds > 0 ? n * (double) epochs / seconds : Double.NaN, perCall, calls, seconds);
            } finally {
                bytes.destroy();
            }
        } finally {
            sharded.unpersist(false);
        }
    }

    /**
     * Trains a copy of a one-input, one-output model on a DataFrame with a features column
     * ({@code array<float>} or {@code array<double>}, row-major) and a target column (a number for
     * class labels or one value, or an array).
     *
     * @param model         a compiled, built model
     * @param data          the examples
     * @param featuresCol   the features column
     * @param targetCol     the target column
     * @param spec          the shapes and target type of one example
     * @return the trained model and run figures
     */
    public TrainingResult fit(Model model, Dataset<Row> data, String featuresCol, String targetCol, DataSpec spec) {
        return fit(model, SparkData.examples(data, featuresCol, targetCol), spec);
    }

    /**
     * Trains a copy of a model with several inputs and/or outputs on a DataFrame with one column
     * per input ({@code array<float>} or {@code array<double>}, row-major) and one per target (a
     * number for a class label or one value, or an array).
     *
     * @param model      a compiled, built model
     * @param data       the examples
     * @param inputCols  one column per model input, in the model's order
     * @param targetCols one column per model output, in the model's order
     * @param spec       one array spec per input and per output
     * @return the trained model and run figures
     */
    public TrainingResult fit(Model model, Dataset<Row> data, List<String> inputCols, List<String> targetCols,
                              MultiDataSpec spec) {
        return fit(model, SparkData.multiExamples(data, inputCols, targetCols), spec);
    }

    /** Sends key {@code i} to partition {@code i % n}. */
    static final class ModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        ModuloPartitioner(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner m && m.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }

    @Override
    public String toString() {
        return "DataParallelTrainer(" + mode + (mode == TrainingMode.PARAMETER_AVERAGING
                ? ", every " + averageEvery + " steps, optimizer state " + optimizerState : "")
                + ", workers=" + workers + ", epochs=" + epochs + ", batchSize=" + batchSize + ", shuffle=" + shuffle
                + ", seed=" + seed + ")";
    }

    /** Configures a {@link DataParallelTrainer}. */
    public static final class Builder {
        private TrainingMode mode = TrainingMode.SYNCHRONOUS_GRADIENTS;
        private OptimizerStateMode optimizerState = OptimizerStateMode.AVERAGE;
        private int workers = 2;
        private int epochs = 1;
        private int batchSize = 32;
        private int averageEvery = 10;
        private boolean shuffle = true;
        private long seed = 42;

        private Builder() {
        }

        /** How replicas are combined (default synchronous gradient averaging). */
        public Builder mode(TrainingMode m) {
            this.mode = Objects.requireNonNull(m);
            return this;
        }

        /** What parameter averaging does with the optimizer state (default {@link OptimizerStateMode#AVERAGE}). */
        public Builder optimizerState(OptimizerStateMode s) {
            this.optimizerState = Objects.requireNonNull(s);
            return this;
        }

        /** The number of replicas, one Spark task each; the cluster needs that many free slots at once. */
        public Builder workers(int n) {
            this.workers = positive("workers", n);
            return this;
        }

        /** The number of passes over the data. */
        public Builder epochs(int n) {
            this.epochs = positive("epochs", n);
            return this;
        }

        /** The global batch size (a multiple of the number of workers; each replica takes its share). */
        public Builder batchSize(int n) {
            this.batchSize = positive("batchSize", n);
            return this;
        }

        /** Parameter averaging: average every this many steps (and at the end of every epoch). */
        public Builder averageEvery(int steps) {
            this.averageEvery = positive("averageEvery", steps);
            return this;
        }

        /** Whether each replica reshuffles its shard every epoch (seeded). */
        public Builder shuffle(boolean s) {
            this.shuffle = s;
            return this;
        }

        /** The seed of the shuffles and of each replica's seed sequence (dropout). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException if the batch size is not a multiple of the number of workers
         */
        public DataParallelTrainer build() {
            if (batchSize % workers != 0) {
                throw new IllegalArgumentException("batchSize " + batchSize + " is not a multiple of workers " + workers
                        + "; each replica takes batchSize / workers examples per step, so use e.g. "
                        + (batchSize / workers + 1) * workers);
            }
            return new DataParallelTrainer(this);
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, but was " + n);
            }
            return n;
        }
    }
}
