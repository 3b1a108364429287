package dev.airfoil.callbacks;

import java.io.PrintStream;
import java.util.Map;

/**
 * Stops training when a batch loss is NaN or infinite ({@code keras.callbacks.TerminateOnNaN}).
 *
 * <p>By default training stops gracefully after the batch (other callbacks still see
 * {@code onTrainEnd}); with {@code raiseError} it throws an {@link IllegalStateException} at once.
 *
 * <pre>{@code
 * new TerminateOnNaN();          // prints "Batch 3: Invalid loss, terminating training" and stops
 * new TerminateOnNaN(true);      // throws
 * }</pre>
 */
public class TerminateOnNaN extends Callback {
    private final boolean raiseError;
    private PrintStream out = System.out;

    /** Graceful termination. */
    public TerminateOnNaN() {
        this(false);
    }

    /** Graceful termination, or an exception when {@code raiseError}. */
    public TerminateOnNaN(boolean raiseError) {
        this.raiseError = raiseError;
    }

    /** Where the message goes (default {@code System.out}). */
    public TerminateOnNaN out(PrintStream out) {
        this.out = out;
        return this;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            if (raiseError) {
                throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: "
                        + PyFormat.repr(loss) + ". Terminating training immediately.");
            }
            out.print("Batch " + batch + ": Invalid loss, terminating training\n");
            out.flush();
            model().setStopTraining(true);
        }
    }
}
