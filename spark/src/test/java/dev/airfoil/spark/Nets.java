package dev.airfoil.spark;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Embedding;
import dev.airfoil.layers.pooling.GlobalAveragePooling1D;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;

import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.DType;
import dev.airfoil.training.CompileOptions;

import java.util.List;
import java.util.Map;

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

    /**
     * Two inputs ({@code a}: 6 values, {@code b}: 4), two outputs: {@code cls} (3 classes, softmax,
     * sparse crossentropy, accuracy) and {@code reg} (one value, mse, mae), loss weights 1 and 0.5, an
     * L2 kernel regularizer on the shared layer; Adam(0.01).
     */
    static Model twoByTwo() {
        KerasTensor a = Input.of(new int[] {6}, "a");
        KerasTensor b = Input.of(new int[] {4}, "b");
        KerasTensor h = new Dense(Dense.builder(12).activation("relu").kernelRegularizer("l2"))
                .apply(new Concatenate().apply(a, b));
        KerasTensor hb = new Dense(5, "tanh").apply(b);
        KerasTensor cls = new Dense(3, "softmax", "cls").apply(h);
        KerasTensor reg = new Dense(1, null, "reg").apply(new Concatenate().apply(h, hb));
        Model m = new Model(List.of(a, b), List.of(cls, reg));
        m.compile(CompileOptions.builder().optimizer(new Adam(0.01))
                .loss(Map.of("cls", "sparse_categorical_crossentropy", "reg", "mse"))
                .lossWeights(Map.of("cls", 1.0, "reg", 0.5))
                .metricsPerOutput(Map.of("cls", List.of("accuracy"), "reg", List.of("mae")))
                .build());
        return m;
    }

    /**
     * A masked sequence tagger with a second input: {@code tokens} (5 int64 ids, 0 = padding) go
     * through {@code Embedding(20, 4, mask_zero)}; output {@code tags} (per token, 3 classes, carries
     * the mask, sparse crossentropy) and output {@code score} (masked average of the embeddings and
     * input {@code b} of 4 values, mse). Adam(0.02).
     */
    static Model maskedTagger() {
        KerasTensor tokens = Input.of(new int[] {5}, DType.INT64, "tokens");
        KerasTensor b = Input.of(new int[] {4}, "b");
        KerasTensor emb = Embedding.builder(20, 4).maskZero(true).build().apply(tokens);
        KerasTensor tags = new Dense(3, "softmax", "tags").apply(emb);
        KerasTensor pooled = new GlobalAveragePooling1D().apply(emb);
        KerasTensor score = new Dense(1, null, "score").apply(new Concatenate().apply(pooled, b));
        Model m = new Model(List.of(tokens, b), List.of(tags, score));
        m.compile(CompileOptions.builder().optimizer(new Adam(0.02))
                .loss(List.of("sparse_categorical_crossentropy", "mse"))
                .metricsPerOutput(Map.of("tags", List.of("accuracy")))
                .build());
        return m;
    }
}
