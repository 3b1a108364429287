/**
 * The Keras layer contract ({@link dev.airfoil.layers.Layer}), weights ({@link dev.airfoil.layers.Variable}),
 * the functional API's symbolic tensors ({@link dev.airfoil.layers.Input}, {@link dev.airfoil.layers.KerasTensor},
 * {@link dev.airfoil.layers.Node}), Keras-style names and the layer registry ({@link dev.airfoil.layers.Layers}).
 * Layer families live in sub-packages named as Keras names them.
 */
package dev.airfoil.layers;
