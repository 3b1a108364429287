package dev.airfoil.cli;

import dev.airfoil.data.CsvData;
import dev.airfoil.data.CsvReader;
import dev.airfoil.data.Dataset;
import dev.airfoil.data.DatasetInfo;
import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.data.Npz;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Loads the data named by {@link DataOptions}. */
final class DataLoader {
    /** The seed of the fixed train/test split of bundled tables ({@code iris:train}, {@code iris:test}). */
    static final long TABLE_SPLIT_SEED = 42;
    /** The test fraction of that split. */
    static final double TABLE_TEST_FRACTION = 0.2;

    private DataLoader() {
    }

    /**
     * Loads features and targets.
     *
     * @param opts         the options
     * @param defaultSplit {@code "train"} or {@code "test"}: the part of a data set with a predefined
     *                     split used when none is named
     * @param label        the label column of a CSV file (a name or a 0-based index; null for the last)
     */
    static LabeledData load(DataOptions opts, String defaultSplit, String label) throws IOException {
        if (opts.xy != null) {
            if (label != null) {
                throw new CliException("--label applies to --data FILE.csv; with --x/--y the targets come from --y");
            }
            Tensor x = TensorFiles.read(opts.xy.x, "--x");
            Tensor y = TensorFiles.readLabels(opts.xy.y, "--y");
            checkSameLength(x, y, "--x " + opts.xy.x, "--y " + opts.xy.y);
            return new LabeledData(x, y, "--x " + opts.xy.x + " --y " + opts.xy.y, "--x " + opts.xy.x,
                    List.of(), List.of(), null);
        }
        String spec = opts.data;
        if (TensorFiles.isCsv(spec)) {
            return csv(Path.of(spec), label);
        }
        if (label != null) {
            throw new CliException("--label applies to CSV files only; '" + spec + "' is not a .csv file");
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npz") || lower.contains(".npz:")) {
            return npz(spec, defaultSplit);
        }
        if (spec.contains("/") || spec.contains("\\") || spec.contains(".")) {
            if (!Files.exists(Path.of(spec))) {
                throw new CliException("--data: file not found: " + spec + " (give a bundled data set name, see"
                        + " 'airfoil datasets', or a .csv or .npz file)");
            }
            throw new CliException("--data: cannot read '" + spec + "'; give a .csv or .npz file, or --x FILE --y FILE");
        }
        return bundled(spec, defaultSplit);
    }

    private static LabeledData csv(Path file, String label) throws IOException {
        if (!Files.exists(file)) {
            throw new CliException("--data: file not found: " + file + " (check the path)");
        }
        TensorFiles.requireRegularFile(file, "--data");
        CsvReader r = TensorFiles.csvReader(file);
        if (label == null) {
            r = r.withLabelColumn(-1);
        } else if (label.matches("-?\\d+")) {
            r = r.withLabelColumn(Integer.parseInt(label));
        } else {
            r = r.withLabelColumn(label);
        }
        CsvData d = TensorFiles.readCsv(r, file);
        return new LabeledData(d.features(), d.labels(), file.toString(), file.toString(), d.classNames(),
                d.featureNames(), d.labelName());
    }

    private static LabeledData npz(String spec, String defaultSplit) throws IOException {
        Npz.Address a = Npz.parseAddress(spec);
        if (!Files.exists(a.file())) {
            throw new CliException("--data: file not found: " + a.file() + " (check the path)");
        }
        TensorFiles.requireRegularFile(a.file(), "--data");
        Map<String, Tensor> all = Npz.read(a.file());
        String part = a.arrayName();
        String xKey;
        String yKey;
        if (part == null && all.containsKey("x") && all.containsKey("y")) {
            xKey = "x";
            yKey = "y";
        } else {
            String p = part == null ? defaultSplit : part;
            if (!p.equals("train") && !p.equals("test")) {
                throw new CliException("--data " + spec + ": the part must be :train or :test, got ':" + p + "'");
            }
            xKey = "x_" + p;
            yKey = "y_" + p;
        }
        if (!all.containsKey(xKey) || !all.containsKey(yKey)) {
            throw new CliException("--data " + spec + ": the archive holds " + all.keySet() + " but needs '" + xKey
                    + "' and '" + yKey + "' (x and y, or x_train, y_train, x_test, y_test); or use --x FILE.npz:NAME"
                    + " --y FILE.npz:NAME");
        }
        Tensor x = all.get(xKey);
        Tensor y = all.get(yKey);
        checkSameLength(x, y, a.file() + ":" + xKey, a.file() + ":" + yKey);
        return new LabeledData(x, y, spec, a.file() + ":" + xKey, List.of(), List.of(), null);
    }

    private static LabeledData bundled(String spec, String defaultSplit) {
        String name = spec;
        String part = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            name = spec.substring(0, colon);
            part = spec.substring(colon + 1);
            if (!part.equals("train") && !part.equals("test")) {
                throw new CliException("--data " + spec + ": the split must be :train or :test, got ':" + part + "'");
            }
        }
        DatasetInfo info;
        try {
            info = Datasets.info(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--data " + spec + ": " + e.getMessage() + " For a file, give its path with the"
                    + " extension (.csv or .npz).", e);
        }
        if (info.hasTestSplit()) {
            String p = part == null ? defaultSplit : part;
            DatasetSplit s = Datasets.load(info.name());
            boolean train = p.equals("train");
            return new LabeledData(train ? s.xTrain() : s.xTest(), train ? s.yTrain() : s.yTest(),
                    info.name() + ":" + p, info.name() + ":" + p, info.classNames(), info.featureNames(), null);
        }
        Dataset d = Datasets.loadTable(info.name());
        if (part == null) {
            return new LabeledData(d.x(), d.y(), info.name(), info.name(), info.classNames(), info.featureNames(), null);
        }
        Splits.Split split = Splits.trainTest(d.y(), TABLE_TEST_FRACTION, TABLE_SPLIT_SEED,
                info.task() == DatasetInfo.Task.CLASSIFICATION);
        int[] idx = shuffled(part.equals("train") ? split.train() : split.test(), TABLE_SPLIT_SEED);
        return new LabeledData(Arrays2.rows(d.x(), idx), Arrays2.rows(d.y(), idx), info.name() + ":" + part,
                info.name() + ":" + part, info.classNames(), info.featureNames(), null);
    }

    /**
     * The indices in a seeded random order: the split returns them sorted, and the bundled tables are
     * sorted by class, so a Keras-style {@code --validation-split} (the last samples) would otherwise
     * hold out a single class.
     */
    static int[] shuffled(int[] idx, long seed) {
        int[] a = idx.clone();
        java.util.Random r = new java.util.Random(seed);
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * Refuses training data holding NaN or an infinity: one such value makes the loss NaN and, after
     * the first gradient step, every weight, so training would save a model that only predicts NaN.
     * Integer data cannot hold them and are not scanned.
     *
     * @param d the features and targets to train on
     */
    static void requireFinite(LabeledData d) {
        requireFinite(d.x(), d.xName(), "features", d.featureNames());
        requireFinite(d.y(), d.source(), "targets", List.of());
    }

    /**
     * Refuses one array holding NaN or an infinity, naming the sample and the feature.
     *
     * @param t            the array (samples first)
     * @param where        where it came from, for the message
     * @param what         {@code "features"} or {@code "targets"}
     * @param featureNames names of the features of a 2-D array (empty when unknown)
     */
    static void requireFinite(Tensor t, String where, String what, List<String> featureNames) {
        if (!t.dtype().isFloating() || t.rank() == 0) {
            return;
        }
        float[] v = t.cast(dev.airfoil.tensor.DType.FLOAT32).toFloatArray();
        int perSample = Math.max(1, v.length / Math.max(1, t.dim(0)));
        for (int i = 0; i < v.length; i++) {
            if (Float.isFinite(v[i])) {
                continue;
            }
            int sample = i / perSample;
            int feature = i % perSample;
            String column = perSample == 1 ? "" : t.rank() == 2 && feature < featureNames.size()
                    ? ", feature '" + featureNames.get(feature) + "' (column " + feature + ")"
                    : ", value " + feature + " of the sample";
            throw new CliException(where + ": the " + what + " hold " + v[i] + " at sample " + sample
                    + " (counting from 0)" + column + "; training on NaN or infinite values makes every weight NaN,"
                    + " so remove or fill in those values first");
        }
    }

    static void checkSameLength(Tensor x, Tensor y, String xName, String yName) {
        if (x.rank() == 0 || y.rank() == 0) {
            throw new CliException((x.rank() == 0 ? xName : yName) + " is a scalar; give one row per sample");
        }
        if (x.dim(0) != y.dim(0)) {
            throw new CliException(xName + " has " + x.dim(0) + " samples but " + yName + " has " + y.dim(0)
                    + "; give features and targets with the same number of rows");
        }
    }
}
