package dev.airfoil.callbacks;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A training program for the kill-and-restart test ({@link BackupAndRestoreKillTest}): trains a
 * small model with {@link BackupAndRestore} and an appending {@link CSVLogger}, printing Keras's
 * one-line-per-epoch progress, and writes the final weights. Started again with the same
 * arguments after being killed, it continues from its backup.
 *
 * <p>Arguments: work folder, epochs, milliseconds to sleep after each batch (to give the test time
 * to kill it at arbitrary moments; sleeping does not change any number).
 */
public final class ResumableTrainingMain {
    private ResumableTrainingMain() {
    }

    /** The model every run builds: same architecture, same seeded initial weights. */
    static Sequential model() {
        Sequential m = new Sequential(List.of(new Dense(16, "tanh", "hidden"), new Dense(3, null, "out")), "resumable");
        m.build(new int[] {-1, 5});
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    static final Tensor X = Tensor.randomUniform(11, -1, 1, 96, 5);
    static final Tensor Y = Tensor.randomNormal(12, 0, 1, 96, 3);

    /**
     * Runs the training.
     *
     * @param args work folder, epochs, sleep per batch in ms
     * @throws Exception on any failure (the test reads the exit status)
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        long sleepMs = Long.parseLong(args[2]);
        Sequential model = model();
        Callback slow = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (sleepMs > 0) {
                    try {
                        Thread.sleep(sleepMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        model.fit(X, Y, FitOptions.builder().epochs(epochs).batchSize(16).verbose(2)
                .callbacks(new BackupAndRestore(work.resolve("backup")),
                        new CSVLogger(work.resolve("log.csv"), ",", true), slow)
                .build());
        model.saveWeights(work.resolve("final.weights.safetensors"));
        System.out.println("DONE");
    }
}
