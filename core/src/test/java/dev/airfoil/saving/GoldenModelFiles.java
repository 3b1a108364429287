package dev.airfoil.saving;

import dev.airfoil.data.Npy;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the golden model files under {@code core/src/test/resources/golden/models/} that
 * {@link GoldenModelFilesTest} reads: a two-input functional model and a trained, compiled
 * Sequential model, each with its inputs and predictions as {@code .npy}. Run once per format
 * version (never to "fix" a failing golden test — a failure means old files no longer load):
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:$(deps) dev.airfoil.saving.GoldenModelFiles core/src/test/resources/golden/models
 * </pre>
 */
public final class GoldenModelFiles {
    private GoldenModelFiles() {
    }

    /**
     * Writes the files.
     *
     * @param args the output folder
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Seeds.setGlobalSeed(2026);

        KerasTensor a = Input.of(new int[] {3}, "input_a");
        KerasTensor b = Input.of(new int[] {2}, "input_b");
        KerasTensor ha = new Dense(4, "relu", "dense_a").apply(a);
        KerasTensor hb = new Dense(4, "tanh", "dense_b").apply(b);
        KerasTensor sum = new Add().apply(ha, hb);
        KerasTensor cat = new Concatenate().apply(sum, hb);
        Model functional = new Model(List.of(a, b), List.of(new Dense(2, "softmax", "probs").apply(cat)), "golden_functional");
        Tensor xa = Tensor.randomUniform(1, -2, 2, 5, 3);
        Tensor xb = Tensor.randomUniform(2, -2, 2, 5, 2);
        functional.save(out.resolve("functional_v1.airfoil"));
        Npy.write(out.resolve("functional_v1_input_a.npy"), xa);
        Npy.write(out.resolve("functional_v1_input_b.npy"), xb);
        Npy.write(out.resolve("functional_v1_predictions.npy"), functional.predict(List.of(xa, xb), 32).get(0));

        Sequential seq = new Sequential(List.of(new Dense(6, "relu", "hidden"), new Dense(1, null, "output")),
                "golden_sequential");
        seq.build(new int[] {-1, 4});
        seq.compile(CompileOptions.builder().optimizer(new Adam(0.01)).loss("mse").metrics("mae").build());
        Tensor x = Tensor.randomUniform(3, -1, 1, 16, 4);
        Tensor y = Tensor.randomUniform(4, -1, 1, 16, 1);
        seq.fit(x, y, FitOptions.builder().epochs(3).batchSize(8).seed(5).verbose(0).build());
        seq.save(out.resolve("sequential_v1.airfoil"));
        Npy.write(out.resolve("sequential_v1_x.npy"), x);
        Npy.write(out.resolve("sequential_v1_y.npy"), y);
        Npy.write(out.resolve("sequential_v1_predictions.npy"), seq.predict(x));
        // what one more epoch gives, from the saved optimizer state and shuffle seed
        seq.fit(x, y, FitOptions.builder().epochs(4).initialEpoch(3).batchSize(8).seed(5).verbose(0).build());
        Npy.write(out.resolve("sequential_v1_predictions_after_epoch4.npy"), seq.predict(x));
        System.out.println("golden model files written to " + out);
    }
}
