/**
 * Core layers: Dense (acting on the last axis), Activation, Identity, Embedding and Masking, and the mask
 * mechanism of sequence layers.
 */
package dev.airfoil.layers.core;
