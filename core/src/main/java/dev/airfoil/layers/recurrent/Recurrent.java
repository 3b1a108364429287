package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.core.SupportsMasking;

/**
 * What {@link Bidirectional} and the rest of Airfoil need to know of a recurrent layer, whether a
 * {@link SimpleRNN}, {@link LSTM}, {@link GRU} or a generic {@link RNN} over a cell: Keras's {@code RNN}
 * sequence arguments and the sizes of its states.
 */
public interface Recurrent extends SupportsMasking {
    /** Whether the full sequence is returned. */
    boolean returnSequences();

    /** Whether the final states are returned after the output. */
    boolean returnState();

    /** Whether the sequence is processed in reverse. */
    boolean goBackwards();

    /** Whether the final states of a call are the initial states of the next. */
    boolean stateful();

    /** The size of each state, in the order the initial and returned states take. */
    int[] stateSizes();
}
