package dev.airfoil.examples;

import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.recurrent.GRU;
import dev.airfoil.layers.recurrent.LSTM;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.util.List;
import java.util.Map;

/**
 * A recurrent classifier that reads each MNIST digit as a sequence of 28 rows of 28 pixels
 * (Keras's classic "MNIST as a sequence" example): {@code LSTM(64)} (or {@code GRU(64)}) and a
 * softmax layer, trained with Adam on the bundled {@code mnist-10k} subset (8,000 training and
 * 2,000 test images).
 *
 * <pre>
 * java -cp examples/target/classes:core/target/classes:... dev.airfoil.examples.MnistRowsLstm [epochs] [lstm|gru]
 * </pre>
 */
public final class MnistRowsLstm {
    private MnistRowsLstm() {
    }

    /** The model: LSTM(64) has 4 * 64 * (28 + 64 + 1) = 23,808 parameters, GRU(64) 3 * 64 * (28 + 64 + 2) = 18,048. */
    public static Sequential model(String cell) {
        Sequential model = new Sequential();
        model.add(Input.shape(28, 28));
        model.add("gru".equals(cell) ? GRU.builder(64).build() : LSTM.builder(64).build());
        model.add(new Dense(10, "softmax"));
        return model;
    }

    /** Trains for {@code args[0]} epochs (default 5) at batch size 64 and evaluates on the test images. */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String cell = args.length > 1 ? args[1] : "lstm";
        Seeds.setGlobalSeed(42);
        DatasetSplit mnist = Datasets.load("mnist-10k");
        Tensor xTrain = mnist.xTrain().reshape(mnist.xTrain().dim(0), 28, 28);
        Tensor xTest = mnist.xTest().reshape(mnist.xTest().dim(0), 28, 28);
        Tensor yTrain = Tensor.oneHot(mnist.yTrain(), 10);
        Tensor yTest = Tensor.oneHot(mnist.yTest(), 10);
        Sequential model = model(cell);
        System.out.println(model.summary());
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        long start = System.nanoTime();
        model.fit(xTrain, yTrain, FitOptions.builder().batchSize(64).epochs(epochs).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> test = model.evaluate(xTest, yTest);
        System.out.printf("%s: %.1f s for %d epochs (%.1f s/epoch)%n", cell, seconds, epochs, seconds / epochs);
        System.out.printf("test loss: %.4f%n", test.get("loss"));
        System.out.printf("test accuracy: %.4f%n", test.get("accuracy"));
    }
}
