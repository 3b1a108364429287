package dev.airfoil.layers;

/**
 * A layer that draws random numbers in training (dropout, noise, recurrent dropout, attention
 * dropout). Its generator's state is saved with the model's training state (an {@code .airfoil}
 * file and {@link dev.airfoil.callbacks.BackupAndRestore}'s backups), so a resumed run draws the
 * masks an uninterrupted one would.
 */
public interface RandomState {

    /** The layer's generator. */
    LayerRandom random();
}
