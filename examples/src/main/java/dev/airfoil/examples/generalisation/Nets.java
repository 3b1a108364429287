package dev.airfoil.examples.generalisation;

import dev.airfoil.data.StandardScaler;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Small helpers shared by the generalisation examples: model factories and the output folder. */
final class Nets {
    private Nets() {
    }

    /** A factory of fresh compiled classifiers: one hidden ReLU layer, softmax output. */
    static Supplier<Model> classifier(int hidden, int classes, double learningRate) {
        return () -> {
            Sequential m = new Sequential(new Dense(hidden, "relu"), new Dense(classes, "softmax"));
            m.compile(new Adam(learningRate), "sparse_categorical_crossentropy", List.of("accuracy"));
            return m;
        };
    }

    /** Standardised features (zero mean, unit variance per column). */
    static Tensor standardise(Tensor x) {
        return new StandardScaler().fit(x).transform(x);
    }

    /** Where the examples write their figures. */
    static Path outputDir() {
        return Path.of("airfoil-output", "generalisation");
    }
}
