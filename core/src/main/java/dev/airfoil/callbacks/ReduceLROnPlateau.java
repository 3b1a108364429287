package dev.airfoil.callbacks;

import dev.airfoil.optimizers.Optimizer;

import java.io.PrintStream;
import java.util.Map;

/**
 * Reduces the learning rate when a monitored quantity has stopped improving
 * ({@code keras.callbacks.ReduceLROnPlateau}, same defaults and decisions).
 *
 * <p>After {@code patience} epochs without an improvement larger than {@code minDelta}, the
 * optimizer's learning rate becomes {@code max(lr * factor, minLr)}, and then {@code cooldown}
 * epochs pass before waiting resumes. Mode {@code "auto"} picks the direction by the metric's Keras
 * name, like {@link EarlyStopping} ({@code loss}, {@code val_loss} and errors are minimised,
 * {@code accuracy}, {@code auc}, ... maximised) and fails for a name it cannot place, as Keras 3
 * does. The first monitored value of every {@code fit} is the best so far whatever it is (NaN
 * included). Every epoch end also records the current learning rate in the logs as
 * {@code learning_rate}.
 *
 * <pre>{@code
 * ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.2).patience(5).minLr(0.001);
 * }</pre>
 */
public class ReduceLROnPlateau extends Callback {
    private static final System.Logger LOG = System.getLogger(ReduceLROnPlateau.class.getName());

    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose = 0;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown = 0;
    private double minLr = 0.0;
    private PrintStream out = System.out;

    private int direction; // 0 until resolved at the first epoch end; +1 maximise, -1 minimise
    private double best;
    private boolean hasBest; // false until the first monitored value (Keras's best=None)
    private int wait;
    private int cooldownCounter;
    private boolean warned;

    /** Keras's defaults: monitor {@code val_loss}, factor 0.1, patience 10, minDelta 1e-4. */
    public ReduceLROnPlateau() {
        reset();
    }

    /** All of Keras's arguments, in Keras's order. */
    public ReduceLROnPlateau(String monitor, double factor, int patience, int verbose, String mode, double minDelta,
            int cooldown, double minLr) {
        monitor(monitor).factor(factor).patience(patience).verbose(verbose).mode(mode).minDelta(minDelta)
                .cooldown(cooldown).minLr(minLr);
    }

    /** The log key to watch (default {@code "val_loss"}). */
    public ReduceLROnPlateau monitor(String monitor) {
        this.monitor = monitor;
        reset();
        return this;
    }

    /** The factor applied to the learning rate, below 1 (default 0.1). */
    public ReduceLROnPlateau factor(double factor) {
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                    + PyFormat.repr(factor));
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before reducing (default 10). */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** 1 prints a message on every reduction; 0 is silent (default). */
    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}; anything else falls back to auto with a warning. */
    public ReduceLROnPlateau mode(String mode) {
        this.mode = mode;
        reset();
        return this;
    }

    /** The least change that counts as an improvement (its absolute value is used; default 1e-4). */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs to wait after a reduction before counting again (default 0). */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** The lower bound on the learning rate (default 0). */
    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    /** Where verbose messages go (default {@code System.out}). */
    public ReduceLROnPlateau out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The best monitored value so far (±infinity before the first; NaN when the first was NaN, as in Keras). */
    public double best() {
        return best;
    }

    /** Epochs since the last improvement. */
    public int waitCount() {
        return wait;
    }

    /** Whether a reduction happened less than {@code cooldown} epochs ago. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    private void reset() {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            LOG.log(System.Logger.Level.WARNING, "Learning rate reduction mode " + mode
                    + " is unknown, fallback to auto mode.");
            mode = "auto";
        }
        direction = "max".equals(mode) ? 1 : "min".equals(mode) ? -1 : 0;
        clearBest();
    }

    private void clearBest() {
        hasBest = false;
        best = direction > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    private void resolveDirection() {
        direction = MetricDirection.resolve("ReduceLROnPlateau", mode, monitor);
        best = direction > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        clearBest();
        warned = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (direction == 0) {
            resolveDirection();
        }
        Optimizer optimizer = model().optimizer();
        Logs.put(logs, "learning_rate", optimizer.learningRate());
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "Learning rate reduction is conditioned on metric `" + monitor
                        + "` which is not available. Available metrics are: "
                        + (logs == null ? "" : String.join(",", logs.keySet())) + ".");
            }
            return;
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (!hasBest || improved(current, best)) {
            best = current;
            hasBest = true;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience) {
                double oldLr = optimizer.learningRate();
                if (oldLr > (double) (float) minLr) {
                    double newLr = Math.max(oldLr * factor, minLr);
                    optimizer.setLearningRate(newLr);
                    if (verbose > 0) {
                        out.print("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                                + PyFormat.repr(newLr) + ".\n");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    private boolean improved(double current, double best) {
        return direction > 0 ? current - minDelta > best : current + minDelta < best;
    }
}
