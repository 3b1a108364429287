package dev.airfoil.cli;

import dev.airfoil.data.CsvData;
import dev.airfoil.data.Npz;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code airfoil convert}: converts a model between Airfoil's and Keras's formats, or an array file
 * between NumPy and CSV.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert between the formats Airfoil reads and writes.",
            "Models: .airfoil, .keras, .h5, .json  ->  .airfoil, .keras (Keras 3), .json (architecture only).",
            "Data:   .npy, .npz, .csv, IDX  ->  .npy, .npz, .csv (a CSV with --label becomes an .npz with x and y)."},
        footer = {"", "Examples:", "  airfoil convert mnist.airfoil mnist.keras       (load it in Python with keras.saving.load_model)",
            "  airfoil convert legacy_model.h5 model.airfoil", "  airfoil convert mnist.airfoil mlp.json",
            "  airfoil convert flowers.csv flowers.npz --label species"})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The file to read.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write; its extension picks the format.")
    Path out;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "For a CSV input: the label column (name or 0-based index), written as y beside x.")
    String label;

    @Override
    public Integer call() throws Exception {
        String inLower = in.toLowerCase(Locale.ROOT);
        if (TensorFiles.isDataFile(inLower)) {
            return convertData();
        }
        Path inPath = Path.of(in);
        ModelFiles.checkSavePath(out, "OUT");
        Model model = ModelFiles.load(inPath);
        if (!model.isBuilt() && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new CliException("model '" + model.name() + "' in " + in + " has no input shape, so it has no weights"
                    + " to write; convert it to .json, or add an Input layer");
        }
        ModelFiles.save(model, out);
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".airfoil")
                || out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".keras")) {
            Preprocessing.copy(inPath, out);
        }
        System.out.println("Converted " + in + " to " + out);
        return 0;
    }

    private Integer convertData() throws Exception {
        String ol = out.getFileName().toString().toLowerCase(Locale.ROOT);
        OutputFiles.checkWritable(out, "OUT");
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        Npz.Address a = Npz.parseAddress(in);
        if (TensorFiles.isCsv(in)) {
            Path p = Path.of(in);
            if (!Files.exists(p)) {
                throw new CliException("file not found: " + in + " (check the path)");
            }
            TensorFiles.requireRegularFile(p, "IN");
            if (label != null) {
                dev.airfoil.data.CsvReader r = TensorFiles.csvReader(p);
                r = label.matches("-?\\d+") ? r.withLabelColumn(Integer.parseInt(label)) : r.withLabelColumn(label);
                CsvData d = TensorFiles.readCsv(r, p);
                arrays.put("x", d.features());
                arrays.put("y", d.labels());
            } else {
                arrays.put("x", TensorFiles.read(in, "IN"));
            }
        } else if (a.arrayName() == null && a.file().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            if (!Files.exists(a.file())) {
                throw new CliException("file not found: " + in + " (check the path)");
            }
            TensorFiles.requireRegularFile(a.file(), "IN");
            arrays.putAll(Npz.read(a.file()));
        } else {
            arrays.put(a.arrayName() != null ? a.arrayName() : "x", TensorFiles.read(in, "IN"));
        }
        if (label != null && !TensorFiles.isCsv(in)) {
            throw new CliException("--label applies to CSV input only");
        }
        if (ol.endsWith(".npy") && arrays.size() > 1) {
            throw new CliException(in + " holds " + arrays.size() + " arrays " + arrays.keySet()
                    + "; write an .npz, or pick one as FILE.npz:NAME");
        }
        TensorFiles.write(out, arrays);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append(' ').append(TensorFiles.shape(e.getValue().shape())).append(' ')
                    .append(e.getValue().dtype().kerasName());
        }
        System.out.println("Converted " + in + " to " + out + ": " + b);
        return 0;
    }
}
