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
 * Distributed batch inference: {@code model.predict} over DataFrame columns. The model is
 * broadcast once (the bytes of its {@code .airfoil} archive), loaded once per executor JVM and
 * shared by that executor's tasks (prediction is thread-safe); rows are predicted in batches.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkPredictor.of(model, 28, 28)
 *         .inputCol("features").outputCol("probabilities").argmaxCol("predicted")
 *         .transform(df);
 *
 * // several inputs and outputs: one column per input, one added column per output
 * Dataset<Row> scored2 = SparkPredictor.of(twoByTwo, List.of(ArraySpec.floats("a", 8), ArraySpec.floats("b", 4)))
 *         .inputCols(List.of("a", "b")).outputCols(List.of("cls_proba", "reg_value"))
 *         .transform(df2);
 * }</pre>
 *
 * <p>Each output column is {@code array<float>} (that output of the model for the row, flattened);
 * the optional arg-max column (one-output models) is an {@code int}. Input columns default to the
 * input specs' names ({@code features} for {@link #of(Model, int...)}), output columns to
 * {@code prediction} for one output and {@code <output name>_prediction} for several.
 * Call {@link #close()} to release the broadcast.
 */
public final class SparkPredictor implements AutoCloseable {
    /** Models loaded on this JVM, by broadcast id. */
    private static final Map<Long, Model> LOADED = new ConcurrentHashMap<>();

    private final Model model;
    private final List<ArraySpec> inputs;
    private List<String> inputCols;
    private List<String> outputCols;
    private String argmaxCol;
    private int batchSize = 256;
    private Broadcast<byte[]> broadcast;

    private SparkPredictor(Model model, List<ArraySpec> inputs, List<String> inputCols) {
        this.model = Objects.requireNonNull(model, "model");
        this.inputs = List.copyOf(inputs);
        this.inputCols = inputCols;
    }

    /**
     * A predictor for a built model with one input.
     *
     * @param model        the model (one input; one output, or name a column per output with {@link #outputCols})
     * @param featureShape the shape of one row's features without the batch axis ({@code 28, 28})
     * @return the predictor
     */
    public static SparkPredictor of(Model model, int... featureShape) {
        return new SparkPredictor(model, List.of(ArraySpec.floats(null, featureShape)), List.of("features"));
    }

    /**
     * A predictor for a built model with any number of inputs and outputs.
     *
     * @param model  the model
     * @param inputs one spec per model input, in the model's order (names, where given, must be the
     *               model's; they are also the default input columns)
     * @return the predictor
     * @throws IllegalArgumentException if the specs do not fit the model's inputs
     */
    public static SparkPredictor of(Model model, List<ArraySpec> inputs) {
        MultiDataSpec.checkInputs(inputs, model, "SparkPredictor");
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputs.get(i).name();
            cols.add(name == null ? (inputs.size() == 1 ? "features" : "input_" + i) : name);
        }
        return new SparkPredictor(model, inputs, List.copyOf(cols));
    }

    /** The features column ({@code array<float>} or {@code array<double>}) of a one-input model; default {@code features}. */
    public SparkPredictor inputCol(String c) {
        return inputCols(List.of(Objects.requireNonNull(c)));
    }

    /**
     * The input columns ({@code array<float>} or {@code array<double>}, row-major), one per model
     * input in the model's order.
     *
     * @param cols the columns
     * @return this
     */
    public SparkPredictor inputCols(List<String> cols) {
        if (cols.size() != inputs.size()) {
            throw new IllegalArgumentException("SparkPredictor for model '" + model.name() + "' has " + inputs.size()
                    + " inputs " + inputs + " but " + cols.size() + " input columns were given " + cols
                    + "; give one column per input, in the model's order");
        }
        this.inputCols = List.copyOf(cols);
        return this;
    }

    /** The added output column ({@code array<float>}) of a one-output model; default {@code prediction}. */
    public SparkPredictor outputCol(String c) {
        return outputCols(List.of(Objects.requireNonNull(c)));
    }

    /**
     * The added output columns ({@code array<float>}), one per model output in the model's order.
     *
     * @param cols the columns
     * @return this
     */
    public SparkPredictor outputCols(List<String> cols) {
        this.outputCols = List.copyOf(cols);
        return this;
    }

    /** Also adds an {@code int} column with the arg-max of the output (the predicted class); one-output models only. */
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
     * @throws IllegalArgumentException if the input specs do not fit the model, an input column is
     *                                  missing or not a numeric array, or the output columns do not
     *                                  match the model's outputs
     */
    public Dataset<Row> transform(Dataset<Row> df) {
        if (inputs.size() == 1 && model.isFunctional() && model.inputNames().size() > 1) {
            throw new IllegalArgumentException("SparkPredictor: " + MultiDataSpec.severalInputsOrOutputs(model)
                    + ", but this predictor was made for one input; use SparkPredictor.of(model, List<ArraySpec>) with"
                    + " one ArraySpec per input, and inputCols(...)");
        }
        MultiDataSpec.checkInputs(inputs, model, "SparkPredictor");
        List<String> outs = model.outputNames();
        List<String> outCols = outputCols != null ? outputCols
                : outs.size() == 1 ? List.of("prediction") : outs.stream().map(o -> o + "_prediction").toList();
        if (outCols.size() != outs.size()) {
            throw new IllegalArgumentException("SparkPredictor: model '" + model.name() + "' has " + outs.size()
                    + " outputs " + outs + " but " + outCols.size() + " output columns were given " + outCols
                    + "; use outputCols(...) with one column per output");
        }
        if (argmaxCol != null && outs.size() != 1) {
            throw new IllegalArgumentException("SparkPredictor: argmaxCol needs a model with one output, but model '"
                    + model.name() + "' has " + outs.size() + " outputs " + outs
                    + "; take the arg-max of the output column you need (e.g. with array_position/array_max)");
        }
        int[] cols = new int[inputCols.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = SparkData.fieldIndex(df, inputCols.get(i));
            SparkData.checkArray(df.schema().fields()[cols[i]].dataType(), inputCols.get(i));
        }
        if (broadcast == null) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
            broadcast = jsc.broadcast(ModelBytes.toBytes(model));
        }
        StructType schema = df.schema();
        for (String c : outCols) {
            schema = schema.add(c, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        if (argmaxCol != null) {
            schema = schema.add(argmaxCol, DataTypes.IntegerType, false);
        }
        return df.mapPartitions(new Scorer(broadcast, new ArrayList<>(inputs), cols, inputCols, batchSize,
                argmaxCol != null), Encoders.row(schema));
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
        private final ArrayList<ArraySpec> inputs;
        private final int[] cols;
        private final ArrayList<String> colNames;
        private final int batchSize;
        private final boolean argmax;

        Scorer(Broadcast<byte[]> model, ArrayList<ArraySpec> inputs, int[] cols, List<String> colNames, int batchSize,
               boolean argmax) {
            this.model = model;
            this.inputs = inputs;
            this.cols = cols;
            this.colNames = new ArrayList<>(colNames);
            this.batchSize = batchSize;
            this.argmax = argmax;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Model m = LOADED.computeIfAbsent(model.id(), id -> ModelBytes.fromBytes(model.value()));
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
                    List<float[]> outputs = predict(m, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        Row r = batch.get(i);
                        Object[] vals = new Object[r.size() + outputs.size() + (argmax ? 1 : 0)];
                        for (int c = 0; c < r.size(); c++) {
                            vals[c] = r.get(c);
                        }
                        float[] first = null;
                        for (int o = 0; o < outputs.size(); o++) {
                            float[] pv = outputs.get(o);
                            int k = pv.length / batch.size();
                            float[] row = java.util.Arrays.copyOfRange(pv, i * k, (i + 1) * k);
                            first = o == 0 ? row : first;
                            vals[r.size() + o] = SparkData.boxed(row);
                        }
                        if (argmax) {
                            int best = 0;
                            for (int j = 1; j < first.length; j++) {
                                if (first[j] > first[best]) {
                                    best = j;
                                }
                            }
                            vals[r.size() + outputs.size()] = best;
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

        /** The model's outputs for a batch of rows, each flattened. */
        private List<float[]> predict(Model m, List<Row> batch) {
            float[][] flat = new float[inputs.size()][];
            for (int in = 0; in < inputs.size(); in++) {
                int fs = inputs.get(in).size();
                flat[in] = new float[batch.size() * fs];
                for (int i = 0; i < batch.size(); i++) {
                    float[] f = SparkData.floats(batch.get(i), cols[in]);
                    if (f.length != fs) {
                        throw new IllegalArgumentException("a row's column '" + colNames.get(in) + "' has " + f.length
                                + " values but the model input " + inputs.get(in).describe(in) + " needs " + fs
                                + " (shape " + java.util.Arrays.toString(inputs.get(in).shape())
                                + "); check the predictor's input specs");
                    }
                    System.arraycopy(f, 0, flat[in], i * fs, fs);
                }
            }
            List<Tensor> xs = new ArrayList<>();
            for (int in = 0; in < inputs.size(); in++) {
                xs.add(inputs.get(in).tensor(flat[in], batch.size()));
            }
            List<float[]> out = new ArrayList<>();
            for (Tensor t : m.predict(xs, batch.size())) {
                out.add(t.cast(DType.FLOAT32).toFloatArray());
            }
            return out;
        }
    }
}
