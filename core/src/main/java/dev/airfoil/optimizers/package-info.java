/**
 * Optimizers with Keras 3 semantics and defaults: {@link dev.airfoil.optimizers.SGD}, {@link
 * dev.airfoil.optimizers.Adam}, {@link dev.airfoil.optimizers.AdamW}, {@link
 * dev.airfoil.optimizers.RMSprop}, {@link dev.airfoil.optimizers.Adagrad}, {@link
 * dev.airfoil.optimizers.Adadelta}, {@link dev.airfoil.optimizers.Adamax}, {@link
 * dev.airfoil.optimizers.Nadam}, {@link dev.airfoil.optimizers.Lion}, {@link
 * dev.airfoil.optimizers.Ftrl}, {@link dev.airfoil.optimizers.Lamb} and {@link
 * dev.airfoil.optimizers.Adafactor}, sharing the base class
 * {@link dev.airfoil.optimizers.Optimizer} (clipping, decoupled weight decay, EMA, gradient
 * accumulation, loss scaling, constraints, saved state). Updates run in float32 with Keras's
 * operation order, so trajectories match Keras 3 to float32 rounding. Names resolve through
 * {@link dev.airfoil.optimizers.Optimizers}; learning-rate schedules live in {@link
 * dev.airfoil.optimizers.schedules}.
 */
package dev.airfoil.optimizers;
