package dev.airfoil.examples;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Names;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;

import java.util.List;

/**
 * Every model of the seed study note, written in Java line by line as the note writes it in Keras.
 * Run {@link #main} to print their summaries.
 */
public final class SeedModels {
    private SeedModels() {
    }

    /** {@code Sequential(); add(Input((28, 28))); add(Dense(300, relu)); add(Dense(100, relu)); add(Dense(10, softmax))}: 39,810 parameters. */
    public static Sequential sequentialWithAdd() {
        Sequential model = new Sequential();
        model.add(Input.shape(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    /** The same stack from a list with named layers. */
    public static Sequential sequentialFromList() {
        return new Sequential(List.of(
                new InputLayer(new int[] {28, 28}, DType.FLOAT32, "Input"),
                new Dense(300, "relu", "Dense1"),
                new Dense(100, "relu", "Dense2"),
                new Dense(10, "softmax", "Dense3")));
    }

    /** The functional MLP with Flatten: 266,610 parameters. */
    public static Model functionalWithFlatten() {
        KerasTensor inputs = Input.shape(28, 28, 1);
        KerasTensor x = new Flatten().apply(inputs);
        x = new Dense(300, "relu").apply(x);
        x = new Dense(100, "relu").apply(x);
        x = new Dense(10, "softmax").apply(x);
        return new Model(inputs, x);
    }

    /** The Concatenate model: the input joined with a deep path; 5,989 parameters. */
    public static Model concatenate() {
        KerasTensor inputLayer = Input.shape(28, 28);
        KerasTensor hidden1 = new Dense(100, "relu").apply(inputLayer);
        KerasTensor hidden2 = new Dense(30, "relu").apply(hidden1);
        KerasTensor concat = new Concatenate().apply(inputLayer, hidden2);
        KerasTensor output = new Dense(1).apply(concat);
        return new Model(List.of(inputLayer), List.of(output));
    }

    /** Two inputs, one output: 3,931 parameters. */
    public static Model twoInputs() {
        KerasTensor input1 = Input.of(new int[] {10, 10}, "Input_1");
        KerasTensor input2 = Input.of(new int[] {10, 28}, "Input_2");
        KerasTensor hidden1 = new Dense(100, "relu").apply(input2);
        KerasTensor hidden2 = new Dense(10, "relu").apply(hidden1);
        KerasTensor concat = new Concatenate().apply(input1, hidden2);
        KerasTensor output = new Dense(1, "sigmoid", "output").apply(concat);
        return new Model(List.of(input1, input2), List.of(output));
    }

    /** One input, two outputs: 2,132 parameters. */
    public static Model twoOutputs() {
        KerasTensor input1 = Input.of(new int[] {10, 10}, "Input_1");
        KerasTensor hidden1 = new Dense(100, "relu").apply(input1);
        KerasTensor hidden2 = new Dense(10, "relu").apply(hidden1);
        KerasTensor output = new Dense(1, "sigmoid", "main_output").apply(hidden2);
        KerasTensor subOutput = new Dense(1, null, "sum_output").apply(hidden2);
        return new Model(List.of(input1), List.of(output, subOutput));
    }

    /** Two inputs, two outputs: 3,942 parameters. */
    public static Model twoInputsTwoOutputs() {
        KerasTensor input1 = Input.of(new int[] {10, 10}, "Input_1");
        KerasTensor input2 = Input.of(new int[] {10, 28}, "Input_2");
        KerasTensor hidden1 = new Dense(100, "relu").apply(input2);
        KerasTensor hidden2 = new Dense(10, "relu").apply(hidden1);
        KerasTensor concat = new Concatenate().apply(input1, hidden2);
        KerasTensor output = new Dense(1, "sigmoid", "main_output").apply(concat);
        KerasTensor subOutput = new Dense(1, null, "sub_output").apply(hidden2);
        return new Model(List.of(input1, input2), List.of(output, subOutput));
    }

    /** The seed's {@code Dense(10, activation='softmax', kernel_initializer='he_normal', name='Dense Layer')}. */
    public static Dense heNormalDense() {
        return Dense.builder(10).activation("softmax").kernelInitializer("he_normal").name("Dense Layer").build();
    }

    /** Prints every seed model's summary, each with fresh automatic names as in a new Keras session. */
    public static void main(String[] args) {
        for (java.util.function.Supplier<Model> s : List.<java.util.function.Supplier<Model>>of(
                SeedModels::sequentialWithAdd, SeedModels::sequentialFromList, SeedModels::functionalWithFlatten,
                SeedModels::concatenate, SeedModels::twoInputs, SeedModels::twoOutputs, SeedModels::twoInputsTwoOutputs,
                SubclassedModel::example)) {
            Names.clearSession();
            s.get().summary();
            System.out.println();
        }
    }
}
