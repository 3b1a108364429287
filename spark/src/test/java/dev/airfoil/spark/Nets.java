package dev.airfoil.spark;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;

import java.util.List;

/** Model factories used by the tests (static methods, so lambdas calling them serialize). */
final class Nets {
    private Nets() {
    }

    /** A small classifier for iris-sized tables. */
    static Model small(int features, int classes) {
        Sequential m = new Sequential();
        m.add(Input.shape(features));
        m.add(new Dense(8, "relu"));
        m.add(new Dense(classes, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        return m;
    }

    /** The seed MLP: Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax) (266,610 parameters). */
    static Model seedMlp() {
        Sequential m = new Sequential();
        m.add(Input.shape(28, 28));
        m.add(new Flatten());
        m.add(new Dense(300, "relu"));
        m.add(new Dense(100, "relu"));
        m.add(new Dense(10, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        return m;
    }
}
