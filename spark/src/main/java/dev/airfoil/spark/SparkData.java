package dev.airfoil.spark;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conversions between Airfoil tensors, Spark RDDs of {@link Example}s (one input, one output) or
 * {@link MultiExample}s (several inputs and/or outputs) and DataFrames whose inputs are
 * {@code array<float>} (or {@code array<double>}) columns.
 *
 * <pre>{@code
 * JavaRDD<Example> rdd = SparkData.examples(jsc, mnist.xTrain(), mnist.yTrain(), 4);
 * Dataset<Row> df = SparkData.dataFrame(spark, mnist.xTest(), mnist.yTest());   // features, label
 * JavaRDD<MultiExample> multi = SparkData.multiExamples(jsc, List.of(xa, xb), List.of(y1, y2), 4);
 * Dataset<Row> mdf = SparkData.dataFrame(spark, spec, List.of(xa, xb), List.of(y1, y2));  // a column per array
 * }</pre>
 */
public final class SparkData {
    private SparkData() {
    }

    /**
     * One example per row of {@code x} and {@code y}, in order.
     *
     * @param jsc        the Spark context
     * @param x          features {@code (samples, ...)}
     * @param y          labels {@code (samples,)} (any integer dtype) or float targets {@code (samples, ...)}
     * @param partitions number of partitions
     * @return the examples
     */
    public static JavaRDD<Example> examples(JavaSparkContext jsc, Tensor x, Tensor y, int partitions) {
        return jsc.parallelize(toExamples(x, y), partitions);
    }

    /**
     * One example per row of {@code x} and {@code y}, in order, on the driver.
     *
     * @param x features {@code (samples, ...)}
     * @param y labels or targets {@code (samples, ...)}
     * @return the examples
     */
    public static List<Example> toExamples(Tensor x, Tensor y) {
        int n = x.dim(0);
        if (y.dim(0) != n) {
            throw new IllegalArgumentException("x has " + n + " samples but y has " + y.dim(0));
        }
        float[][] xr = rows(x);
        float[][] yr = rows(y);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Example(xr[i], yr[i]));
        }
        return out;
    }

    /**
     * One example per row of the tensors, in order, on the driver: {@code xs} has one tensor per
     * model input, {@code ys} one per model output (what {@code model.fit(xs, ys, ...)} takes).
     *
     * @param xs the inputs {@code (samples, ...)}, in the model's order
     * @param ys the targets {@code (samples, ...)}, in the model's output order
     * @return the examples
     * @throws IllegalArgumentException if a list is empty or the tensors differ in their number of samples
     */
    public static List<MultiExample> toMultiExamples(List<Tensor> xs, List<Tensor> ys) {
        if (xs.isEmpty() || ys.isEmpty()) {
            throw new IllegalArgumentException("give at least one input and one target tensor, got " + xs.size()
                    + " inputs and " + ys.size() + " targets");
        }
        int n = xs.get(0).dim(0);
        float[][][] in = new float[xs.size()][][];
        float[][][] tg = new float[ys.size()][][];
        for (int i = 0; i < xs.size(); i++) {
            in[i] = rows(sameSamples(xs.get(i), n, "input #" + i));
        }
        for (int i = 0; i < ys.size(); i++) {
            tg[i] = rows(sameSamples(ys.get(i), n, "target #" + i));
        }
        List<MultiExample> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            float[][] a = new float[in.length][];
            float[][] b = new float[tg.length][];
            for (int i = 0; i < a.length; i++) {
                a[i] = in[i][r];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = tg[i][r];
            }
            out.add(new MultiExample(a, b));
        }
        return out;
    }

    /**
     * {@link #toMultiExamples(List, List)} from tensors keyed by the model's input and output names
     * (Keras's {@code fit({"title": ..., "body": ...}, {"priority": ..., ...})}), put in the spec's order.
     *
     * @param xs   one tensor per input name
     * @param ys   one tensor per output name
     * @param spec the spec, every entry named
     * @return the examples
     * @throws IllegalArgumentException if a spec entry is unnamed, or a name is missing from or extra in a map
     */
    public static List<MultiExample> toMultiExamples(Map<String, Tensor> xs, Map<String, Tensor> ys, MultiDataSpec spec) {
        return toMultiExamples(byName(xs, spec.inputNames(), "inputs"), byName(ys, spec.targetNames(), "targets"));
    }

    /**
     * {@link #toMultiExamples(List, List)} as an RDD.
     *
     * @param jsc        the Spark context
     * @param xs         the inputs, in the model's order
     * @param ys         the targets, in the model's output order
     * @param partitions number of partitions
     * @return the examples
     */
    public static JavaRDD<MultiExample> multiExamples(JavaSparkContext jsc, List<Tensor> xs, List<Tensor> ys,
                                                      int partitions) {
        return jsc.parallelize(toMultiExamples(xs, ys), partitions);
    }

    /**
     * {@link #toMultiExamples(Map, Map, MultiDataSpec)} as an RDD.
     *
     * @param jsc        the Spark context
     * @param xs         one tensor per input name
     * @param ys         one tensor per output name
     * @param spec       the spec, every entry named
     * @param partitions number of partitions
     * @return the examples
     */
    public static JavaRDD<MultiExample> multiExamples(JavaSparkContext jsc, Map<String, Tensor> xs,
                                                      Map<String, Tensor> ys, MultiDataSpec spec, int partitions) {
        return jsc.parallelize(toMultiExamples(xs, ys, spec), partitions);
    }

    private static List<Tensor> byName(Map<String, Tensor> m, List<String> names, String what) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                throw new IllegalArgumentException("the MultiDataSpec's " + what + " entry #" + i + " has no name, so "
                        + "tensors cannot be matched to it by name; name it (the model's name) or pass a list");
            }
            Tensor t = m.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor for " + what + " '" + name + "'; the map has " + m.keySet()
                        + " and the MultiDataSpec's " + what + " are " + names);
            }
            out.add(t);
        }
        for (String k : m.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("the " + what + " map names '" + k + "', which the MultiDataSpec does "
                        + "not have; its " + what + " are " + names);
            }
        }
        return out;
    }

    private static Tensor sameSamples(Tensor t, int n, String what) {
        if (t.rank() == 0 || t.dim(0) != n) {
            throw new IllegalArgumentException(what + " has shape " + java.util.Arrays.toString(t.shape()) + " but input #0 has "
                    + n + " samples; every tensor needs the samples on axis 0, the same number in each");
        }
        return t;
    }

    /** The rows of a tensor {@code (samples, ...)}, each flattened to float32 values. */
    private static float[][] rows(Tensor t) {
        int n = t.dim(0);
        float[] all = t.cast(DType.FLOAT32).toFloatArray();
        int size = n == 0 ? 0 : all.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size);
        }
        return out;
    }

    /**
     * A DataFrame {@code (features array<float>, label bigint | array<float>)} of tensors: integer
     * {@code y} becomes a {@code label} number column, float {@code y} an array column.
     *
     * @param spark the session
     * @param x     features {@code (samples, ...)}, flattened per row
     * @param y     labels or targets
     * @return the DataFrame
     */
    public static Dataset<Row> dataFrame(SparkSession spark, Tensor x, Tensor y) {
        boolean labels = y.dtype() == DType.INT32 || y.dtype() == DType.INT64;
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", labels ? DataTypes.LongType : DataTypes.createArrayType(DataTypes.FloatType, false), false);
        List<Row> rows = new ArrayList<>();
        for (Example e : toExamples(x, y)) {
            Object target = labels ? (Object) (long) e.target()[0] : boxed(e.target());
            rows.add(RowFactory.create(boxed(e.features()), target));
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * The examples of a DataFrame.
     *
     * @param df          the data
     * @param featuresCol an {@code array<float>} or {@code array<double>} column
     * @param targetCol   a number column (class label or one target) or a numeric array column
     * @return the examples, in the DataFrame's order
     */
    public static JavaRDD<Example> examples(Dataset<Row> df, String featuresCol, String targetCol) {
        int fi = df.schema().fieldIndex(featuresCol);
        int ti = df.schema().fieldIndex(targetCol);
        checkArray(df.schema().fields()[fi].dataType(), featuresCol);
        return df.toJavaRDD().map(r -> new Example(floats(r, fi), target(r, ti)));
    }

    /**
     * A DataFrame with one column per model input and per target, named after the spec's entries
     * ({@code input_i} / {@code target_i} where unnamed): inputs are {@code array<float>}; an integer
     * scalar target (a class label) is {@code bigint}, any other target {@code array<float>}.
     *
     * @param spark the session
     * @param spec  the arrays' names, shapes and types
     * @param xs    the inputs, in the model's order
     * @param ys    the targets, in the model's output order
     * @return the DataFrame
     */
    public static Dataset<Row> dataFrame(SparkSession spark, MultiDataSpec spec, List<Tensor> xs, List<Tensor> ys) {
        List<MultiExample> examples = toMultiExamples(xs, ys);
        if (!examples.isEmpty()) {
            spec.check(examples.get(0));
        }
        StructType schema = new StructType();
        for (String c : columns(spec.inputNames(), "input_")) {
            schema = schema.add(c, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        List<String> targetCols = columns(spec.targetNames(), "target_");
        for (int i = 0; i < targetCols.size(); i++) {
            schema = schema.add(targetCols.get(i), isLabel(spec.targets().get(i)) ? DataTypes.LongType
                    : DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        List<Row> rows = new ArrayList<>(examples.size());
        for (MultiExample e : examples) {
            Object[] v = new Object[e.inputs().length + e.targets().length];
            for (int i = 0; i < e.inputs().length; i++) {
                v[i] = boxed(e.inputs()[i]);
            }
            for (int i = 0; i < e.targets().length; i++) {
                v[e.inputs().length + i] = isLabel(spec.targets().get(i)) ? (Object) (long) e.targets()[i][0] : boxed(e.targets()[i]);
            }
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * The examples of a DataFrame with one column per model input and per target.
     *
     * @param df         the data
     * @param inputCols  one {@code array<float>} or {@code array<double>} column per input, in the model's order
     * @param targetCols one number column (class label or one value) or numeric array column per output
     * @return the examples, in the DataFrame's order
     * @throws IllegalArgumentException if a column is missing or an input column is not a numeric array
     */
    public static JavaRDD<MultiExample> multiExamples(Dataset<Row> df, List<String> inputCols, List<String> targetCols) {
        if (inputCols.isEmpty() || targetCols.isEmpty()) {
            throw new IllegalArgumentException("give at least one input and one target column, got " + inputCols
                    + " and " + targetCols);
        }
        int[] in = new int[inputCols.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = fieldIndex(df, inputCols.get(i));
            checkArray(df.schema().fields()[in[i]].dataType(), inputCols.get(i));
        }
        int[] tg = new int[targetCols.size()];
        for (int i = 0; i < tg.length; i++) {
            tg[i] = fieldIndex(df, targetCols.get(i));
        }
        return df.toJavaRDD().map(r -> {
            float[][] a = new float[in.length][];
            for (int i = 0; i < in.length; i++) {
                a[i] = floats(r, in[i]);
            }
            float[][] b = new float[tg.length][];
            for (int i = 0; i < tg.length; i++) {
                b[i] = target(r, tg[i]);
            }
            return new MultiExample(a, b);
        });
    }

    /** The index of a column, or an error listing the DataFrame's columns. */
    static int fieldIndex(Dataset<Row> df, String col) {
        List<String> names = java.util.Arrays.asList(df.schema().fieldNames());
        if (!names.contains(col)) {
            throw new IllegalArgumentException("the DataFrame has no column '" + col + "'; its columns are " + names);
        }
        return df.schema().fieldIndex(col);
    }

    private static boolean isLabel(ArraySpec s) {
        return s.integer() && s.size() == 1;
    }

    private static List<String> columns(List<String> names, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(names.get(i) == null ? prefix + i : names.get(i));
        }
        return out;
    }

    /** The float values of an array column of a row. */
    static float[] floats(Row r, int i) {
        List<Object> l = r.getList(i);
        float[] out = new float[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).floatValue();
        }
        return out;
    }

    private static float[] target(Row r, int i) {
        Object v = r.get(i);
        if (v instanceof Number num) {
            return new float[] {num.floatValue()};
        }
        return floats(r, i);
    }

    static void checkArray(DataType t, String col) {
        if (!(t instanceof ArrayType a) || !(a.elementType() == DataTypes.FloatType || a.elementType() == DataTypes.DoubleType)) {
            throw new IllegalArgumentException("column '" + col + "' is " + t.simpleString()
                    + ", expected array<float> or array<double> (flattened row-major features)");
        }
    }

    static Float[] boxed(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
