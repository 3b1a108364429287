/**
 * Weight and activity penalties, one for one with Keras 3's {@code keras.regularizers}:
 * {@code L1}, {@code L2}, {@code L1L2} and {@code OrthogonalRegularizer}, with Keras's formulas,
 * defaults and config keys. Look them up with
 * {@link dev.airfoil.regularizers.Regularizers#get(Object)}.
 */
package dev.airfoil.regularizers;
