/**
 * Reshaping layers: Flatten, Reshape, Permute, RepeatVector, Cropping1D/2D/3D, UpSampling1D/2D/3D and
 * ZeroPadding1D/2D/3D.
 */
package dev.airfoil.layers.reshaping;
