package dev.airfoil.cli;

import dev.airfoil.callbacks.History;
import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.ModelPlot;
import dev.airfoil.models.PlotOptions;
import dev.airfoil.models.Sequential;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import dev.airfoil.visualization.LineChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code airfoil demo}: the main job. Trains the seed's MLP (Flatten, Dense 300 relu, Dense 100
 * relu, Dense 10 softmax; Adam) on the bundled MNIST digits, prints the summary, the Keras progress
 * bar and the test results, and saves the learning curves and the model plot as PNG files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train the seed MLP on the bundled MNIST digits (8,000 train / 2,000 test).",
        footer = {"", "Example:", "  airfoil demo --epochs 5 --output-dir airfoil-output"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--epochs", description = "Epochs to train (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int epochs;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int batchSize;

    @Option(names = "--seed", description = "Random seed for weights and shuffling (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--output-dir", description = "Where the PNG files go (default: ${DEFAULT-VALUE}).",
            defaultValue = "airfoil-output")
    Path outputDir;

    @Option(names = "--verbose", description = "0 silent, 1 progress bar, 2 one line per epoch (default: auto).")
    Integer verbose;

    @Override
    public Integer call() throws Exception {
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("--epochs and --batch-size must be positive");
        }
        OutputFiles.checkWritable(outputDir.resolve("learning_curves.png"), "--output-dir");
        Seeds.setGlobalSeed(seed);
        DatasetSplit mnist = Datasets.load("mnist-10k");
        System.out.printf(Locale.ROOT, "MNIST digits: %,d training and %,d test images of 28x28%n",
                mnist.xTrain().shape()[0], mnist.xTest().shape()[0]);

        Sequential model = new Sequential(List.of(
                new dev.airfoil.layers.InputLayer(new int[] {28, 28}, dev.airfoil.tensor.DType.FLOAT32, null),
                new Flatten(),
                new Dense(300, "relu"),
                new Dense(100, "relu"),
                new Dense(10, "softmax")));
        model.summary();
        model.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));

        long start = System.nanoTime();
        FitOptions.Builder fit = FitOptions.builder().epochs(epochs).batchSize(batchSize).seed(seed)
                .validationData(mnist.xTest(), mnist.yTest());
        if (verbose != null) {
            fit.verbose(verbose);
        }
        History history = model.fit(mnist.xTrain(), mnist.yTrain(), fit.build());
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> test = model.evaluate(mnist.xTest(), mnist.yTest());
        System.out.printf(Locale.ROOT, "Test loss: %.4f - test accuracy: %.4f (trained in %.1f s)%n",
                test.get("loss"), test.get("accuracy"), seconds);

        Files.createDirectories(outputDir);
        Path curves = outputDir.resolve("learning_curves.png");
        Path accuracy = outputDir.resolve("accuracy_curves.png");
        Path plot = outputDir.resolve("model.png");
        LineChart.learningCurves("Loss", history.history(), "loss", "val_loss").write(curves);
        LineChart.learningCurves("Accuracy", history.history(), "accuracy", "val_accuracy").write(accuracy);
        ModelPlot.plotModel(model, plot, PlotOptions.defaults().withShapes(true).withLayerNames(true)
                .withLayerActivations(true));
        System.out.println("Saved the learning curves to " + curves + " and " + accuracy);
        System.out.println("Saved the model plot to " + plot);
        return 0;
    }
}
