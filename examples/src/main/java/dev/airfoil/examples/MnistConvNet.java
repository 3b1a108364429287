package dev.airfoil.examples;

import dev.airfoil.callbacks.Callback;
import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's "Simple MNIST convnet" example in Java: two 3x3 convolutions with max pooling, dropout
 * and a softmax classifier, trained with Adam on the bundled 10,000-digit MNIST subset
 * ({@code mnist-10k}: 8,000 training and 2,000 test images).
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests
 * java -cp examples/target/classes:core/target/classes:... dev.airfoil.examples.MnistConvNet [epochs]
 * </pre>
 *
 * <p>It prints Keras's progress bar for each epoch, the seconds each epoch took, and the test
 * loss and accuracy.
 */
public final class MnistConvNet {
    private MnistConvNet() {
    }

    /** The model: 34,826 parameters, as in Keras. */
    public static Sequential model() {
        Sequential model = new Sequential();
        model.add(Input.shape(28, 28, 1));
        model.add(new Conv2D(32, 3, "relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Conv2D(64, 3, "relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dropout(0.5));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    /** Trains for {@code args[0]} epochs (default 10) at batch size 128 and evaluates on the test images. */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Seeds.setGlobalSeed(42);
        DatasetSplit mnist = Datasets.load("mnist-10k");
        int nTrain = mnist.xTrain().dim(0);
        int nTest = mnist.xTest().dim(0);
        Tensor xTrain = mnist.xTrain().reshape(nTrain, 28, 28, 1);
        Tensor xTest = mnist.xTest().reshape(nTest, 28, 28, 1);
        Tensor yTrain = Tensor.oneHot(mnist.yTrain(), 10);
        Tensor yTest = Tensor.oneHot(mnist.yTest(), 10);

        Sequential model = model();
        System.out.println(model.summary());
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));

        List<Double> seconds = new ArrayList<>();
        Callback timer = new Callback() {
            private long start;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        };
        model.fit(xTrain, yTrain, FitOptions.builder().batchSize(128).epochs(epochs).callbacks(timer).build());
        Map<String, Double> test = model.evaluate(xTest, yTest);
        System.out.println();
        for (int e = 0; e < seconds.size(); e++) {
            System.out.printf("epoch %d: %.2f s%n", e + 1, seconds.get(e));
        }
        double mean = seconds.stream().skip(seconds.size() > 1 ? 1 : 0).mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("mean epoch time (after the first): %.2f s over %d images%n", mean, nTrain);
        System.out.printf("test loss: %.4f%n", test.get("loss"));
        System.out.printf("test accuracy: %.4f%n", test.get("accuracy"));
    }
}
