package dev.airfoil.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Prints training progress as Keras 3 does ({@code keras.callbacks.ProgbarLogger}); {@code fit}
 * adds one automatically unless verbose is 0.
 *
 * <p>With more than one epoch, each epoch starts with {@code Epoch 1/5}. Verbose 1 then redraws a
 * {@link Progbar} after every batch (at most every 0.05 s); verbose 2 prints one line per epoch:
 * <pre>
 * Epoch 1/5
 * 250/250 - 2s - 7ms/step - accuracy: 0.9100 - loss: 0.3012 - val_accuracy: 0.9300 - val_loss: 0.2512
 * </pre>
 * Metrics print in the order of the logs ({@code fit} sorts the training metrics by name, as Keras
 * does, so {@code loss} comes after {@code accuracy}; validation metrics follow). Verbose
 * {@code "auto"} becomes 1 when {@link System#console()} exists and 2 otherwise (CI logs, IDE
 * consoles, redirected output) — Keras always picks 1.
 *
 * <p>Inside {@code fit}, validation runs silently; standalone {@code evaluate} and {@code predict}
 * show their own bar.
 *
 * <pre>{@code
 * // among fit's callbacks, replaces the default logger: prints to a stream, one line per epoch
 * Callback logger = new ProgbarLogger(myStream);
 * }</pre>
 */
public class ProgbarLogger extends Callback {
    private PrintStream out = System.out;
    private LongSupplier clock = System::nanoTime;
    private Boolean interactive;
    private boolean colors = true;
    private Progbar progbar;
    private Integer target;
    private int verbose = 1;
    private int epochs = 1;
    private int seen;
    private boolean calledInFit;

    /** A logger printing to {@code System.out}. */
    public ProgbarLogger() {
    }

    /** A logger printing to {@code out}. */
    public ProgbarLogger(PrintStream out) {
        this.out = out;
    }

    /** Prints to {@code out} instead of {@code System.out}. */
    public ProgbarLogger out(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The time source in nanoseconds (default {@code System::nanoTime}); for tests. */
    public ProgbarLogger clock(LongSupplier nanoTime) {
        this.clock = nanoTime;
        return this;
    }

    /**
     * Overrides the terminal detection used to resolve verbose {@code "auto"} (true: 1, false: 2);
     * null (the default) asks {@link System#console()}.
     */
    public ProgbarLogger interactive(Boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    /** Whether verbose 1 writes ANSI colours (default true, as Keras). */
    public ProgbarLogger colors(boolean colors) {
        this.colors = colors;
        return this;
    }

    /** The resolved verbosity (0, 1 or 2). */
    public int verbose() {
        return verbose;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        this.verbose = resolveVerbose(params.getOrDefault("verbose", "auto"), interactive);
        Object e = params.get("epochs");
        this.epochs = e instanceof Number n ? n.intValue() : 1;
        Object s = params.get("steps");
        this.target = s instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    /**
     * Resolves a verbose argument: an integer 0, 1 or 2, or {@code "auto"} (1 on a terminal, else 2).
     *
     * @param interactive whether output is a terminal; null asks {@link System#console()}
     */
    public static int resolveVerbose(Object verbose, Boolean interactive) {
        if (verbose instanceof Number n) {
            int v = n.intValue();
            if (v < 0 || v > 2) {
                throw new IllegalArgumentException("verbose must be 0, 1, 2 or \"auto\"; received " + verbose);
            }
            return v;
        }
        if (verbose == null || "auto".equals(verbose)) {
            boolean tty = interactive != null ? interactive : System.console() != null;
            return tty ? 1 : 2;
        }
        throw new IllegalArgumentException("verbose must be 0, 1, 2 or \"auto\"; received " + verbose);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            resetProgbar();
            maybeInitProgbar();
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        resetProgbar();
        maybeInitProgbar();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        resetProgbar();
        maybeInitProgbar();
        if (verbose != 0 && epochs > 1) {
            out.print("Epoch " + (epoch + 1) + "/" + epochs + "\n");
            out.flush();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        updateProgbar(batch, logs);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            updateProgbar(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        updateProgbar(batch, null);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finalizeProgbar(logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finalizeProgbar(logs);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finalizeProgbar(logs);
    }

    private void resetProgbar() {
        seen = 0;
        progbar = null;
    }

    private void maybeInitProgbar() {
        if (progbar == null) {
            progbar = Progbar.builder(target).verbose(verbose).unitName("step").out(out).clock(clock)
                    .colors(colors).build();
        }
    }

    private void updateProgbar(int batch, Map<String, Double> logs) {
        maybeInitProgbar();
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs == null ? Map.of() : logs, false);
        }
    }

    private void finalizeProgbar(Map<String, Double> logs) {
        maybeInitProgbar();
        if (target == null) {
            target = seen;
            progbar.setTarget(target);
        }
        progbar.update(target, logs == null ? Map.of() : logs, true);
    }
}
