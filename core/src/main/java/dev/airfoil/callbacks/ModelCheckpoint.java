package dev.airfoil.callbacks;

import dev.airfoil.saving.ModelArchive;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model or its weights during training ({@code keras.callbacks.ModelCheckpoint}), at
 * the end of every epoch or every {@code saveFreq} batches, optionally only when the monitored
 * quantity improved. Every write is atomic, so a crash never leaves a half-written checkpoint.
 *
 * <p>The file path may hold Python format fields filled from the epoch (1-based, as in Keras),
 * the batch (with a batch {@code saveFreq}) and the logs: {@code "ckpt/{epoch:02d}-{val_loss:.2f}.airfoil"}
 * becomes {@code ckpt/03-0.41.airfoil}. Supported specs: {@code d} with an optional zero-padded
 * width, {@code .Nf}, {@code .Ne}, and none ({@code {epoch}}, {@code {loss}} as Python's
 * {@code repr}). The path must end in {@code .airfoil} for whole models and in
 * {@code .weights.safetensors} with {@code saveWeightsOnly}.
 *
 * <p>With {@code saveBestOnly}, the file is written only when the monitored value beats the best so
 * far (starting from {@code initialValueThreshold} when given, else the first value is the best);
 * mode {@code "auto"} minimises losses and maximises accuracies by their Keras names, like
 * {@link EarlyStopping}. As in Keras 3, the best value is kept across {@code fit} calls of the same
 * callback, and a missing monitored value saves anyway, with a warning.
 *
 * <pre>{@code
 * new ModelCheckpoint("ckpt/best.airfoil").monitor("val_accuracy").saveBestOnly(true);
 * new ModelCheckpoint("ckpt/{epoch:02d}.weights.safetensors").saveWeightsOnly(true);
 * }</pre>
 */
public class ModelCheckpoint extends Callback {
    private static final System.Logger LOG = System.getLogger(ModelCheckpoint.class.getName());

    private final String filepath;
    private String monitor = "val_loss";
    private int verbose = 0;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private String mode = "auto";
    private Integer saveFreq; // null: every epoch
    private Double initialValueThreshold;
    private PrintStream out = System.out;

    private int direction; // +1 maximise, -1 minimise, 0 unresolved
    private Double best; // null until the first value or threshold (Keras's None); kept across fit() calls
    private int batchesSinceSave;
    private int currentEpoch;
    private String lastSaved;

    /** Saves the whole model at every epoch end to {@code filepath} (which may hold format fields). */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isEmpty()) {
            throw new IllegalArgumentException("ModelCheckpoint: filepath is required");
        }
        this.filepath = filepath;
    }

    /** {@link #ModelCheckpoint(String)} for a path. */
    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    /** All of Keras's arguments, in Keras's order ({@code saveFreq}: {@code "epoch"} or an integer). */
    public ModelCheckpoint(String filepath, String monitor, int verbose, boolean saveBestOnly, boolean saveWeightsOnly,
                           String mode, Object saveFreq, Double initialValueThreshold) {
        this(filepath);
        monitor(monitor).verbose(verbose).saveBestOnly(saveBestOnly).saveWeightsOnly(saveWeightsOnly).mode(mode)
                .saveFreq(saveFreq).initialValueThreshold(initialValueThreshold);
    }

    /** The log key to compare with {@code saveBestOnly} (default {@code "val_loss"}). */
    public ModelCheckpoint monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** 1 prints a line for every save (and every skipped best); 0 is silent (default). */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Whether to save only when the monitored value improves (default false). */
    public ModelCheckpoint saveBestOnly(boolean b) {
        this.saveBestOnly = b;
        return this;
    }

    /** Whether to save only the weights ({@code model.saveWeights}) rather than the whole model (default false). */
    public ModelCheckpoint saveWeightsOnly(boolean b) {
        this.saveWeightsOnly = b;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}; anything else falls back to auto with a warning. */
    public ModelCheckpoint mode(String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            LOG.log(System.Logger.Level.WARNING, "ModelCheckpoint mode '" + mode + "' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.mode = mode;
        return this;
    }

    /** {@code "epoch"} (default) or a positive number of batches between saves. */
    public ModelCheckpoint saveFreq(Object freq) {
        if ("epoch".equals(freq)) {
            this.saveFreq = null;
        } else if (freq instanceof Integer && (Integer) freq > 0) {
            this.saveFreq = (Integer) freq;
        } else {
            throw new IllegalArgumentException("ModelCheckpoint: Unrecognized save_freq: " + freq
                    + "; expected \"epoch\" or a positive integer");
        }
        return this;
    }

    /** The value the monitored quantity must beat for the first save with {@code saveBestOnly} (default none). */
    public ModelCheckpoint initialValueThreshold(Double threshold) {
        this.initialValueThreshold = threshold;
        this.best = threshold;
        return this;
    }

    /** Where verbose messages go (default {@code System.out}). */
    public ModelCheckpoint out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The best monitored value so far ({@code ±inf} before any). */
    public double best() {
        return best != null ? best : direction > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The path of the last file written, or null. */
    public String lastSaved() {
        return lastSaved;
    }

    private void checkExtension() {
        if (saveWeightsOnly && !filepath.endsWith(".weights.safetensors")) {
            throw new IllegalArgumentException("When using saveWeightsOnly=true in ModelCheckpoint, the filepath "
                    + "provided must end in `.weights.safetensors` (Airfoil's weights format). Received: filepath="
                    + filepath);
        }
        if (!saveWeightsOnly && !filepath.endsWith(ModelArchive.EXTENSION)) {
            throw new IllegalArgumentException("The filepath provided must end in `" + ModelArchive.EXTENSION
                    + "` (Airfoil's model format) when saving the whole model. Received: filepath=" + filepath);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        checkExtension();
        direction = "max".equals(mode) ? 1 : "min".equals(mode) ? -1 : 0;
        if (direction == 0 && saveBestOnly) {
            direction = MetricDirection.resolve("ModelCheckpoint", mode, monitor);
        }
        if (direction == 0) {
            direction = -1;
        }
        batchesSinceSave = 0;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq != null && ++batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save(currentEpoch, batch + 1, logs); // {batch} is 1-based in Keras, like {epoch}
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq == null) {
            save(epoch, null, logs);
        }
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Double> l = logs == null ? Map.of() : logs;
        String path = formatPath(filepath, epoch, batch, l);
        if (saveBestOnly) {
            Double current = l.get(monitor);
            if (current == null) {
                LOG.log(System.Logger.Level.WARNING, "Can save best model only with " + monitor
                        + " available, saving anyway (as Keras does).");
            } else {
                String bestText = best == null ? "None" : PyFormat.fixed(best, 5);
                boolean improved = best == null || (direction > 0 ? current > best : current < best);
                if (!improved) {
                    if (verbose > 0) {
                        out.print("\nEpoch " + (epoch + 1) + ": " + monitor + " did not improve from " + bestText
                                + "\n");
                    }
                    return;
                }
                if (verbose > 0) {
                    out.print("\nEpoch " + (epoch + 1) + ": " + monitor + " improved from " + bestText + " to "
                            + PyFormat.fixed(current, 5) + ", saving model to " + path + "\n");
                }
                best = current;
            }
        } else if (verbose > 0) {
            out.print("\nEpoch " + (epoch + 1) + ": saving model to " + path + "\n");
        }
        try {
            if (saveWeightsOnly) {
                model().saveWeights(Path.of(path));
            } else {
                model().save(Path.of(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot save to " + path + ": " + e.getMessage(), e);
        }
        lastSaved = path;
        if (verbose > 0) {
            out.print("\nEpoch " + (epoch + 1) + ": finished saving model to " + path + "\n");
        }
    }

    /**
     * Fills Python format fields: {@code {epoch}} (0-based {@code epoch} written 1-based), {@code {batch}}
     * (written as given; the callback passes the 1-based batch number) and any log key, with
     * the specs {@code d}, {@code 0Nd}, {@code .Nf}, {@code .Ne} or none.
     */
    static String formatPath(String pattern, int epoch, Integer batch, Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (ch == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                sb.append('{');
                i += 2;
                continue;
            }
            if (ch == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                sb.append('}');
                i += 2;
                continue;
            }
            if (ch != '{') {
                sb.append(ch);
                i++;
                continue;
            }
            int close = pattern.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException("ModelCheckpoint: unbalanced '{' in filepath " + pattern);
            }
            String field = pattern.substring(i + 1, close);
            int colon = field.indexOf(':');
            String key = colon < 0 ? field : field.substring(0, colon);
            String spec = colon < 0 ? "" : field.substring(colon + 1);
            Object value;
            if (key.equals("epoch")) {
                value = epoch + 1;
            } else if (key.equals("batch") && batch != null) {
                value = batch;
            } else if (logs.containsKey(key)) {
                value = logs.get(key);
            } else {
                throw new IllegalArgumentException("Failed to format this callback filepath: \"" + pattern
                        + "\". Reason: no value for '" + key + "'; available: epoch"
                        + (batch != null ? ", batch" : "") + ", " + logs.keySet());
            }
            sb.append(formatValue(value, spec, pattern));
            i = close + 1;
        }
        return sb.toString();
    }

    private static String formatValue(Object value, String spec, String pattern) {
        if (spec.isEmpty()) {
            return value instanceof Double ? PyFormat.repr((Double) value) : String.valueOf(value);
        }
        char type = spec.charAt(spec.length() - 1);
        String body = spec.substring(0, spec.length() - 1);
        double x = ((Number) value).doubleValue();
        try {
            switch (type) {
                case 'd': {
                    if (value instanceof Double) {
                        throw new IllegalArgumentException("Unknown format code 'd' for object of type 'float'");
                    }
                    boolean zero = body.startsWith("0");
                    int width = body.isEmpty() ? 0 : Integer.parseInt(body);
                    String s = Long.toString(Math.abs(((Number) value).longValue()));
                    String sign = ((Number) value).longValue() < 0 ? "-" : "";
                    int pad = width - s.length() - sign.length();
                    return pad > 0 ? (zero ? sign + "0".repeat(pad) + s : " ".repeat(pad) + sign + s) : sign + s;
                }
                case 'f':
                    return PyFormat.fixed(x, body.startsWith(".") ? Integer.parseInt(body.substring(1)) : 6);
                case 'e':
                    return PyFormat.sci(x, body.startsWith(".") ? Integer.parseInt(body.substring(1)) : 6);
                default:
                    throw new IllegalArgumentException("unsupported format spec '" + spec + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Failed to format this callback filepath: \"" + pattern
                    + "\". Reason: unsupported format spec '" + spec + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to format this callback filepath: \"" + pattern
                    + "\". Reason: " + e.getMessage(), e);
        }
    }
}
