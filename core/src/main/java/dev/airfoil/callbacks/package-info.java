/**
 * Training callbacks, one for one with {@code keras.callbacks}: hooks called by {@code fit},
 * {@code evaluate} and {@code predict}.
 *
 * <ul>
 *   <li>{@link dev.airfoil.callbacks.Callback} — the base class with Keras's hooks;
 *       {@link dev.airfoil.callbacks.CallbackList} calls many in order and adds the defaults.</li>
 *   <li>{@link dev.airfoil.callbacks.History} — per-epoch logs, returned by {@code fit}.</li>
 *   <li>{@link dev.airfoil.callbacks.ProgbarLogger} and {@link dev.airfoil.callbacks.Progbar} —
 *       Keras 3's progress bar, the same text as Keras
 *       ({@code 250/250 ━━━━━━━━━━━━━━━━━━━━ 2s 7ms/step - accuracy: 0.9100 - loss: 0.3012}).</li>
 *   <li>{@link dev.airfoil.callbacks.EarlyStopping}, {@link dev.airfoil.callbacks.ReduceLROnPlateau},
 *       {@link dev.airfoil.callbacks.LearningRateScheduler},
 *       {@link dev.airfoil.callbacks.TerminateOnNaN} — training control with Keras's defaults and
 *       decisions.</li>
 *   <li>{@link dev.airfoil.callbacks.CSVLogger} — epoch results to a CSV file in Keras's format.</li>
 *   <li>{@link dev.airfoil.callbacks.LambdaCallback} — a callback made of functions.</li>
 * </ul>
 *
 * <p>Epoch and batch numbers are 0-based; logs map metric names to values. Callbacks with verbose
 * output take a {@link java.io.PrintStream} (default {@code System.out}).
 */
package dev.airfoil.callbacks;
