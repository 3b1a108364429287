/**
 * Keras's preprocessing layers: {@link dev.airfoil.layers.preprocessing.Normalization} (statistics given or
 * adapted from data), {@link dev.airfoil.layers.preprocessing.Rescaling}, the image layers
 * {@link dev.airfoil.layers.preprocessing.CenterCrop} and {@link dev.airfoil.layers.preprocessing.Resizing},
 * and the categorical layers {@link dev.airfoil.layers.preprocessing.CategoryEncoding} and
 * {@link dev.airfoil.layers.preprocessing.Discretization}, and the augmentation layers
 * {@link dev.airfoil.layers.preprocessing.RandomFlip}, {@link dev.airfoil.layers.preprocessing.RandomContrast},
 * {@link dev.airfoil.layers.preprocessing.RandomBrightness}, {@link dev.airfoil.layers.preprocessing.RandomCrop}
 * and the geometric {@link dev.airfoil.layers.preprocessing.RandomTranslation},
 * {@link dev.airfoil.layers.preprocessing.RandomZoom} and {@link dev.airfoil.layers.preprocessing.RandomRotation},
 * which share one affine image transform with Keras's fill modes and interpolations (random in training,
 * the identity in inference; RandomCrop crops to the aspect ratio and resizes). They are ordinary layers: they go in a model,
 * save with it and import from Keras files. Layers that learn their state from data implement
 * {@link dev.airfoil.layers.preprocessing.Adaptable}.
 */
package dev.airfoil.layers.preprocessing;
