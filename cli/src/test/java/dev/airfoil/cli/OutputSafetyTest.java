package dev.airfoil.cli;

import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output files of the CLI: every one is written atomically (a failure midway keeps the previous
 * file), and an output path that cannot be written is refused up front with the option named,
 * before any training. Runs in-process through {@link AirfoilCommand#execute} to stay fast.
 */
class OutputSafetyTest {
    private static final String CONFIG = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 2], \"name\": \"features\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"probs\", \"units\": 2, \"activation\": \"softmax\"}}]}}";

    @TempDir
    Path dir;
    private Path blocker;

    /** The result of one in-process run. */
    private record Run(int code, String err) {
        String firstLine() {
            return err.split("\n")[0];
        }
    }

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("tiny.json"), CONFIG, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data.csv"), "a,b,y\n0,1,0\n1,0,1\n0,2,0\n2,0,1\n", StandardCharsets.UTF_8);
        blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a regular file", StandardCharsets.UTF_8);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AirfoilCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private void assertRefused(Run r, String expected) {
        assertEquals(1, r.code(), r::err);
        assertEquals("error: " + expected, r.firstLine());
        assertFalse(r.err().contains("\tat "), r::err);
    }

    @Test
    void csvOutputThatFailsMidwayKeepsThePreviousFile() throws IOException {
        Path f = dir.resolve("pred.csv");
        Files.writeString(f, "class\nred\n", StandardCharsets.UTF_8);
        List<String> failingNames = new AbstractList<>() {
            @Override
            public String get(int i) {
                throw new IllegalStateException("simulated failure while writing");
            }

            @Override
            public int size() {
                return 2;
            }
        };
        Tensor classes = Tensor.ofLongs(new long[] {0, 1, 0}, 3);
        assertThrows(IllegalStateException.class, () -> TensorFiles.writeCsv(f, Map.of("class", classes), failingNames));
        assertEquals("class\nred\n", Files.readString(f), "the previous predictions are intact");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(x -> x.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void trainRefusesAnUnwritableSaveOrLogPathBeforeTraining() {
        String save = p("blocker/sub/model.airfoil");
        assertRefused(run("train", p("tiny.json"), "--data", p("data.csv"), "--loss", "sparse_categorical_crossentropy",
                "--epochs", "1", "--verbose", "0", "--save", save),
                "--save " + save + ": '" + blocker + "' is a file, not a folder; choose another path");
        String log = p("blocker/log.csv");
        assertRefused(run("train", p("tiny.json"), "--data", p("data.csv"), "--loss", "sparse_categorical_crossentropy",
                "--epochs", "1", "--verbose", "0", "--csv-log", log, "--save", p("ok.airfoil")),
                "--csv-log " + log + ": '" + blocker + "' is a file, not a folder; choose another path");
        assertFalse(Files.exists(dir.resolve("ok.airfoil")), "nothing trained or saved");
    }

    @Test
    void demoRefusesAnOutputDirThatIsAFileBeforeTraining() {
        Path curves = blocker.resolve("learning_curves.png");
        assertRefused(run("demo", "--epochs", "1", "--verbose", "0", "--output-dir", blocker.toString()),
                "--output-dir " + curves + ": '" + blocker + "' is a file, not a folder; choose another path");
    }

    @Test
    void aFolderThatTakesNoFilesIsNamedWithTheOption() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc only");
        assertRefused(run("train", p("tiny.json"), "--data", p("data.csv"), "--loss", "sparse_categorical_crossentropy",
                "--epochs", "1", "--verbose", "0", "--save", "/proc/model.airfoil"),
                "--save /proc/model.airfoil: cannot write to the folder '/proc' (it does not accept new files); choose"
                        + " a writable location");
    }

    @Test
    void predictPlotAndConvertNameTheirOutputOption() throws IOException {
        assertEquals(0, run("train", p("tiny.json"), "--data", p("data.csv"), "--loss", "sparse_categorical_crossentropy",
                "--epochs", "1", "--verbose", "0", "--save", p("m.airfoil")).code());
        String bad = p("blocker/out.csv");
        String why = ": '" + blocker + "' is a file, not a folder; choose another path";
        assertRefused(run("predict", p("m.airfoil"), "--input", p("data.csv"), "--output", bad), "--output " + bad + why);
        String png = p("blocker/m.png");
        assertRefused(run("plot", p("m.airfoil"), "-o", png), "-o " + png + why);
        String keras = p("blocker/m.keras");
        assertRefused(run("convert", p("m.airfoil"), keras), "OUT " + keras + why);
        assertRefused(run("convert", p("data.csv"), bad), "OUT " + bad + why);
        assertEquals("a regular file", Files.readString(blocker));
    }
}
