package dev.airfoil.training;

import dev.airfoil.callbacks.Callback;

import java.util.List;

/**
 * Where a model's training loop stands: the shuffle seed of the run and the position (epoch, and
 * batch within it) reached so far. {@code fit} creates one per run and hands it to the model
 * ({@link dev.airfoil.models.Model#fitState()}) before calling the callbacks' {@code onTrainBegin};
 * a callback that restores a backup ({@link dev.airfoil.callbacks.BackupAndRestore}) moves the
 * starting position and seed with {@link #resumeAt} and {@link #setSeed}, and {@code fit} then
 * starts from there. The saved form ({@code training.json} in a {@code .airfoil} file) is what
 * makes an interrupted run continue exactly: same data order, same remaining steps.
 *
 * <p>Positions count completed work: {@code epoch} is the index of the epoch being run (equal to
 * the number of completed epochs), {@code step} the number of batches completed in it.
 *
 * <pre>{@code
 * FitState s = model.fitState();   // during or after fit
 * s.epoch(); s.step(); s.seed();
 * }</pre>
 */
public final class FitState {
    private long seed;
    private int epoch;
    private int step;
    private final boolean restored;
    private final List<Callback> callbacks;

    private FitState(long seed, int epoch, int step, boolean restored, List<Callback> callbacks) {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("FitState: epoch and step must be >= 0, got " + epoch + ", " + step);
        }
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
        this.restored = restored;
        this.callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
    }

    /** The state at the start of a run (used by {@code fit}). */
    static FitState start(long seed, int initialEpoch, List<Callback> callbacks) {
        return new FitState(seed, initialEpoch, 0, false, callbacks);
    }

    /**
     * A state read back from a file: the next {@code fit} of the model without an explicit seed
     * shuffles with {@code seed}, so it continues the saved run's data order.
     *
     * @param seed  the saved run's shuffle seed
     * @param epoch the number of completed epochs
     * @param step  batches completed in the epoch {@code epoch}
     * @return the restored state
     */
    public static FitState restored(long seed, int epoch, int step) {
        return new FitState(seed, epoch, step, true, List.of());
    }

    /** The shuffle seed of the run. */
    public long seed() {
        return seed;
    }

    /** The epoch being run, which is also the number of completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** The number of batches completed in {@link #epoch()}. */
    public int step() {
        return step;
    }

    /** Whether this state was read from a file rather than made by a running {@code fit}. */
    public boolean isRestored() {
        return restored;
    }

    /** The user's callbacks of the run (empty for a restored state). */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /**
     * Moves the starting position; call from {@code onTrainBegin} only.
     *
     * @param epoch the epoch to start with (completed epochs so far)
     * @param step  batches of that epoch already done
     */
    public void resumeAt(int epoch, int step) {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("FitState.resumeAt: epoch and step must be >= 0, got " + epoch + ", " + step);
        }
        this.epoch = epoch;
        this.step = step;
    }

    /** Replaces the shuffle seed; call from {@code onTrainBegin} only. */
    public void setSeed(long seed) {
        this.seed = seed;
    }

    void stepDone(int epochIndex, int stepsDone) {
        this.epoch = epochIndex;
        this.step = stepsDone;
    }

    void epochDone(int epochIndex) {
        this.epoch = epochIndex + 1;
        this.step = 0;
    }

    @Override
    public String toString() {
        return "FitState{epoch=" + epoch + ", step=" + step + ", seed=" + seed + (restored ? ", restored" : "") + "}";
    }
}
