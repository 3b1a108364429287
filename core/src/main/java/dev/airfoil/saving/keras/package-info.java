/**
 * Keras interoperability: import of Keras 3 {@code .keras} archives, Keras 2 / tf.keras legacy
 * {@code .h5} whole-model files and Keras config JSON ({@link dev.airfoil.saving.keras.KerasModelImporter}),
 * and export to Keras 3 {@code .keras} ({@link dev.airfoil.saving.keras.KerasModelExporter}).
 *
 * <p>Files are untrusted input: sizes are checked against {@link dev.airfoil.saving.keras.KerasLimits}
 * before allocation, zip entries by {@link dev.airfoil.saving.keras.SafeZip}, names resolve only
 * through Airfoil's registries, nothing in a file is executed or followed, and every rejection is
 * a {@link dev.airfoil.saving.keras.KerasFileException} naming where the problem is.
 */
package dev.airfoil.saving.keras;
