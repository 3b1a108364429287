/**
 * Weight constraints applied after each optimizer step, one for one with Keras 3's
 * {@code keras.constraints}: {@code MaxNorm}, {@code MinMaxNorm}, {@code NonNeg} and
 * {@code UnitNorm}, with Keras's formulas (including {@code epsilon = 1e-7}), defaults and config
 * keys. Look them up with {@link dev.airfoil.constraints.Constraints#get(Object)}.
 */
package dev.airfoil.constraints;
