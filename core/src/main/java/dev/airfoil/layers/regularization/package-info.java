/**
 * Regularisation layers: Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, AlphaDropout and
 * ActivityRegularization; each takes an explicit seed (or one from {@link dev.airfoil.utils.Seeds}) and acts
 * only in training.
 */
package dev.airfoil.layers.regularization;
