package dev.airfoil.spark;

import dev.airfoil.models.Model;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distributed batch inference: {@code model.predict} over a DataFrame column. The model is
 * broadcast once (the bytes of its {@code .airfoil} archive), loaded once per executor JVM and
 * shared by that executor's tasks (prediction is thread-safe); rows are predicted in batches.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkPredictor.of(model, 28, 28)
 *         .inputCol("features").outputCol("probabilities").argmaxCol("predicted")
 *         .transform(df);
 * }</pre>
 *
 * <p>The output column is {@code array<float>} (the model's output for the row, flattened); the
 * optional arg-max column is an {@code int}. Call {@link #close()} to release the broadcast.
 */
public final class SparkPredictor implements AutoCloseable {
    /** Models loaded on this JVM, by broadcast id. */
    private static final Map<Long, Model> LOADED = new ConcurrentHashMap<>();

    private final Model model;
    private final int[] featureShape;
    private String inputCol = "features";
    private String outputCol = "prediction";
    private String argmaxCol;
    private int batchSize = 256;
    private Broadcast<byte[]> broadcast;

    private SparkPredictor(Model model, int[] featureShape) {
        this.model = Objects.requireNonNull(model, "model");
        this.featureShape = featureShape.clone();
    }

    /**
     * A predictor for a built model.
     *
     * @param model        the model (one input, one output)
     * @param featureShape the shape of one row's features without the batch axis ({@code 28, 28})
     * @return the predictor
     */
    public static SparkPredictor of(Model model, int... featureShape) {
        return new SparkPredictor(model, featureShape);
    }

    /** The features column ({@code array<float>} or {@code array<double>}); default {@code features}. */
    public SparkPredictor inputCol(String c) {
        this.inputCol = Objects.requireNonNull(c);
        return this;
    }

    /** The added output column ({@code array<float>}); default {@code prediction}. */
    public SparkPredictor outputCol(String c) {
        this.outputCol = Objects.requireNonNull(c);
        return this;
    }

    /** Also adds an {@code int} column with the arg-max of the output (the predicted class). */
    public SparkPredictor argmaxCol(String c) {
        this.argmaxCol = c;
        return this;
    }

    /** Rows per {@code predict} call on the executors; default 256. */
    public SparkPredictor batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, but was " + n);
        }
        this.batchSize = n;
        return this;
    }

    /**
     * The input rows with the prediction column(s) added (lazy, like any Spark transformation).
     *
     * @param df the rows to score
     * @return the scored rows
     */
    public Dataset<Row> transform(Dataset<Row> df) {
        int col = df.schema().fieldIndex(inputCol);
        SparkData.checkArray(df.schema().fields()[col].dataType(), inputCol);
        if (broadcast == null) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
            broadcast = jsc.broadcast(ModelBytes.toBytes(model));
        }
        StructType schema = df.schema().add(outputCol, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        if (argmaxCol != null) {
            schema = schema.add(argmaxCol, DataTypes.IntegerType, false);
        }
        return df.mapPartitions(new Scorer(broadcast, featureShape, col, batchSize, argmaxCol != null), Encoders.row(schema));
    }

    /** Releases the broadcast model on the executors. */
    @Override
    public void close() {
        if (broadcast != null) {
            LOADED.remove(broadcast.id());
            broadcast.destroy();
            broadcast = null;
        }
    }

    /** The executor side: batches the rows of a partition through the shared model. */
    private static final class Scorer implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final int[] featureShape;
        private final int col;
        private final int batchSize;
        private final boolean argmax;

        Scorer(Broadcast<byte[]> model, int[] featureShape, int col, int batchSize, boolean argmax) {
            this.model = model;
            this.featureShape = featureShape;
            this.col = col;
            this.batchSize = batchSize;
            this.argmax = argmax;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Model m = LOADED.computeIfAbsent(model.id(), id -> ModelBytes.fromBytes(model.value()));
            DataSpec spec = DataSpec.classification(featureShape);
            int fs = spec.featureSize();
            return new Iterator<>() {
                private final List<Row> out = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < out.size()) {
                        return true;
                    }
                    out.clear();
                    next = 0;
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    if (batch.isEmpty()) {
                        return false;
                    }
                    float[] x = new float[batch.size() * fs];
                    for (int i = 0; i < batch.size(); i++) {
                        float[] f = SparkData.floats(batch.get(i), col);
                        if (f.length != fs) {
                            throw new IllegalArgumentException("a row has " + f.length + " feature values but the model"
                                    + " input needs " + fs + "; check the predictor's featureShape");
                        }
                        System.arraycopy(f, 0, x, i * fs, fs);
                    }
                    Tensor p = m.predict(spec.features(x, batch.size())).cast(DType.FLOAT32);
                    float[] pv = p.toFloatArray();
                    int k = pv.length / batch.size();
                    for (int i = 0; i < batch.size(); i++) {
                        Row r = batch.get(i);
                        Object[] vals = new Object[r.size() + (argmax ? 2 : 1)];
                        for (int c = 0; c < r.size(); c++) {
                            vals[c] = r.get(c);
                        }
                        float[] row = new float[k];
                        System.arraycopy(pv, i * k, row, 0, k);
                        vals[r.size()] = SparkData.boxed(row);
                        if (argmax) {
                            int best = 0;
                            for (int j = 1; j < k; j++) {
                                if (row[j] > row[best]) {
                                    best = j;
                                }
                            }
                            vals[r.size() + 1] = best;
                        }
                        out.add(RowFactory.create(vals));
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return out.get(next++);
                }
            };
        }
    }
}
