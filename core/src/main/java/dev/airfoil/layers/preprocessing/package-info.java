/**
 * Keras's preprocessing layers: {@link dev.airfoil.layers.preprocessing.Normalization} (statistics given or
 * adapted from data), {@link dev.airfoil.layers.preprocessing.Rescaling}, the image layers
 * {@link dev.airfoil.layers.preprocessing.CenterCrop} and {@link dev.airfoil.layers.preprocessing.Resizing},
 * and the categorical layers {@link dev.airfoil.layers.preprocessing.CategoryEncoding} and
 * {@link dev.airfoil.layers.preprocessing.Discretization}, and the augmentation layers
 * {@link dev.airfoil.layers.preprocessing.RandomFlip} and {@link dev.airfoil.layers.preprocessing.RandomContrast}
 * (random in training, the identity in inference). They are ordinary layers: they go in a model,
 * save with it and import from Keras files. Layers that learn their state from data implement
 * {@link dev.airfoil.layers.preprocessing.Adaptable}.
 */
package dev.airfoil.layers.preprocessing;
