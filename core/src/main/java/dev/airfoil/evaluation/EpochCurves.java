package dev.airfoil.evaluation;

import dev.airfoil.visualization.LineChart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training and validation loss and metrics per epoch (from a {@code History}), with a diagnosis and
 * plots.
 *
 * <pre>{@code
 * EpochCurves c = LearningCurves.fromHistory(model.fit(x, y, options));
 * System.out.println(c.diagnose());           // OVERFIT: validation loss lowest at epoch 12 (0.081) ...
 * c.writePlots(Path.of("out"), "mnist");      // mnist_loss.png/.svg, mnist_accuracy.png/.svg
 * }</pre>
 *
 * @param series name ({@code loss}, {@code val_loss}, {@code accuracy}, ...) to per-epoch values
 */
public record EpochCurves(Map<String, double[]> series) {
    /** Copies the series, keeping their order. */
    public EpochCurves {
        Map<String, double[]> m = new LinkedHashMap<>();
        series.forEach((k, v) -> m.put(k, v.clone()));
        series = Collections.unmodifiableMap(m);
    }

    /** Values of one series (a copy). */
    public double[] get(String name) {
        double[] v = series.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no series '" + name + "'; have " + series.keySet());
        }
        return v.clone();
    }

    /** Number of epochs. */
    public int epochs() {
        return series.isEmpty() ? 0 : series.values().iterator().next().length;
    }

    /** The metric names that have a training and a validation series, loss first. */
    public List<String> pairedNames() {
        List<String> out = new ArrayList<>();
        for (String k : series.keySet()) {
            if (!k.startsWith("val_") && series.containsKey("val_" + k)) {
                out.add(k);
            }
        }
        if (out.remove("loss")) {
            out.add(0, "loss");
        }
        return out;
    }

    /** The diagnosis with the default thresholds: rise 10%, train-loss ratio 0.5, recent improvement 10%. */
    public Diagnosis diagnose() {
        return diagnose(Double.NaN, 0.10, 0.5);
    }

    /**
     * The diagnosis. Rules, in order:
     * <ol>
     *   <li>over-fit when the validation loss ended more than {@code riseTolerance} (relative) above its
     *       minimum, reached before the last epoch; it over-fits from the epoch after the minimum;</li>
     *   <li>under-fit when the final training loss is above {@code underfitRatio} times the reference
     *       loss (the given one, such as ln K for a K-class problem or the target variance for
     *       regression, else the first epoch's training loss), or when the training loss, still above 10% of the
     *       reference, fell by more than 10% over the last quarter of the epochs (train longer or use a
     *       bigger model);</li>
     *   <li>balanced otherwise.</li>
     * </ol>
     *
     * @param referenceLoss the loss of a trivial model (NaN: the first epoch's training loss)
     * @param riseTolerance relative rise of the validation loss that counts as over-fitting
     * @param underfitRatio final-to-reference training loss ratio above which the model under-fits
     * @return the diagnosis
     */
    public Diagnosis diagnose(double referenceLoss, double riseTolerance, double underfitRatio) {
        double[] loss = get("loss");
        int e = loss.length;
        if (e == 0) {
            throw new IllegalArgumentException("the history has no epochs");
        }
        double[] val = series.get("val_loss");
        double finalTrain = loss[e - 1];
        double ref = Double.isNaN(referenceLoss) ? loss[0] : referenceLoss;
        double ratio = finalTrain / ref;
        int q = Math.max(1, e / 4);
        double recent = e > q ? (loss[e - 1 - q] - finalTrain) / Math.abs(loss[e - 1 - q]) : 0;
        int best = -1;
        double bestVal = Double.NaN;
        double finalVal = Double.NaN;
        double rise = Double.NaN;
        double gap = Double.NaN;
        if (val != null && val.length == e) {
            best = 0;
            for (int i = 1; i < e; i++) {
                if (val[i] < val[best]) {
                    best = i;
                }
            }
            bestVal = val[best];
            finalVal = val[e - 1];
            rise = (finalVal - bestVal) / Math.abs(bestVal);
            gap = finalVal - finalTrain;
            if (best < e - 1 && rise > riseTolerance) {
                String why = Diagnosis.fmt("validation loss lowest at epoch %d (%.4f), then rose %.1f%% to %.4f by"
                                + " epoch %d while the training loss fell to %.4f (gap %.4f); over-fitting from epoch %d"
                                + " (stop early, regularise, or get more data)", best + 1, bestVal, rise * 100, finalVal,
                        e, finalTrain, gap, best + 2);
                return new Diagnosis(Diagnosis.Verdict.OVERFIT, best + 2, best + 1, bestVal, finalTrain, finalVal, gap,
                        rise, ratio, recent, why);
            }
        }
        if (ratio > underfitRatio || (recent > 0.10 && ratio > 0.1)) {
            String why = ratio > underfitRatio
                    ? Diagnosis.fmt("final training loss %.4f is %.0f%% of the reference loss %.4f (limit %.0f%%)",
                            finalTrain, ratio * 100, ref, underfitRatio * 100)
                    : Diagnosis.fmt("training loss still fell %.1f%% over the last %d epochs (to %.4f)", recent * 100,
                            q, finalTrain);
            why += best >= 0 ? Diagnosis.fmt("; validation loss %.4f (best %.4f at epoch %d)", finalVal, bestVal,
                    best + 1) : "";
            return new Diagnosis(Diagnosis.Verdict.UNDERFIT, -1, best + (best >= 0 ? 1 : 0), bestVal, finalTrain,
                    finalVal, gap, rise, ratio, recent, why + " (train longer or use a bigger model)");
        }
        String why = Diagnosis.fmt("training loss %.4f (%.0f%% of reference %.4f)", finalTrain, ratio * 100, ref)
                + (best >= 0 ? Diagnosis.fmt(", validation loss %.4f within %.1f%% of its best %.4f (epoch %d), gap %.4f",
                finalVal, rise * 100, bestVal, best + 1, gap) : ", no validation data");
        return new Diagnosis(Diagnosis.Verdict.BALANCED, -1, best + (best >= 0 ? 1 : 0), bestVal, finalTrain, finalVal,
                gap, rise, ratio, recent, why);
    }

    /**
     * A chart of a metric and its validation twin per epoch.
     *
     * @param metric {@code "loss"}, {@code "accuracy"}, ...
     * @param title  chart title
     * @return the chart
     */
    public LineChart chart(String metric, String title) {
        LineChart c = new LineChart(title).xLabel("epoch").yLabel(metric);
        c.addSeries(metric, get(metric));
        if (series.containsKey("val_" + metric)) {
            c.addSeries("val_" + metric, get("val_" + metric));
        }
        return c;
    }

    /**
     * Writes {@code <prefix>_<metric>.png} and {@code .svg} for every metric with a validation twin
     * (or just the loss).
     *
     * @param dir    output folder (created)
     * @param prefix file name prefix
     * @return the files written
     */
    public List<Path> writePlots(Path dir, String prefix) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        List<String> names = pairedNames();
        if (names.isEmpty()) {
            names = List.of("loss");
        }
        List<Path> out = new ArrayList<>();
        for (String m : names) {
            LineChart c = chart(m, prefix + ": " + m);
            for (String ext : List.of(".png", ".svg")) {
                Path p = dir.resolve(prefix + "_" + m + ext);
                c.write(p);
                out.add(p);
            }
        }
        return out;
    }
}
