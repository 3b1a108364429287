/**
 * Learning-rate schedules (Keras {@code keras.optimizers.schedules}): {@link
 * dev.airfoil.optimizers.schedules.ExponentialDecay}, {@link
 * dev.airfoil.optimizers.schedules.InverseTimeDecay}, {@link
 * dev.airfoil.optimizers.schedules.PiecewiseConstantDecay}, {@link
 * dev.airfoil.optimizers.schedules.PolynomialDecay}, {@link
 * dev.airfoil.optimizers.schedules.CosineDecay} and {@link
 * dev.airfoil.optimizers.schedules.CosineDecayRestarts}, computed in float32 with Keras's
 * formulas, serialised with Keras's configs, and resolved through {@link
 * dev.airfoil.optimizers.schedules.Schedules}.
 */
package dev.airfoil.optimizers.schedules;
