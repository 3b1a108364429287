/** Small shared utilities: seeds, atomic file writes. */
package dev.airfoil.utils;
