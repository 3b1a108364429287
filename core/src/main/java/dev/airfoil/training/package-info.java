/**
 * The training loop behind {@code compile}, {@code fit}, {@code evaluate}, {@code trainOnBatch} and
 * {@code testOnBatch}: {@link dev.airfoil.training.CompileOptions} and {@link dev.airfoil.training.FitOptions}
 * with Keras's names and defaults, the compile state ({@link dev.airfoil.training.Compiled}: optimizer,
 * losses, metrics, log names) and the epoch loop ({@link dev.airfoil.training.Trainer}).
 */
package dev.airfoil.training;
