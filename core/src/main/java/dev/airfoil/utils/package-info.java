/** Small shared utilities: seeds, formatting. */
package dev.airfoil.utils;
