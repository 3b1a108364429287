/**
 * Normalization layers as in Keras: {@code BatchNormalization} (moving statistics as
 * non-trainable weights), {@code LayerNormalization}, {@code GroupNormalization},
 * {@code UnitNormalization}.
 */
package dev.airfoil.layers.normalization;
