package dev.airfoil.callbacks;

import dev.airfoil.tensor.Tensor;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving
 * ({@code keras.callbacks.EarlyStopping}, same defaults and decisions).
 *
 * <p>At the end of every epoch from {@code startFromEpoch} on, the monitored value counts as an
 * improvement when it beats the best so far by more than {@code minDelta}. After {@code patience}
 * epochs without one (and never at epoch 0), training stops. With {@code baseline}, the wait only
 * restarts on values that also beat the baseline. With {@code restoreBestWeights}, the weights of
 * the best epoch are restored when training ends — also when it ran to the last epoch without
 * stopping early, as Keras 3 does. The first monitored value of every {@code fit} is the best so far
 * whatever it is (NaN included), and each {@code fit} starts afresh.
 *
 * <p>Mode {@code "auto"} minimises {@code loss} and {@code val_loss} and picks the direction of
 * other metrics by their Keras name ({@code accuracy}, {@code auc}, {@code precision}, ... are
 * maximised; {@code mean_squared_error}, {@code *_crossentropy}, ... minimised); an unknown name
 * fails as in Keras — pass {@code "min"} or {@code "max"}.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * }</pre>
 */
public class EarlyStopping extends Callback {
    private static final System.Logger LOG = System.getLogger(EarlyStopping.class.getName());

    private String monitor = "val_loss";
    private double minDelta = 0;
    private int patience = 0;
    private int verbose = 0;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch = 0;
    private PrintStream out = System.out;

    private int direction; // 0 until resolved at the first epoch end; +1 maximise, -1 minimise
    private double signedMinDelta;
    private double best;
    private boolean hasBest; // false until the first monitored value (Keras's best=None), which always counts
    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private List<Tensor> bestWeights;
    private boolean warned;

    /** Keras's defaults: monitor {@code val_loss}, patience 0, mode auto. */
    public EarlyStopping() {
    }

    /** All of Keras's arguments, in Keras's order. */
    public EarlyStopping(String monitor, double minDelta, int patience, int verbose, String mode, Double baseline,
            boolean restoreBestWeights, int startFromEpoch) {
        monitor(monitor).minDelta(minDelta).patience(patience).verbose(verbose).mode(mode).baseline(baseline)
                .restoreBestWeights(restoreBestWeights).startFromEpoch(startFromEpoch);
    }

    /** The log key to watch (default {@code "val_loss"}). */
    public EarlyStopping monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** The least change that counts as an improvement (its absolute value is used; default 0). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement before stopping (default 0). */
    public EarlyStopping patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** 1 prints when stopping and restoring; 0 is silent (default). */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}; anything else falls back to auto with a warning. */
    public EarlyStopping mode(String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            LOG.log(System.Logger.Level.WARNING, "EarlyStopping mode " + mode + " is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.mode = mode;
        return this;
    }

    /** A value the monitored quantity must beat to restart the wait (default none). */
    public EarlyStopping baseline(Double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Whether to restore the best epoch's weights at the end of training (default false). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs of warm-up before monitoring starts (default 0). */
    public EarlyStopping startFromEpoch(int epoch) {
        this.startFromEpoch = epoch;
        return this;
    }

    /** Where verbose messages go (default {@code System.out}). */
    public EarlyStopping out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, or 0 when it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far (±infinity before the first; NaN when the first was NaN, as in Keras). */
    public double best() {
        return best;
    }

    /** Epochs since the last improvement. */
    public int waitCount() {
        return wait;
    }

    private void resolveDirection() {
        direction = MetricDirection.resolve("EarlyStopping", mode, monitor);
        signedMinDelta = direction < 0 ? -minDelta : minDelta;
        clearBest();
    }

    private void clearBest() {
        hasBest = false;
        best = direction < 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        bestWeights = null;
        bestEpoch = 0;
        warned = false;
        clearBest(); // every fit() starts afresh, as Keras's on_train_begin does
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (direction == 0) {
            resolveDirection();
        }
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "Early stopping conditioned on metric `" + monitor
                        + "` which is not available. Available metrics are: "
                        + (logs == null ? "" : String.join(",", logs.keySet())));
            }
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (!hasBest || isImprovement(current, best)) {
            best = current;
            hasBest = true;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            out.print("Epoch " + (stoppedEpoch + 1) + ": early stopping" + "\n");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                out.print("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + "." + "\n");
            }
            model().setWeights(bestWeights);
        }
    }

    private boolean isImprovement(double value, double reference) {
        double shifted = value - signedMinDelta;
        return direction < 0 ? shifted < reference : shifted > reference;
    }
}
