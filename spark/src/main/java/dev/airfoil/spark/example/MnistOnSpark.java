package dev.airfoil.spark.example;

import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.spark.DataParallelTrainer;
import dev.airfoil.spark.DataSpec;
import dev.airfoil.spark.SparkData;
import dev.airfoil.spark.SparkPredictor;
import dev.airfoil.spark.TrainingMode;
import dev.airfoil.spark.TrainingResult;
import dev.airfoil.utils.Seeds;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Trains the seed MLP on the bundled MNIST digits with {@link DataParallelTrainer}, evaluates it,
 * and scores the test digits with {@link SparkPredictor}.
 *
 * <pre>
 * spark-submit --class dev.airfoil.spark.example.MnistOnSpark --master spark://host:7077 \
 *     airfoil-spark-0.1.0-SNAPSHOT-app.jar [sync|average] [workers] [epochs] [batchSize]
 * </pre>
 *
 * Without {@code --master} (plain {@code java}) it runs on {@code local[workers]}.
 */
public final class MnistOnSpark {
    private MnistOnSpark() {
    }

    /** The seed MLP: Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax), Adam. */
    public static Model seedMlp() {
        Sequential m = new Sequential();
        m.add(Input.shape(28, 28));
        m.add(new Flatten());
        m.add(new Dense(300, "relu"));
        m.add(new Dense(100, "relu"));
        m.add(new Dense(10, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        return m;
    }

    /**
     * Runs the example.
     *
     * @param args {@code [sync|average] [workers] [epochs] [batchSize]}
     */
    public static void main(String[] args) {
        TrainingMode mode = args.length > 0 && args[0].startsWith("av") ? TrainingMode.PARAMETER_AVERAGING
                : TrainingMode.SYNCHRONOUS_GRADIENTS;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        SparkSession.Builder b = SparkSession.builder().appName("airfoil-mnist");
        if (System.getProperty("spark.master") == null) {
            b.master("local[" + workers + "]").config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        SparkSession spark = b.getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            DatasetSplit mnist = Datasets.load("mnist-10k");
            Seeds.setGlobalSeed(2024);
            Model model = seedMlp();
            TrainingResult r = DataParallelTrainer.builder().mode(mode).workers(workers).epochs(epochs).batchSize(batch)
                    .averageEvery(4).build()
                    .fit(model, SparkData.examples(jsc, mnist.xTrain(), mnist.yTrain(), workers),
                            DataSpec.classification(28, 28));
            System.out.printf("%s, %d workers, %d epochs, global batch %d: %.1f s, %.0f examples/s, loss per epoch %s%n",
                    mode, workers, epochs, batch, r.seconds(), r.examplesPerSecond(),
                    java.util.Arrays.toString(r.epochLoss()));
            System.out.printf("all-reduce: %d per replica, %d bytes sent per replica each; replicas identical: %s%n",
                    r.collectivesPerReplica(), r.bytesPerCollective(), r.replicasIdentical());
            System.out.println("test: " + r.model().evaluate(mnist.xTest(), mnist.yTest()));
            Dataset<Row> test = SparkData.dataFrame(spark, mnist.xTest(), mnist.yTest());
            try (SparkPredictor p = SparkPredictor.of(r.model(), 28, 28).outputCol("proba").argmaxCol("predicted")) {
                long right = p.transform(test).filter("label = predicted").count();
                System.out.printf("distributed predict: %d of %d test digits right%n", right, test.count());
            }
        } finally {
            spark.stop();
        }
    }
}
