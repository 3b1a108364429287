/**
 * Keras's preprocessing layers: {@link dev.airfoil.layers.preprocessing.Normalization} (statistics given or
 * adapted from data), {@link dev.airfoil.layers.preprocessing.Rescaling}, and the image layers
 * {@link dev.airfoil.layers.preprocessing.CenterCrop} and {@link dev.airfoil.layers.preprocessing.Resizing}.
 * They are ordinary layers: they go in a model, save with it and import from Keras files.
 */
package dev.airfoil.layers.preprocessing;
