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

/**
 * Conversions between Airfoil tensors, Spark RDDs of {@link Example}s and DataFrames whose features
 * are an {@code array<float>} (or {@code array<double>}) column.
 *
 * <pre>{@code
 * JavaRDD<Example> rdd = SparkData.examples(jsc, mnist.xTrain(), mnist.yTrain(), 4);
 * Dataset<Row> df = SparkData.dataFrame(spark, mnist.xTest(), mnist.yTest());   // features, label
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
        float[] xf = x.cast(DType.FLOAT32).toFloatArray();
        float[] yf = y.cast(DType.FLOAT32).toFloatArray();
        int fs = n == 0 ? 0 : xf.length / n;
        int ts = n == 0 ? 0 : yf.length / n;
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] f = new float[fs];
            System.arraycopy(xf, i * fs, f, 0, fs);
            float[] t = new float[ts];
            System.arraycopy(yf, i * ts, t, 0, ts);
            out.add(new Example(f, t));
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
