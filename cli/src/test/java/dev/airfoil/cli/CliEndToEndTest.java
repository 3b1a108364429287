package dev.airfoil.cli;

import dev.airfoil.data.Npy;
import dev.airfoil.data.Npz;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end tests of the {@code airfoil} command: every case starts a fresh JVM running
 * {@code dev.airfoil.cli.AirfoilCommand} (the shaded jar's main class) on the test class path, as
 * a child process, and checks its exit status, standard output, standard error and the files it
 * writes. Setting the system property {@code airfoil.cli.jar} runs the real shaded jar instead
 * ({@code mvn -pl cli package} builds it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
    private static final String CONFIG = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"blobs_mlp\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4], \"dtype\": \"float32\", \"name\": \"features\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"hidden\", \"units\": 8, \"activation\": \"relu\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"probs\", \"units\": 3, \"activation\": \"softmax\"}}]}}";

    private Path dir;

    /** The result of one run. */
    record Run(int code, String out, String err) {
        /** Standard error without the JDK's incubator-module notice. */
        String errLines() {
            StringBuilder b = new StringBuilder();
            for (String l : err.split("\n")) {
                if (!l.startsWith("WARNING: Using incubator modules")) {
                    b.append(l).append('\n');
                }
            }
            return b.toString().trim();
        }
    }

    @BeforeAll
    void data() throws IOException {
        dir = Files.createTempDirectory("airfoil-cli-e2e");
        // three well-separated blobs in 4-D, 150 samples; labels int64
        Random r = new Random(7);
        int n = 150;
        float[] x = new float[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) ((j == c ? 3.0 : 0.0) + r.nextGaussian() * 0.5 + 10.0);
            }
        }
        Npy.write(dir.resolve("x.npy"), Tensor.of(x, n, 4));
        Npy.write(dir.resolve("y.npy"), Tensor.ofLongs(y, n));
        Npy.write(dir.resolve("x5.npy"), Tensor.zeros(10, 5));
        Files.writeString(dir.resolve("mlp.json"), CONFIG, StandardCharsets.UTF_8);
        Files.write(dir.resolve("corrupt.airfoil"), "this is not a zip archive".getBytes(StandardCharsets.UTF_8));
        StringBuilder csv = new StringBuilder("a,b,c,d,kind\n");
        String[] names = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                csv.append(x[i * 4 + j]).append(',');
            }
            csv.append(names[(int) y[i]]).append('\n');
        }
        Files.writeString(dir.resolve("blobs.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        String jar = System.getProperty("airfoil.cli.jar");
        if (jar != null && !jar.isBlank()) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("dev.airfoil.cli.AirfoilCommand");
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("airfoil " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static void assertError(Run r, int code, String expectedLine) {
        assertEquals(code, r.code(), () -> "exit status; stderr: " + r.err());
        String first = r.errLines().split("\n")[0];
        assertEquals(expectedLine, first, () -> "stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "no stack trace without --debug: " + r.err());
    }

    @Test
    @Order(1)
    void trainsAConfigOnNpyFiles() throws Exception {
        Run r = run("train", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy",
                "--metrics", "accuracy", "--epochs", "30", "--batch-size", "16", "--learning-rate", "0.01",
                "--standardize", "--validation-split", "0.2", "--csv-log", "log.csv", "--verbose", "2",
                "--seed", "1", "--save", "model.airfoil");
        assertEquals(0, r.code(), r::err);
        assertEquals("", r.errLines());
        assertTrue(r.out().contains("Epoch 30/30"), r::out);
        assertTrue(r.out().contains("Saved the model to model.airfoil"), r::out);
        assertTrue(Files.size(dir.resolve("model.airfoil")) > 0);
        assertTrue(Files.exists(dir.resolve("model.airfoil.preprocessing.json")));
        List<String> log = Files.readAllLines(dir.resolve("log.csv"));
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", log.get(0));
        assertEquals(31, log.size());
    }

    @Test
    @Order(2)
    void evaluatesTheSavedModel() throws Exception {
        Run r = run("evaluate", "model.airfoil", "--x", "x.npy", "--y", "y.npy", "--json");
        assertEquals(0, r.code(), r::err);
        assertTrue(r.out().contains("\"accuracy\""), r::out);
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*\"accuracy\" : ([0-9.]+).*", "$1"));
        assertTrue(acc > 0.9, "accuracy " + acc + " on three separated blobs");
        Run text = run("evaluate", "model.airfoil", "--x", "x.npy", "--y", "y.npy");
        assertEquals(0, text.code(), text::err);
        assertTrue(text.out().startsWith("Evaluated on --x x.npy --y y.npy (150 samples)\nloss: "), text::out);
    }

    @Test
    @Order(3)
    void continuesTrainingASavedModel() throws Exception {
        Run r = run("train", "model.airfoil", "--x", "x.npy", "--y", "y.npy", "--epochs", "2", "--verbose", "2",
                "--save", "more.airfoil");
        assertEquals(0, r.code(), r::err);
        assertTrue(r.out().contains("Continuing from epoch 30"), r::out);
        assertTrue(r.out().contains("Epoch 32/32"), r::out);
    }

    @Test
    @Order(4)
    void predictsToNpyNpzAndCsv() throws Exception {
        Run r = run("predict", "model.airfoil", "--input", "x.npy", "--output", "probs.npy");
        assertEquals(0, r.code(), r::err);
        assertEquals("Wrote probs (150, 3) to probs.npy", r.out().trim());
        Tensor p = Npy.read(dir.resolve("probs.npy"));
        assertArrayEquals(new int[] {150, 3}, p.shape());
        Run named = run("predict", "model.airfoil", "--input", "features=x.npy", "--output", "out.npz");
        assertEquals(0, named.code(), named::err);
        Map<String, Tensor> npz = Npz.read(dir.resolve("out.npz"));
        assertEquals(List.of("probs"), List.copyOf(npz.keySet()));
        assertArrayEquals(p.toFloatArray(), npz.get("probs").toFloatArray());
        Run classes = run("predict", "model.airfoil", "--input", "x.npy", "--output", "classes.csv", "--classes");
        assertEquals(0, classes.code(), classes::err);
        List<String> lines = Files.readAllLines(dir.resolve("classes.csv"));
        assertEquals("class", lines.get(0));
        assertEquals(151, lines.size());
    }

    @Test
    @Order(5)
    void trainsAndPredictsOnACsvWithTextLabels() throws Exception {
        Run r = run("train", "mlp.json", "--data", "blobs.csv", "--label", "kind", "--loss",
                "sparse_categorical_crossentropy", "--epochs", "20", "--learning-rate", "0.01", "--standardize",
                "--verbose", "0", "--save", "blobs.airfoil");
        assertEquals(0, r.code(), r::err);
        Run p = run("predict", "blobs.airfoil", "--input", "blobs.csv", "--output", "kinds.csv", "--classes");
        assertEquals(0, p.code(), p::err);
        List<String> lines = Files.readAllLines(dir.resolve("kinds.csv"));
        assertEquals("class", lines.get(0));
        // the labels sort to blue, green, red; the first rows are red, green, blue
        assertEquals(List.of("red", "green", "blue"), lines.subList(1, 4));
    }

    @Test
    @Order(6)
    void convertsSummarisesAndPlots() throws Exception {
        Run c = run("convert", "model.airfoil", "model.keras");
        assertEquals(0, c.code(), c::err);
        assertEquals("Converted model.airfoil to model.keras", c.out().trim());
        Run back = run("convert", "model.keras", "again.airfoil");
        assertEquals(0, back.code(), back::err);
        Run p1 = run("predict", "again.airfoil", "--input", "x.npy", "--output", "again.npy");
        assertEquals(0, p1.code(), p1::err);
        assertArrayEquals(Npy.read(dir.resolve("probs.npy")).toFloatArray(),
                Npy.read(dir.resolve("again.npy")).toFloatArray(), 1e-6f);
        Run data = run("convert", "blobs.csv", "blobs.npz", "--label", "kind");
        assertEquals(0, data.code(), data::err);
        assertEquals("Converted blobs.csv to blobs.npz: x (150, 4) float32, y (150,) int64", data.out().trim());

        Run s = run("summary", "mlp.json");
        assertEquals(0, s.code(), s::err);
        assertTrue(s.out().contains("Model: \"blobs_mlp\""), s::out);
        assertTrue(s.out().contains("Total params: 67"), s::out);
        Run png = run("plot", "model.airfoil", "-o", "model.png", "--show-shapes", "--rankdir", "LR");
        assertEquals(0, png.code(), png::err);
        byte[] head = Files.readAllBytes(dir.resolve("model.png"));
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        Run dot = run("plot", "mlp.json", "-o", "model.dot");
        assertEquals(0, dot.code(), dot::err);
        assertTrue(Files.readString(dir.resolve("model.dot")).contains("digraph"));
    }

    @Test
    @Order(7)
    void listsDatasetsAndVersion() throws Exception {
        Run d = run("datasets");
        assertEquals(0, d.code(), d::err);
        for (String name : List.of("mnist-10k", "iris", "wine", "breast-cancer", "digits", "diabetes")) {
            assertTrue(d.out().contains(name), name);
        }
        assertTrue(d.out().contains("x_train (8000, 28, 28) float32"), d::out);
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("airfoil "), v::out);
    }

    /** Help text is checked in-process (same {@code execute} entry point) to keep the suite fast. */
    private static Run inProcess(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = AirfoilCommand.execute(args, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Order(8)
    void everyCommandHasHelpWithAnExample() throws Exception {
        Run root = run("--help");
        assertEquals(0, root.code());
        List<String> commands = new ArrayList<>();
        boolean in = false;
        for (String l : root.out().split("\n")) {
            if (l.startsWith("Commands:")) {
                in = true;
            } else if (in && l.matches("  [a-z-]+ .*")) {
                commands.add(l.trim().split(" ")[0]);
            } else if (in && l.isBlank()) {
                break;
            }
        }
        assertTrue(commands.containsAll(List.of("demo", "datasets", "summary", "plot", "train", "evaluate", "predict",
                "convert")), commands::toString);
        for (String c : commands) {
            if (c.equals("help") || c.equals("bench")) {
                continue;
            }
            Run h = inProcess(c, "--help");
            assertEquals(0, h.code(), c);
            assertTrue(h.out().contains("Example") && h.out().contains("airfoil " + c), c + ": " + h.out());
        }
    }

    @Test
    @Order(9)
    void missingFile() throws Exception {
        assertError(run("evaluate", "nothere.airfoil", "--x", "x.npy", "--y", "y.npy"), 1,
                "error: model file not found: nothere.airfoil (check the path)");
        assertError(run("train", "mlp.json", "--x", "missing.npy", "--y", "y.npy", "--loss", "mse", "--save", "o.airfoil"),
                1, "error: --x: file not found: missing.npy (check the path)");
    }

    @Test
    @Order(10)
    void wrongShape() throws Exception {
        assertError(run("train", "mlp.json", "--x", "x5.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy",
                "--save", "o.airfoil"), 1, "error: --x x5.npy has 10 samples but --y y.npy has 150; give features and"
                + " targets with the same number of rows");
        assertError(run("predict", "mlp.json", "--input", "x5.npy", "--output", "p.npy"), 1,
                "error: --input x5.npy has shape (10, 5) (samples of shape (5,)) but model input 'features' expects"
                        + " (None, 4) (samples of shape (4,)); give data that fit the model, or a model that fits the data");
    }

    @Test
    @Order(11)
    void unknownLoss() throws Exception {
        Run r = run("train", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--loss", "squared_eror", "--save", "o.airfoil");
        assertEquals(1, r.code());
        assertTrue(r.errLines().startsWith("error: --loss squared_eror: Unknown loss 'squared_eror'. Known: "),
                r::err);
        assertEquals(1, r.errLines().split("\n").length, r::err);
        assertFalse(Files.exists(dir.resolve("o.airfoil")));
    }

    @Test
    @Order(12)
    void corruptModel() throws Exception {
        assertError(run("evaluate", "corrupt.airfoil", "--x", "x.npy", "--y", "y.npy"), 1,
                "error: cannot load model 'corrupt.airfoil': Invalid model file: entry 'corrupt.airfoil', field 'zip"
                        + " directory': not a readable zip archive (zip END header not found); the file may be truncated"
                        + " or not an .airfoil file");
        Run debug = run("summary", "corrupt.airfoil", "--debug");
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace");
    }

    @Test
    @Order(12)
    void aDamagedH5FileIsOneLineWithoutLoggingNoise() throws Exception {
        byte[] h5 = new byte[512];
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, h5, 0, signature.length);
        java.util.Arrays.fill(h5, signature.length, h5.length, (byte) 0x7f);
        Files.write(dir.resolve("damaged.h5"), h5);
        Run r = run("summary", "damaged.h5");
        assertEquals(1, r.code(), r::err);
        assertFalse(r.err().contains("SLF4J"), r::err);
        assertEquals(1, r.errLines().split("\n").length, r::err);
        assertTrue(r.errLines().startsWith("error: cannot load model 'damaged.h5': "), r::err);
    }

    @Test
    @Order(13)
    void usageErrorsExitWithTwo() throws Exception {
        assertError(run("train", "mlp.json", "--x", "x.npy", "--save", "o.airfoil"), 2,
                "error: Missing required argument(s): --y=FILE");
        assertError(run("train", "mlp.json", "--data", "iris", "--x", "x.npy", "--y", "y.npy", "--save", "o.airfoil"),
                2, "error: give only one of --data or --x --y");
        assertError(inProcess("train", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--data", "iris", "--save", "o.airfoil"),
                2, "error: give only one of --data or --x --y");
        assertError(run("train", "mlp.json", "--data", "iris", "--epochs", "0", "--save", "o.airfoil"), 2,
                "error: --epochs must be a positive number, got 0");
        assertError(run("frobnicate"), 2, "error: Unmatched argument at index 0: 'frobnicate'");
        Run r = run("train", "mlp.json", "--data", "iris", "--epochs", "two", "--save", "o.airfoil");
        assertEquals(2, r.code());
        assertTrue(r.errLines().contains("Try 'airfoil train --help' for usage."), r::err);
    }

    @Test
    @Order(14)
    void crossValidatesAsJson() throws Exception {
        Run r = run("cv", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy",
                "--folds", "3", "--epochs", "15", "--learning-rate", "0.01", "--standardize", "--json");
        assertEquals(0, r.code(), r::err);
        assertTrue(r.out().contains("\"folds\"") && r.out().contains("\"mean\"") && r.out().contains("\"accuracy\""),
                r::out);
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*\"mean\" : \\{[^}]*\"accuracy\" : ([0-9.]+).*", "$1"));
        assertTrue(acc > 0.8, "mean cross-validated accuracy " + acc);
    }

    @Test
    @Order(15)
    void baggingAndBoostingReportEnsembleAgainstOneCopy() throws Exception {
        String[] common = {"--x", "x.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy", "--estimators", "3",
            "--epochs", "15", "--learning-rate", "0.01", "--standardize", "--seed", "3", "--json"};
        Run bag = run(concat(new String[] {"bagging", "mlp.json"}, common));
        assertEquals(0, bag.code(), bag::err);
        assertEquals("", bag.errLines());
        for (String key : List.of("single_model_test", "bagging_test", "bagging_out_of_bag")) {
            double v = number(bag.out(), key);
            assertTrue(v > 0.8 && v <= 1.0, key + " " + v + " on three separated blobs: " + bag.out());
        }
        assertEquals(3, (int) number(bag.out(), "estimators"), bag::out);
        assertEquals(120, (int) number(bag.out(), "train_samples"), bag::out);
        assertEquals(30, (int) number(bag.out(), "test_samples"), bag::out);

        Run boost = run(concat(new String[] {"boosting", "mlp.json"}, common));
        assertEquals(0, boost.code(), boost::err);
        double test = number(boost.out(), "boosting_test");
        assertTrue(test > 0.8 && test <= 1.0, "boosting_test " + test + ": " + boost.out());
        int used = (int) number(boost.out(), "members_used");
        assertTrue(used >= 1 && used <= 3, boost::out);

        Run table = run("bagging", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy",
                "--estimators", "2", "--epochs", "2");
        assertEquals(0, table.code(), table::err);
        assertTrue(table.out().contains("bagging_test") && table.out().contains("single_model_test"), table::out);

        assertError(run("bagging", "mlp.json", "--x", "x.npy", "--y", "y.npy", "--loss", "sparse_categorical_crossentropy",
                "--estimators", "0"), 1, "error: --estimators must be at least 1, got 0");
    }

    /** A number printed by a --json command under {@code key}. */
    private static double number(String json, String key) {
        String v = json.replaceAll("(?s).*\"" + key + "\" : (-?[0-9.Ee+-]+).*", "$1");
        return Double.parseDouble(v);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
