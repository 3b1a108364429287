package dev.airfoil.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the data of {@code train}, {@code evaluate} and the generalisation commands come from:
 * either {@code --data NAME[:split]} (a bundled data set, or a {@code .csv} / {@code .npz} file) or
 * both {@code --x FILE} and {@code --y FILE}. picocli enforces that exactly one of them is given.
 */
public final class DataOptions {
    /** {@code --data}: a bundled data set name with an optional split, or a data file. */
    @Option(names = "--data", paramLabel = "NAME[:split]|FILE",
            description = {"A bundled data set (see 'airfoil datasets'), optionally with :train or :test",
                "(mnist-10k:test; tables like iris:train / iris:test use a fixed stratified 80/20 split),",
                "or a .csv file (label column from --label, default the last) or a .npz file holding x and y",
                "(or x_train, y_train, x_test, y_test; file.npz:test picks the test part)."})
    String data;

    /** {@code --x} and {@code --y} together. */
    @ArgGroup(exclusive = false)
    XY xy;

    /** The pair {@code --x FILE --y FILE}. */
    public static final class XY {
        /** {@code --x}: the features. */
        @Option(names = "--x", required = true, paramLabel = "FILE",
                description = "Features: .npy, .npz:NAME, .csv (all columns) or IDX.")
        String x;

        /** {@code --y}: the targets. */
        @Option(names = "--y", required = true, paramLabel = "FILE",
                description = "Targets: .npy, .npz:NAME, a one-column .csv or IDX.")
        String y;
    }
}
