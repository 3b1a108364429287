package dev.airfoil.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs the CLI refuses with one line naming the file, before any work: training data holding NaN
 * or an infinity (which would silently save a model of NaN weights), a CSV file with a header but
 * no rows, an untrained config JSON given to predict or evaluate (random weights), and a
 * {@code --backup-dir} that is a file. Runs in-process through {@link AirfoilCommand#execute} to stay fast.
 */
class DataChecksTest {
    private static final String CONFIG = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 2], \"name\": \"features\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"probs\", \"units\": 2, \"activation\": \"softmax\"}}]}}";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("tiny.json"), CONFIG, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nan.csv"), "a,b,y\n0,1,0\n1,nan,1\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("inf_target.csv"), "a,b,y\n0,1,0.5\n1,0,inf\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("header.csv"), "a,b,y\n", StandardCharsets.UTF_8);
    }

    private static String[] firstErrorLine(String... args) {
        StringWriter err = new StringWriter();
        int code = AirfoilCommand.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), err.toString().split("\n")[0], err.toString()};
    }

    private void assertError(String expected, String... args) {
        String[] r = firstErrorLine(args);
        assertEquals("1", r[0], r[2]);
        assertEquals("error: " + expected, r[1]);
        assertFalse(r[2].contains("\tat "), r[2]);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void trainingDataWithNanOrInfinityIsRefusedNamingSampleAndFeature() {
        String tail = "; training on NaN or infinite values makes every weight NaN, so remove or fill in those values first";
        assertError(p("nan.csv") + ": the features hold NaN at sample 1 (counting from 0), feature 'b' (column 1)" + tail,
                "train", p("tiny.json"), "--data", p("nan.csv"), "--loss", "sparse_categorical_crossentropy",
                "--verbose", "0", "--save", p("m.airfoil"));
        assertFalse(Files.exists(dir.resolve("m.airfoil")), "no model of NaN weights is saved");
        assertError(p("inf_target.csv") + ": the targets hold Infinity at sample 1 (counting from 0)" + tail,
                "train", p("tiny.json"), "--data", p("inf_target.csv"), "--loss", "mse", "--verbose", "0",
                "--save", p("m.airfoil"));
        assertError(p("nan.csv") + ": the features hold NaN at sample 1 (counting from 0), feature 'b' (column 1)" + tail,
                "cv", p("tiny.json"), "--data", p("nan.csv"), "--loss", "sparse_categorical_crossentropy");
    }

    @Test
    void aCsvWithOnlyAHeaderNamesTheFile() {
        String msg = p("header.csv") + ": the file has a header but no data rows; add one row per sample below the header";
        assertError(msg, "train", p("tiny.json"), "--data", p("header.csv"), "--loss", "sparse_categorical_crossentropy",
                "--verbose", "0", "--save", p("m.airfoil"));
        assertError(msg, "convert", p("header.csv"), p("x.npy"));
    }

    @Test
    void predictAndEvaluateRefuseAnUntrainedArchitecture() throws IOException {
        Files.writeString(dir.resolve("x.csv"), "a,b\n0,1\n1,0\n", StandardCharsets.UTF_8);
        String tail = " is an architecture (a Keras config JSON) whose weights are random; train it first (airfoil train "
                + p("tiny.json") + " ... --save model.airfoil) and give the saved model";
        assertError("predict needs a trained model, but " + p("tiny.json") + tail,
                "predict", p("tiny.json"), "--input", p("x.csv"), "--output", p("p.npy"));
        assertFalse(Files.exists(dir.resolve("p.npy")), "no predictions from random weights");
        Files.writeString(dir.resolve("xy.csv"), "a,b,y\n0,1,0\n1,0,1\n", StandardCharsets.UTF_8);
        assertError("evaluate needs a trained model, but " + p("tiny.json") + tail,
                "evaluate", p("tiny.json"), "--data", p("xy.csv"), "--loss", "sparse_categorical_crossentropy");
    }

    @Test
    void aBackupDirThatIsAFileIsRefusedBeforeTraining() throws IOException {
        Path file = dir.resolve("not_a_dir");
        Files.writeString(file, "x", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ok.csv"), "a,b,y\n0,1,0\n1,0,1\n", StandardCharsets.UTF_8);
        assertError("--backup-dir " + file.resolve("latest.airfoil") + ": '" + file + "' is a file, not a folder;"
                + " choose another path", "train", p("tiny.json"), "--data", p("ok.csv"), "--loss",
                "sparse_categorical_crossentropy", "--verbose", "0", "--backup-dir", file.toString(), "--save",
                p("m.airfoil"));
        assertFalse(Files.exists(dir.resolve("m.airfoil")));
    }

    @Test
    void aFolderGivenAsADataFileIsNamedWithItsOption() throws IOException {
        Files.createDirectories(dir.resolve("x.npy"));
        Files.createDirectories(dir.resolve("d.csv"));
        Files.createDirectories(dir.resolve("in.npz"));
        String tail = " is a directory; give a data file (.npy, .npz, .csv or IDX)";
        assertError("--x: " + p("x.npy") + tail, "train", p("tiny.json"), "--x", p("x.npy"), "--y", p("x.npy"),
                "--loss", "mse", "--save", p("m.airfoil"));
        assertError("--data: " + p("d.csv") + tail, "train", p("tiny.json"), "--data", p("d.csv"), "--loss", "mse",
                "--save", p("m.airfoil"));
        assertError("--input: " + p("d.csv") + tail, "predict", p("tiny.json"), "--input", p("d.csv"), "--output",
                p("p.npy"));
        assertError("IN: " + p("in.npz") + tail, "convert", p("in.npz"), p("out.npz"));
    }

    @Test
    void aCsvWithAnotherSeparatorSaysSo() throws IOException {
        Files.writeString(dir.resolve("semi.csv"), "a;b;y\n0;1;0\n1;0;1\n", StandardCharsets.UTF_8);
        assertError(p("semi.csv") + ": the file has no feature columns besides the label; the first line is separated"
                + " by ';' but this file is read as comma-separated (by its extension: .csv comma, .tsv tab); convert the"
                + " separators or rename the file", "train", p("tiny.json"), "--data", p("semi.csv"), "--loss",
                "sparse_categorical_crossentropy", "--verbose", "0", "--save", p("m.airfoil"));
    }

    @Test
    void utf16AndUtf8WithByteOrderMarkCsvFilesAreRead() throws Exception {
        // Excel's "Unicode text" / PowerShell: UTF-16LE with a mark; Windows tools: UTF-8 with a mark
        byte[] body = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] u16 = new byte[body.length + 2];
        u16[0] = (byte) 0xff;
        u16[1] = (byte) 0xfe;
        System.arraycopy(body, 0, u16, 2, body.length);
        Files.write(dir.resolve("u16.csv"), u16);
        // no header: the mark must not make the first cell look like a column name
        Files.writeString(dir.resolve("bom.csv"), "\uFEFF1,2\n3,4\n", StandardCharsets.UTF_8);
        for (String name : new String[] {"u16.csv", "bom.csv"}) {
            String[] r = firstErrorLine("convert", p(name), p(name + ".npy"));
            assertEquals("0", r[0], r[2]);
            dev.airfoil.tensor.Tensor x = dev.airfoil.data.Npy.read(dir.resolve(name + ".npy"));
            assertEquals(java.util.List.of(2, 2), java.util.Arrays.stream(x.shape()).boxed().toList(), name);
            assertEquals(java.util.List.of(1.0, 2.0, 3.0, 4.0), java.util.Arrays.stream(x.toDoubleArray()).boxed().toList(),
                    name);
        }
        byte[] unmarked = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE);
        Files.write(dir.resolve("raw16.csv"), unmarked);
        String[] r = firstErrorLine("convert", p("raw16.csv"), p("raw16.npy"));
        assertEquals("1", r[0], r[2]);
        assertTrue(r[1].contains(p("raw16.csv")) && r[1].contains("UTF-16") && r[1].contains("save it as UTF-8"), r[1]);
    }
}
